// What blocks public access to a bucket: its own public access block(s), and an account-level one in the
// same account ("Amazon S3 User Guide: Blocking public access to your Amazon S3 storage": S3 applies the
// most restrictive combination of the bucket-level and account-level settings).
import { Maybe } from "../model/policyDocument";
import { AclConfig, BucketModel, PUBLIC_ACCESS_FLAGS, PublicAccessBlockConfig, PublicAccessFlag, StackIndex } from "../model/stackIndex";
import { IndexedResource } from "../model/resources";
import { bucketNameOf } from "../model/s3Shapes";
import { Tri } from "../model/tri";
import { asString, isUnknown, UNKNOWN } from "../model/values";

/** The account an account-level block applies to: its `accountId` input, else its provider's account. */
function blockAccount(block: PublicAccessBlockConfig): Maybe<string> | undefined {
    return asString(block.resource.props["accountId"]) ?? block.resource.account;
}

/** Account-level blocks of the bucket's account (same known account id, or the same provider). */
export function accountBlocksFor(index: StackIndex, bucket: BucketModel): PublicAccessBlockConfig[] {
    return accountBlocksOf(index, bucket.resource);
}

/** Account-level blocks of the account a resource is in (same known account id, or the same provider). */
export function accountBlocksOf(index: StackIndex, r: IndexedResource): PublicAccessBlockConfig[] {
    const account = r.account;
    return index.accountPublicAccessBlocks.filter((block) => {
        const other = blockAccount(block);
        if (typeof other === "string" && typeof account === "string") {
            return other === account;
        }
        return other === undefined && block.resource.providerUrn !== undefined && block.resource.providerUrn === r.providerUrn;
    });
}

/**
 * `flag` of one level (the bucket's blocks, or its account's): on only if every block of that level turns it on.
 * A bucket, like an account, has one public access block configuration, and each PutPublicAccessBlock replaces it
 * whole ("Amazon S3 API Reference, PutPublicAccessBlock": creates or modifies *the* configuration; the Pulumi
 * Registry's `aws.s3.AccountPublicAccessBlock`: each account may only have one), so of two resources for one
 * account the last one written decides, and the engine writes independent resources in no set order.
 */
export function levelFlag(blocks: readonly PublicAccessBlockConfig[], flag: PublicAccessFlag): Maybe<boolean> {
    if (blocks.length === 0) {
        return false;
    }
    let sawUnknown = false;
    for (const b of blocks) {
        const on = b.flags[flag];
        if (isUnknown(on)) {
            sawUnknown = true;
        } else if (on !== true) {
            return false;
        }
    }
    return sawUnknown ? UNKNOWN : true;
}

/** True when the account-level block of the bucket's account has `flag` on, whichever of several was written last. */
export function accountBlocks(blocks: readonly PublicAccessBlockConfig[], flag: PublicAccessFlag): boolean {
    return levelFlag(blocks, flag) === true;
}

/** Is `flag` in effect for the bucket: true, false, or UNKNOWN while a setting can't be read. */
export function effectiveFlag(index: StackIndex, bucket: BucketModel, flag: PublicAccessFlag): Maybe<boolean> {
    // S3 applies the most restrictive combination of the two levels.
    const own = levelFlag(bucket.publicAccessBlocks, flag);
    const account = levelFlag(accountBlocksFor(index, bucket), flag);
    if (own === true || account === true) {
        return true;
    }
    return isUnknown(own) || isUnknown(account) ? UNKNOWN : false;
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

/**
 * Whether S3 ignores the ACLs the stack writes for a bucket it does not declare (`acl`), as far as the stack shows:
 * its ownership controls or public access block written by the stack for that bucket name, or the account-level block
 * of the ACL's account. Nothing in the stack saying so is `false`: the bucket's own settings can't be seen, and an
 * ACL the stack writes is meant to take effect.
 */
export function externalAclNeutralised(index: StackIndex, acl: AclConfig): Tri {
    const name = bucketNameOf(asString(acl.resource.props["bucket"]));
    if (typeof name !== "string") {
        return UNKNOWN;
    }
    const named = (r: IndexedResource): boolean => bucketNameOf(asString(r.props["bucket"])) === name;
    const ownership = index.external.ownership.filter((o) => named(o.resource));
    if (ownership.length > 0 && ownership.every((o) => o.objectOwnership === "BucketOwnerEnforced")) {
        return true;
    }
    const own = levelFlag(index.external.publicAccessBlocks.filter((b) => named(b.resource)), "ignorePublicAcls");
    const account = levelFlag(accountBlocksOf(index, acl.resource), "ignorePublicAcls");
    if (own === true || account === true) {
        return true;
    }
    return isUnknown(own) || isUnknown(account) || ownership.some((o) => isUnknown(o.objectOwnership)) ? UNKNOWN : false;
}

const accountBlockUrns = new WeakMap<StackIndex, ReadonlySet<string>>();

/**
 * The account-level blocks s3-bucket-public-access-block reads: those of the accounts of buckets whose own blocks
 * don't turn every setting on (a bucket whose own block does needs nothing of its account's).
 */
export function accountBlocksToRead(index: StackIndex): ReadonlySet<string> {
    let urns = accountBlockUrns.get(index);
    if (urns === undefined) {
        urns = new Set(index.buckets
            .filter((b) => PUBLIC_ACCESS_FLAGS.some((f) => levelFlag(b.publicAccessBlocks, f) !== true))
            .flatMap((b) => accountBlocksFor(index, b).map((a) => a.resource.urn)));
        accountBlockUrns.set(index, urns);
    }
    return urns;
}

/** The ACL grants, or may grant (not readable yet), something public. */
export function mayBePublic(acl: AclConfig): boolean {
    return isUnknown(acl.publicGrants) || acl.publicGrants.length > 0;
}

const aclUrns = new WeakMap<StackIndex, ReadonlySet<string>>();
const ownershipUrns = new WeakMap<StackIndex, ReadonlySet<string>>();

/** The ACLs s3-bucket-no-public-acl reads: those of buckets whose ACLs are not known to be disabled or ignored. */
export function aclResourcesToRead(index: StackIndex): ReadonlySet<string> {
    let urns = aclUrns.get(index);
    if (urns === undefined) {
        urns = new Set([
            ...index.buckets.filter((b) => b.acls.length > 0 && aclsNeutralised(index, b) !== true).flatMap((b) => b.acls.map((a) => a.resource.urn)),
            ...index.external.acls.filter((a) => externalAclNeutralised(index, a) !== true).map((a) => a.resource.urn),
        ]);
        aclUrns.set(index, urns);
    }
    return urns;
}

/** The ownership controls s3-bucket-no-public-acl reads: those of buckets with an ACL that is or may be public. */
export function ownershipResourcesToRead(index: StackIndex): ReadonlySet<string> {
    let urns = ownershipUrns.get(index);
    if (urns === undefined) {
        // Buckets the stack does not declare are known by name only.
        const externalNames = new Set(index.external.acls.filter(mayBePublic).map((a) => bucketNameOf(asString(a.resource.props["bucket"]))));
        urns = new Set([
            ...index.buckets.filter((b) => b.acls.some(mayBePublic)).flatMap((b) => b.ownership.map((o) => o.resource.urn)),
            ...index.external.ownership.filter((o) => externalNames.has(bucketNameOf(asString(o.resource.props["bucket"])))).map((o) => o.resource.urn),
        ]);
        ownershipUrns.set(index, urns);
    }
    return urns;
}

const aclAccountBlockUrns = new WeakMap<StackIndex, ReadonlySet<string>>();

/** The account-level blocks s3-bucket-no-public-acl reads for ACLs written for buckets the stack does not declare. */
export function externalAclAccountBlocksToRead(index: StackIndex): ReadonlySet<string> {
    let urns = aclAccountBlockUrns.get(index);
    if (urns === undefined) {
        urns = new Set(index.external.acls.filter(mayBePublic)
            .flatMap((a) => accountBlocksOf(index, a.resource).map((b) => b.resource.urn)));
        aclAccountBlockUrns.set(index, urns);
    }
    return urns;
}

