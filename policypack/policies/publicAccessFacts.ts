// What blocks public access to a bucket: its own public access block(s), and an account-level one in the
// same account ("Amazon S3 User Guide: Blocking public access to your Amazon S3 storage": S3 applies the
// most restrictive combination of the bucket-level and account-level settings).
import { Maybe } from "../model/policyDocument";
import { BucketModel, PublicAccessBlockConfig, PublicAccessFlag, StackIndex } from "../model/stackIndex";
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
