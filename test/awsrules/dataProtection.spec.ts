// S3 Lifecycle and Object Lock rules (awsrules/s3Lifecycle.ts, awsrules/s3ObjectLock.ts) fire on what S3
// refuses and stay silent on what it accepts.
import { strict as assert } from "node:assert";
import {
    defaultRetentionViolation,
    LifecycleRuleFacts,
    lifecycleRulesViolation,
    objectLockBucketViolation,
    objectLockReplicationViolation,
    objectLockVersioningViolation,
} from "../../awsrules";

const rule = (change: Partial<LifecycleRuleFacts>): LifecycleRuleFacts => ({ id: "r", transitions: [], noncurrentTransitions: [], ...change });

describe("AWS rules: S3 Lifecycle", function () {
    it("accepts the waterfall with the 30-day minimums and spacing, and expiration after the last transition", function () {
        const ok = rule({
            transitions: [
                { days: 30, storageClass: "STANDARD_IA" },
                { days: 60, storageClass: "GLACIER_IR" },
                { days: 180, storageClass: "DEEP_ARCHIVE" },
            ],
            expirationDays: 365,
            noncurrentTransitions: [{ days: 0, storageClass: "GLACIER" }],
            noncurrentExpirationDays: 90,
            noncurrentNewerVersions: 100,
            abortIncompleteMultipartUploadDays: 1,
        });
        assert.equal(lifecycleRulesViolation([ok]), undefined);
        assert.equal(lifecycleRulesViolation([rule({ transitions: [{ days: 0, storageClass: "INTELLIGENT_TIERING" }] })]), undefined);
    });

    it("refuses STANDARD_IA or ONEZONE_IA before 30 days, for current and noncurrent versions", function () {
        for (const storageClass of ["STANDARD_IA", "ONEZONE_IA"]) {
            const current = lifecycleRulesViolation([rule({ transitions: [{ days: 29, storageClass }] })]);
            assert.equal(current?.code, "InvalidArgument");
            assert.match(current?.rule ?? "", /at least 30 days/);
            assert.match(current?.source ?? "", /Constraints and considerations for transitions/);
            assert.ok(lifecycleRulesViolation([rule({ noncurrentTransitions: [{ days: 1, storageClass }] })]));
        }
    });

    it("refuses transitions against the waterfall, on the same day, or less than 30 days after an IA class", function () {
        const backwards = lifecycleRulesViolation([rule({ transitions: [{ days: 30, storageClass: "GLACIER" }, { days: 90, storageClass: "STANDARD_IA" }] })]);
        assert.match(backwards?.rule ?? "", /from GLACIER S3 moves objects only to DEEP_ARCHIVE/);
        assert.match(backwards?.source ?? "", /Supported lifecycle transitions/);
        const oneZoneToInstant = lifecycleRulesViolation([rule({ transitions: [{ days: 30, storageClass: "ONEZONE_IA" }, { days: 90, storageClass: "GLACIER_IR" }] })]);
        assert.match(oneZoneToInstant?.rule ?? "", /ONEZONE_IA S3 moves objects only to GLACIER, DEEP_ARCHIVE/);
        assert.ok(lifecycleRulesViolation([rule({ transitions: [{ days: 0, storageClass: "GLACIER_IR" }, { days: 0, storageClass: "GLACIER" }] })]));
        const tooSoon = lifecycleRulesViolation([rule({ transitions: [{ days: 30, storageClass: "STANDARD_IA" }, { days: 45, storageClass: "GLACIER" }] })]);
        assert.match(tooSoon?.message ?? "", /must be 30 days more than/);
    });

    it("refuses an expiration that is not after the last transition", function () {
        const early = lifecycleRulesViolation([rule({ transitions: [{ days: 0, storageClass: "GLACIER" }], expirationDays: 0 })]);
        assert.ok(early, "day 0 expiration");
        assert.match(lifecycleRulesViolation([rule({ noncurrentTransitions: [{ days: 30, storageClass: "STANDARD_IA" }], noncurrentExpirationDays: 30 })])?.rule ?? "", /not later than its transition/);
    });

    it("refuses day counts below 1, newer versions outside 1-100, delete-marker expiry with days, a rule without action", function () {
        assert.ok(lifecycleRulesViolation([rule({ expirationDays: 0 })]));
        assert.ok(lifecycleRulesViolation([rule({ noncurrentExpirationDays: 1.5 })]));
        assert.ok(lifecycleRulesViolation([rule({ abortIncompleteMultipartUploadDays: 0 })]));
        assert.ok(lifecycleRulesViolation([rule({ noncurrentExpirationDays: 30, noncurrentNewerVersions: 101 })]));
        assert.match(lifecycleRulesViolation([rule({ expirationDays: 5, expiredObjectDeleteMarker: true })])?.message ?? "", /ExpiredObjectDeleteMarker cannot be specified with Days/);
        assert.equal(lifecycleRulesViolation([rule({ expiredObjectDeleteMarker: true })]), undefined);
        assert.match(lifecycleRulesViolation([rule({})])?.rule ?? "", /has no action/);
        // ExpiredObjectDeleteMarker false is an Expiration element S3 takes (the provider's default for an inline rule without action).
        assert.equal(lifecycleRulesViolation([rule({ expiredObjectDeleteMarker: false })]), undefined);
    });

    it("refuses aborting incomplete uploads or expiring delete markers in a rule filtered by tags or object size", function () {
        const abort = { abortIncompleteMultipartUploadDays: 7 };
        const marker = { expiredObjectDeleteMarker: true };
        assert.equal(lifecycleRulesViolation([rule({ ...abort, tagFiltered: false, sizeFiltered: false })]), undefined);
        assert.equal(lifecycleRulesViolation([rule({ ...marker })]), undefined);
        assert.equal(lifecycleRulesViolation([rule({ expirationDays: 30, tagFiltered: true, sizeFiltered: true })]), undefined);
        assert.equal(lifecycleRulesViolation([rule({ ...abort, tagFiltered: true })])?.message, "AbortIncompleteMultipartUpload cannot be specified with Tags.");
        assert.equal(lifecycleRulesViolation([rule({ ...abort, sizeFiltered: true })])?.message, "AbortIncompleteMultipartUpload cannot be specified with Object Size.");
        assert.equal(lifecycleRulesViolation([rule({ ...marker, tagFiltered: true })])?.code, "InvalidRequest");
        assert.equal(lifecycleRulesViolation([rule({ ...marker, sizeFiltered: true })])?.code, "MalformedXML");
    });

    it("refuses duplicate or over-long ids and more than 1,000 rules", function () {
        assert.match(lifecycleRulesViolation([rule({ expirationDays: 1 }), rule({ expirationDays: 2 })])?.rule ?? "", /used twice/);
        assert.ok(lifecycleRulesViolation([rule({ id: "x".repeat(256), expirationDays: 1 })]));
        const many = Array.from({ length: 1001 }, (_, i) => rule({ id: `r${i}`, expirationDays: 1 }));
        assert.equal(lifecycleRulesViolation(many)?.code, "InvalidRequest");
        assert.equal(lifecycleRulesViolation(many.slice(0, 1000)), undefined);
    });
});

describe("AWS rules: S3 Object Lock", function () {
    it("default retention: a mode and exactly one of days or years, positive", function () {
        assert.equal(defaultRetentionViolation({ mode: "GOVERNANCE", days: 1 }), undefined);
        assert.equal(defaultRetentionViolation({ mode: "COMPLIANCE", years: 7 }), undefined);
        assert.ok(defaultRetentionViolation({ mode: "GOVERNANCE", days: 1, years: 1 }));
        assert.ok(defaultRetentionViolation({ mode: "GOVERNANCE" }));
        assert.ok(defaultRetentionViolation({ mode: "LEGAL", days: 1 }));
        assert.equal(defaultRetentionViolation({ mode: "COMPLIANCE", days: 0 })?.code, "InvalidArgument");
    });

    it("PutObjectLockConfiguration needs a bucket created with Object Lock or with versioning Enabled", function () {
        assert.equal(objectLockBucketViolation("b", true, undefined), undefined);
        assert.equal(objectLockBucketViolation("b", false, "Enabled"), undefined);
        assert.equal(objectLockBucketViolation("b", false, "Suspended")?.code, "InvalidBucketState");
        assert.ok(objectLockBucketViolation("b", false, undefined));
    });

    it("a locked bucket's versioning stays Enabled", function () {
        assert.equal(objectLockVersioningViolation("b", true, "Enabled"), undefined);
        assert.equal(objectLockVersioningViolation("b", false, "Suspended"), undefined);
        assert.equal(objectLockVersioningViolation("b", true, "Suspended")?.code, "InvalidBucketState");
    });

    it("a locked source replicates only to a locked destination", function () {
        assert.equal(objectLockReplicationViolation("s", true, "d", true), undefined);
        assert.equal(objectLockReplicationViolation("s", false, "d", false), undefined);
        assert.equal(objectLockReplicationViolation("s", false, "d", true), undefined);
        const broken = objectLockReplicationViolation("s", true, "d", false);
        assert.equal(broken?.code, "DstBucketObjectLockConfigMissing");
        assert.match(broken?.source ?? "", /Using Object Lock with S3 Replication/);
    });
});
