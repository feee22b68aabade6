import { ResourceValidationArgs } from "@pulumi/policy";
import * as T from "../model/awsTypes";
import { declareAppliesTo } from "../model/appliesTo";
import { rememberNativeBucketInputs } from "./nativeBucketInputs";
import { IndexedResource } from "../model/resources";
import { PUBLIC_ACCESS_FLAGS, PublicAccessBlockConfig, PublicAccessFlag } from "../model/stackIndex";
import { isUnknown } from "../model/values";
import { bucketLabel, describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { externalBucketLabel } from "./externalBuckets";
import { definePolicy } from "./definition";
import { dataBucket, duplicated, withInputs, without } from "../fixtures/stacks";
import { accountBlocks, accountBlocksFor, levelFlag } from "./publicAccessFacts";
import { DuplicateKind, duplicateFinding, externalDuplicateFinding, externalDuplicates } from "./duplicateConfigs";

export const S3_BUCKET_PUBLIC_ACCESS_BLOCK = "s3-bucket-public-access-block";

const FIX = "add an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true";

const DUPLICATE: DuplicateKind = {
    what: "public access blocks",
    own: () => "its own publicAccessBlockConfiguration",
    onDelete: "removing either one from the program deletes the bucket's public access block (DeletePublicAccessBlock) while the other is still declared",
    fix: "keep exactly one public access block for the bucket (a single aws.s3.BucketPublicAccessBlock, or only an aws-native bucket's publicAccessBlockConfiguration) with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true",
};

const stackPart = stackPolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_PUBLIC_ACCESS_BLOCK,
        description: "Every S3 bucket has a public access block with all four settings on (its own, or an aws.s3.AccountPublicAccessBlock of its account).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        for (const bucket of index.buckets) {
            const b = bucket.resource;
            const account = accountBlocksFor(index, bucket);
            if (bucket.publicAccessBlocks.length === 0) {
                const off = PUBLIC_ACCESS_FLAGS.filter((f) => levelFlag(account, f) === false);
                if (account.length === 0) {
                    report(findingOn(b, b, "has no public access block, so a bucket policy or ACL can make it public", FIX));
                } else if (off.length > 0) {
                    report(findingOn(b, b, `has no public access block, and the account-level ${account.map((a) => describe(a.resource)).join(", ")} leaves ${off.join(", ")} off${severalAccountBlocks(account)}`, FIX));
                }
                continue;
            }
            const duplicate = duplicateFinding(b, bucket.publicAccessBlocks, DUPLICATE);
            if (duplicate !== undefined) {
                report(duplicate);
            }
            for (const pab of bucket.publicAccessBlocks) {
                checkFlags(b, pab, bucketLabel(pab.resource, b, "itself"), report, (f) => accountBlocks(account, f));
            }
        }
        for (const pab of index.external.publicAccessBlocks) {
            checkFlags(pab.resource, pab, externalBucketLabel(pab.resource), report, () => false);
        }
        for (const group of externalDuplicates(index.external.publicAccessBlocks)) {
            report(externalDuplicateFinding(group, DUPLICATE));
        }
    },
);

/** The stack part, and a resource part that records an aws-native bucket's declared blocks (nativeBucketInputs.ts). */
export const s3BucketPublicAccessBlock = {
    ...stackPart,
    validateResource: declareAppliesTo((args: ResourceValidationArgs): void => rememberNativeBucketInputs(args), new Set([T.NATIVE_BUCKET])),
};

/** Why a setting on in one of several account-level blocks doesn't count (publicAccessFacts' levelFlag). */
function severalAccountBlocks(account: readonly PublicAccessBlockConfig[]): string {
    return account.length > 1 ? ` (the account has one configuration: S3 keeps whichever of the ${account.length} blocks is written last)` : "";
}

/** Settings the block leaves off that the account-level block of the bucket's account doesn't turn on. */
function checkFlags(subject: IndexedResource, pab: PublicAccessBlockConfig, bucketLabel: string, report: (f: Finding) => void, onForAccount: (f: PublicAccessFlag) => boolean): void {
    const off = PUBLIC_ACCESS_FLAGS.filter((f) => pab.flags[f] !== true && !isUnknown(pab.flags[f]) && !onForAccount(f));
    if (off.length > 0) {
        report(findingOn(subject, pab.resource, `for ${bucketLabel} leaves ${off.join(", ")} off`, `set ${off.join(", ")} to true`));
    }
}

export const definition = definePolicy({
    policy: s3BucketPublicAccessBlock,
    doc: {
        checks: "Every bucket has a `BucketPublicAccessBlock` with `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls`, `restrictPublicBuckets` all true; an `aws.s3.AccountPublicAccessBlock` of the bucket's account (same `accountId`, or the same provider) counts, setting by setting (S3 applies the most restrictive combination); of several account-level blocks for one account, a setting counts only if every one turns it on (an account has one configuration: the last one written wins). Two public access blocks for one bucket (two `BucketPublicAccessBlock`s, or one next to an aws-native bucket's own `publicAccessBlockConfiguration`; also two for one bucket the stack does not declare, by its literal name) are flagged on the bucket whatever they say: S3 keeps the last one written, and removing either deletes the bucket's block. An aws-native bucket's own `publicAccessBlockConfiguration` next to a separate resource is a second declaration only when the bucket's inputs declare it: its outputs hold Cloud Control's read, with S3's default for new buckets (all four settings on) whether or not the program declared it. On a state (`pulumi policy analyze`) it never is: an imported bucket's recorded inputs are that same read. Outside a preview, an account-level setting the pack can't read, for a bucket whose own block leaves a setting off, is a \"cannot verify\".",
        shapes: "v7, V2, native buckets; `AccountPublicAccessBlock`",
        config: "—",
    },
    compliant: [{ title: "all four settings on", resources: dataBucket() }],
    violating: [
        { title: "restrictPublicBuckets off", resources: dataBucket((r) => withInputs(r, "data-pab", { restrictPublicBuckets: false })) },
        { title: "no public access block", resources: dataBucket((r) => without(r, "data-pab")) },
        { title: "two public access blocks for one bucket, both with all four settings on", resources: dataBucket((r) => duplicated(r, "data-pab")) },
    ],
});
