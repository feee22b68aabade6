// Object Lock across a replication: S3 replicates a locked source's objects only to a destination with
// Object Lock, and reads their retention and legal holds with the replication role (Amazon S3 User Guide,
// "Object Lock considerations", section "Using Object Lock with S3 Replication"; "Amazon S3 replication
// failure reasons": DstBucketObjectLockConfigMissing). Neither is refused when the configuration is put:
// every replication fails afterwards, so the locked data never reaches its copy.
import { allows } from "../model/iam";
import { Statement } from "../model/policyDocument";
import { bucketArnOf } from "../model/s3Shapes";
import { BucketModel, ReplicationModel } from "../model/stackIndex";
import { isUnknown } from "../model/values";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { activeRules, judgedDestinations, objectLockOn, ruleName } from "./replicationFacts";
import { statementsOf } from "./s3ReplicationRoleKmsAccess";
import { definePolicy } from "./definition";
import { replicated, replicatedFromExternal, withInputs } from "../fixtures/stacks";
import { jsonOf, ref } from "../fixtures/format";
import { FixtureResource } from "../fixtures/format";

export const S3_REPLICATION_OBJECT_LOCK = "s3-replication-object-lock";

/** What the role needs on a locked source's objects besides the ordinary replication reads. */
const LOCK_READ_ACTIONS = ["s3:GetObjectRetention", "s3:GetObjectLegalHold"] as const;

const DESTINATION_FIX = "create the destination bucket with objectLockEnabled: true (and an aws.s3.BucketObjectLockConfiguration), or replicate from a bucket without Object Lock";
const EXTERNAL_FIX = "declare the destination bucket in this stack (with its Object Lock) so the policy can check it, or replicate from a bucket without Object Lock to a destination outside the stack";
const ROLE_FIX = `allow ${LOCK_READ_ACTIONS.join(" and ")} on the source bucket's objects (arn:aws:s3:::<source>/*) in the replication role's policy`;

function roleStatements(replication: ReplicationModel): Statement[] | undefined {
    return replication.roles.length === 0 ? undefined : statementsOf(replication.roles.flatMap((role) => role.policies));
}

function checkRole(replication: ReplicationModel, report: (f: Finding) => void): void {
    const statements = roleStatements(replication);
    const source = replication.source;
    const arn = source.arn ?? (typeof source.name === "string" ? bucketArnOf(source.name) : undefined);
    if (statements === undefined || arn === undefined || isUnknown(arn)) {
        return;
    }
    const missing = LOCK_READ_ACTIONS.filter((action) => allows(statements, action, `${arn}/any-object`) === false);
    if (missing.length > 0) {
        const role = replication.roles[0].resource;
        report(findingOn(source.resource, replication.resource, `replicates the Object Lock bucket ${describe(source.resource)} with ${describe(role)}, whose policies do not allow ${missing.join(", ")} on its objects; S3 cannot copy their retention and fails the replication`, ROLE_FIX));
    }
}

export const s3ReplicationObjectLock = stackPolicy<ExemptionConfig>(
    {
        name: S3_REPLICATION_OBJECT_LOCK,
        description: "A bucket with S3 Object Lock replicates only to buckets with Object Lock, with a role that may read its objects' retention and legal holds.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: `${DESTINATION_FIX}; ${ROLE_FIX}`,
    },
    {},
    (index, _config, report) => {
        // Replications of buckets the stack does not declare (index.external) are not judged: whether such a source
        // has Object Lock is a fact of that bucket, not of what the stack writes for it.
        for (const replication of index.replications) {
            if (objectLockOn(replication.source) !== true) {
                continue;
            }
            checkRole(replication, report);
            const seen = new Set<BucketModel>();
            for (const rule of activeRules(replication)) {
                if (rule.destinations.length === 0 && typeof rule.destinationRef === "string" && rule.destinationRef !== "") {
                    // A destination outside the stack: its Object Lock is a fact this policy needs and can't see,
                    // and S3 accepts the configuration either way, so "not in the stack" is never a pass.
                    report(findingOn(replication.source.resource, replication.resource, `cannot verify: ${ruleName(rule, replication)} replicates the Object Lock bucket ${describe(replication.source.resource)} to bucket "${rule.destinationRef}" (not declared in this stack), whose Object Lock the policy can't see; without it S3 fails every replication (DstBucketObjectLockConfigMissing)`, EXTERNAL_FIX));
                    continue;
                }
                for (const destination of judgedDestinations(rule)) {
                    if (seen.has(destination) || objectLockOn(destination) !== false) continue;
                    seen.add(destination);
                    report(findingOn(destination.resource, replication.resource, `replicates the Object Lock bucket ${describe(replication.source.resource)} to ${describe(destination.resource)}, which has no Object Lock; S3 fails every replication (DstBucketObjectLockConfigMissing)`, DESTINATION_FIX));
                }
            }
        }
    },
);

const LOCK_CONFIG = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

function locked(resources: FixtureResource[], bucket: string): FixtureResource[] {
    return [
        ...withInputs(resources, bucket, { objectLockEnabled: true }),
        { type: LOCK_CONFIG, name: `${bucket}-object-lock`, inputs: { bucket: ref(bucket, "id"), objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } } },
    ];
}

/** The fixture pair's role policy with the two Object Lock reads added on the source's objects. */
function withLockReads(resources: FixtureResource[]): FixtureResource[] {
    return resources.map((r) =>
        r.name === "replication-role-policy"
            ? { ...r, inputs: { ...r.inputs, policy: jsonOf({ Version: "2012-10-17", Statement: [
                  { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: ref("source", "arn") },
                  { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", ...LOCK_READ_ACTIONS], Resource: ref("source", "arn", "/*") },
                  { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: ref("destination", "arn", "/*") },
                  { Effect: "Allow", Action: ["kms:Decrypt"], Resource: ref("source-key", "arn"), Condition: { StringLike: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } },
                  { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: ref("destination-key", "arn") },
              ] }) } }
            : r,
    );
}

export const definition = definePolicy({
    policy: s3ReplicationObjectLock,
    doc: {
        checks: "A replication whose source has Object Lock (`objectLockEnabled`, inline `objectLockConfiguration`, a `BucketObjectLockConfiguration`) targets in-stack destinations that have Object Lock too (a rule to a bucket not declared in the stack is a \"cannot verify\": its Object Lock can't be seen and S3 accepts the rule either way), and its role's policies allow `s3:GetObjectRetention` and `s3:GetObjectLegalHold` on the source's objects (S3 accepts the configuration, then fails every replication). A replication of a bucket the stack does not declare is not judged: that bucket's Object Lock can't be seen.",
        shapes: "v7/V2/native `Bucket.objectLockEnabled`, inline `objectLockConfiguration(s)`, `BucketObjectLockConfiguration(V2)`; replication as for the other replication policies; `RolePolicy`, `Policy` + attachment",
        config: "—",
    },
    compliant: [
        replicated("a locked source replicating to a locked destination with a role that reads retention", true, (r) => withLockReads(locked(locked(r, "source"), "destination"))),
        replicated("replication between two buckets without Object Lock", true),
        replicatedFromExternal("a replication of a bucket not declared in the stack (whose Object Lock is that bucket's, not the stack's to see)", true),
    ],
    violating: [
        replicated("a locked source replicating to a destination without Object Lock", true, (r) => withLockReads(locked(r, "source"))),
        replicated("a locked source whose replication role cannot read retention", false, (r) => locked(locked(r, "destination"), "source")),
        replicated("a locked source replicating to a bucket not declared in the stack (cannot verify its Object Lock)", true, (r) =>
            withLockReads(locked(r, "source")).map((x) => x.name === "replication" ? { ...x, inputs: { ...x.inputs, rules: [{
                id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" },
                sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
                destination: { bucket: "arn:aws:s3:::partner-archive", account: "222222222222", accessControlTranslation: { owner: "Destination" }, encryptionConfiguration: { replicaKmsKeyId: "arn:aws:kms:eu-central-1:222222222222:key/0b9f7a36-6f2d-4b8e-9a51-3c1d2e4f5a6b" } },
            }] } } : x)),
    ],
});
