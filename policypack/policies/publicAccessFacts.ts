// What blocks public access to a bucket: its own public access block(s), and an account-level one in the
// same account ("Amazon S3 User Guide: Blocking public access to your Amazon S3 storage": S3 applies the
// most restrictive combination of the bucket-level and account-level settings).
import { Maybe } from "../model/policyDocument";
import { BucketModel, PublicAccessBlockConfig, PublicAccessFlag, StackIndex } from "../model/stackIndex";
import { Tri } from "../model/tri";
import { asString, isUnknown, UNKNOWN } from "../model/values";

/** The account an account-level block applies to: its `accountId` input, else its provider's account. */
function blockAccount(block: PublicAccessBlockConfig): Maybe<string> | undefined {
    return asString(block.resource.props["accountId"]) ?? block.resource.account;
}

/** Account-level blocks of the bucket's account (same known account id, or the same provider). */
export function accountBlocksFor(index: StackIndex, bucket: BucketModel): PublicAccessBlockConfig[] {
    const account = bucket.resource.account;
    return index.accountPublicAccessBlocks.filter((block) => {
        const other = blockAccount(block);
        if (typeof other === "string" && typeof account === "string") {
            return other === account;
        }
        return other === undefined && block.resource.providerUrn !== undefined && block.resource.providerUrn === bucket.resource.providerUrn;
    });
}

/** True when an account-level block of the bucket's account has `flag` on. */
export function accountBlocks(blocks: readonly PublicAccessBlockConfig[], flag: PublicAccessFlag): boolean {
    return blocks.some((b) => b.flags[flag] === true);
}

/** Is `flag` in effect for the bucket: true, false, or UNKNOWN while a setting can't be read. */
export function effectiveFlag(index: StackIndex, bucket: BucketModel, flag: PublicAccessFlag): Maybe<boolean> {
    const blocks = [...bucket.publicAccessBlocks, ...accountBlocksFor(index, bucket)];
    if (blocks.some((b) => b.flags[flag] === true)) {
        return true;
    }
    return blocks.some((b) => isUnknown(b.flags[flag])) ? UNKNOWN : false;
}

/**
 * Whether S3 ignores the bucket's ACLs: ignorePublicAcls in effect ("Blocking public access: IgnorePublicAcls"),
 * or ACLs disabled by BucketOwnerEnforced ("Controlling ownership of objects and disabling ACLs").
 */
export function aclsNeutralised(index: StackIndex, bucket: BucketModel): Tri {
    if (bucket.ownership.some((o) => o.objectOwnership === "BucketOwnerEnforced")) {
        return true;
    }
    const ignore = effectiveFlag(index, bucket, "ignorePublicAcls");
    if (ignore === true) {
        return true;
    }
    return isUnknown(ignore) || bucket.ownership.some((o) => isUnknown(o.objectOwnership)) ? UNKNOWN : false;
}

const aclUrns = new WeakMap<StackIndex, ReadonlySet<string>>();
const ownershipUrns = new WeakMap<StackIndex, ReadonlySet<string>>();

/** The ACLs s3-bucket-no-public-acl reads: those of buckets whose ACLs are not known to be disabled or ignored. */
export function aclResourcesToRead(index: StackIndex): ReadonlySet<string> {
    let urns = aclUrns.get(index);
    if (urns === undefined) {
        urns = new Set(index.buckets.filter((b) => b.acls.length > 0 && aclsNeutralised(index, b) !== true).flatMap((b) => b.acls.map((a) => a.resource.urn)));
        aclUrns.set(index, urns);
    }
    return urns;
}

/** The ownership controls s3-bucket-no-public-acl reads: those of buckets with an ACL that is or may be public. */
export function ownershipResourcesToRead(index: StackIndex): ReadonlySet<string> {
    let urns = ownershipUrns.get(index);
    if (urns === undefined) {
        urns = new Set(index.buckets.filter((b) => b.acls.some((a) => isUnknown(a.publicGrants) || a.publicGrants.length > 0))
            .flatMap((b) => b.ownership.map((o) => o.resource.urn)));
        ownershipUrns.set(index, urns);
    }
    return urns;
}

