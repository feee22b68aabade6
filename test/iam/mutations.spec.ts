// The scenarios must be able to fail: break one statement of the reference world at a time and
// check that the scenario guarding it now fails. A mutation that no scenario notices means a
// guarantee on the page is not actually tested.
import assert from "node:assert/strict";
import type { PolicyDocument, PolicyStatement } from "../../components/policy/types";
import { ALL_SCENARIOS } from "./scenarios";
import { expectAccess } from "./support/expectAccess";
import type { NamedPolicy } from "./support/oracle";
import { referenceWorld } from "./world/fromBuilders";
import type { World } from "./world/types";

type StatementEdit = (statement: PolicyStatement) => PolicyStatement | undefined;

function editPolicy(policy: NamedPolicy, edit: StatementEdit): NamedPolicy {
    const Statement = policy.document.Statement.flatMap((s) => {
        const edited = edit(s);
        return edited === undefined ? [] : [edited];
    });
    const document: PolicyDocument = { ...policy.document, Statement };
    return { ...policy, document };
}

/** The reference world with `edit` applied to every bucket, key, grant and role policy. */
async function mutatedWorld(edit: StatementEdit): Promise<World> {
    const world = await referenceWorld();
    for (const bucket of world.buckets) {
        const b = bucket as { policy: NamedPolicy | undefined; key: { policy: NamedPolicy } };
        b.policy = b.policy === undefined ? undefined : editPolicy(b.policy, edit);
    }
    const keys = new Set(world.buckets.map((b) => b.key));
    for (const key of keys) {
        (key as { policy: NamedPolicy }).policy = editPolicy(key.policy, edit);
    }
    for (const grant of world.grants) {
        (grant as { identityPolicy: NamedPolicy }).identityPolicy = editPolicy(grant.identityPolicy, edit);
    }
    for (const read of world.organizationReads) {
        (read as { memberPolicy: NamedPolicy }).memberPolicy = editPolicy(read.memberPolicy, edit);
    }
    for (const replication of world.replications) {
        const r = replication as { rolePolicies: readonly NamedPolicy[]; trustPolicy: NamedPolicy | undefined };
        r.rolePolicies = r.rolePolicies.map((p) => editPolicy(p, edit));
        r.trustPolicy = r.trustPolicy === undefined ? undefined : editPolicy(r.trustPolicy, edit);
        if (replication.external) {
            // An external destination is not among the world's buckets: its exported statements are mutated here.
            const d = replication.destination as { policy: NamedPolicy | undefined; key: { policy: NamedPolicy } };
            d.policy = d.policy === undefined ? undefined : editPolicy(d.policy, edit);
            d.key.policy = editPolicy(d.key.policy, edit);
        }
    }
    for (const topic of world.alertTopics) {
        (topic as { policy: NamedPolicy }).policy = editPolicy(topic.policy, edit);
    }
    for (const log of world.logBuckets) {
        const l = log as { policy: NamedPolicy | undefined };
        l.policy = l.policy === undefined ? undefined : editPolicy(l.policy, edit);
    }
    return world;
}

async function failingScenarios(world: World, only?: readonly string[]): Promise<string[]> {
    const failing: string[] = [];
    for (const scenario of ALL_SCENARIOS.filter((s) => only === undefined || only.includes(s.id))) {
        for (const instance of scenario.instances(world)) {
            try {
                await expectAccess(instance.legs);
            } catch {
                failing.push(scenario.id);
                break;
            }
        }
    }
    return failing;
}

const withoutSid = (sid: string): StatementEdit => (s) => (s.Sid === sid ? undefined : s);
const withoutCondition = (sidPrefix: string, key: string): StatementEdit => (s) => {
    if (!(s.Sid ?? "").startsWith(sidPrefix) || s.Condition === undefined) {
        return s;
    }
    const Condition = Object.fromEntries(
        Object.entries(s.Condition).map(([op, values]) => [op, Object.fromEntries(Object.entries(values ?? {}).filter(([k]) => k !== key))]),
    );
    return { ...s, Condition };
};

const both = (first: StatementEdit, second: StatementEdit): StatementEdit => (s) => {
    const edited = first(s);
    return edited === undefined ? undefined : second(edited);
};

/** The classic mistake (IAM User Guide, "IAM JSON policy elements: Condition operators", "...IfExists condition operators"): IfExists on a negated operator also fires on a missing header. */
const keyHeaderDenyWithIfExists: StatementEdit = (s) =>
    s.Sid === "DenyWrongKmsKeyHeader"
        ? { ...s, Condition: { StringNotEqualsIfExists: { ...(s.Condition?.StringNotEquals ?? {}) } } }
        : s;

const isServiceDescribeKey = (s: PolicyStatement): boolean => (s.Sid ?? "").startsWith("Service") && (s.Sid ?? "").endsWith("DescribeKey");
const unconditioned = ({ Condition: _dropped, ...rest }: PolicyStatement): PolicyStatement => rest;

const MUTATIONS: Array<{ name: string; edit: StatementEdit; caughtBy: string[] }> = [
    { name: "DenyWrongKmsKeyHeader written with StringNotEqualsIfExists", edit: keyHeaderDenyWithIfExists, caughtBy: ["headers-compatible-no-headers"] },
    { name: "no DenyInsecureTransport", edit: withoutSid("DenyInsecureTransport"), caughtBy: ["download-over-http", "upload-over-http", "list-over-http", "replication-write-replica"] },
    { name: "no DenyOutdatedTlsVersion", edit: withoutSid("DenyOutdatedTlsVersion"), caughtBy: ["download-tls-1-0"] },
    { name: "no DenySignatureVersion2", edit: withoutSid("DenySignatureVersion2"), caughtBy: ["download-sigv2"] },
    { name: "no DenyUnEncryptedObjectUploads", edit: withoutSid("DenyUnEncryptedObjectUploads"), caughtBy: ["headers-strict-no-headers", "headers-strict-aes256"] },
    { name: "no DenyWrongKmsKeyHeader", edit: withoutSid("DenyWrongKmsKeyHeader"), caughtBy: ["headers-compatible-wrong-key", "headers-strict-wrong-key"] },
    { name: "no DenySseCUploads", edit: withoutSid("DenySseCUploads"), caughtBy: ["headers-compatible-sse-c"] },
    // Grants and replication name their principals in the key policy, so uploads keep working;
    // what changes is that the key policy no longer lets IAM decide for same-account principals.
    {
        name: "no root delegation in key policies",
        edit: withoutSid("EnableIamPoliciesForKeyAccount"),
        caughtBy: ["grantee-direct-kms-same-account", "unrelated-in-bucket-account", "key-administrator-cannot-use-key", "replication-source-key-misuse"],
    },
    { name: "no KeyAdministration", edit: withoutSid("KeyAdministration"), caughtBy: ["key-administrator-cannot-use-key"] },
    { name: "grant key statements without kms:ViaService", edit: withoutCondition("Grant", "kms:ViaService"), caughtBy: ["grantee-direct-kms-cross-account", "grantee-direct-kms-same-account"] },
    { name: "replication KMS statements without kms:ViaService", edit: withoutCondition("Replication", "kms:ViaService"), caughtBy: ["replication-source-key-misuse", "replication-destination-key-misuse-cross-account"] },
    {
        name: "replication KMS statements without the encryption context",
        edit: withoutCondition("Replication", "kms:EncryptionContext:aws:s3:arn"),
        caughtBy: ["replication-source-key-misuse", "replication-destination-key-misuse-cross-account"],
    },
    {
        name: "service-principal statements without aws:SourceAccount and aws:SourceArn (a confused deputy)",
        edit: both(withoutCondition("Service", "aws:SourceAccount"), withoutCondition("Service", "aws:SourceArn")),
        caughtBy: ["service-principal-for-another-account"],
    },
    { name: "no DescribeKey statement for the services that need it", edit: (s) => (isServiceDescribeKey(s) ? undefined : s), caughtBy: ["service-principal-describes-key"] },
    {
        name: "service DescribeKey without aws:SourceAccount and aws:SourceArn",
        edit: (s) => (isServiceDescribeKey(s) ? unconditioned(s) : s),
        caughtBy: ["service-principal-for-another-account", "service-principal-for-another-resource"],
    },
    { name: "organisation statements without aws:PrincipalOrgID", edit: withoutCondition("Org", "aws:PrincipalOrgID"), caughtBy: ["organization-outsider"] },
    { name: "organisation statements that include the bucket's own account", edit: withoutCondition("Org", "aws:PrincipalAccount"), caughtBy: ["organization-read-not-for-owner-account"] },
    { name: "alert topic: S3 may publish without aws:SourceArn and aws:SourceAccount", edit: (s) => (withoutCondition("AllowS3Replication", "aws:SourceAccount")(withoutCondition("AllowS3Replication", "aws:SourceArn")(s) ?? s)), caughtBy: ["replication-alert-topic-publishers"] },
    { name: "alert topic: no CloudWatch statement", edit: withoutSid("AllowCloudWatchReplicationAlarms"), caughtBy: ["replication-alert-topic-publishers"] },
    { name: "log bucket without DenyWritesOtherThanLogDelivery", edit: withoutSid("DenyWritesOtherThanLogDelivery"), caughtBy: ["access-log-bucket-log-delivery-only"] },
    { name: "log delivery without aws:SourceArn and aws:SourceAccount", edit: (s) => (withoutCondition("AllowAccessLogsFrom", "aws:SourceAccount")(withoutCondition("AllowAccessLogsFrom", "aws:SourceArn")(s) ?? s)), caughtBy: ["access-log-bucket-log-delivery-only"] },
    { name: "log delivery to the whole bucket instead of the source's prefix", edit: (s) => ((s.Sid ?? "").startsWith("AllowAccessLogsFrom") ? { ...s, Resource: String(s.Resource).replace(/\/[^/]*\/\*$/, "/*") } : s), caughtBy: ["access-log-bucket-log-delivery-only"] },
];

describe("IAM oracle: the scenarios catch broken policies", function () {
    for (const mutation of MUTATIONS) {
        it(`notices: ${mutation.name}`, async function () {
            // Only the scenarios expected to notice run, which keeps this spec fast.
            const failing = await failingScenarios(await mutatedWorld(mutation.edit), mutation.caughtBy);
            const missed = mutation.caughtBy.filter((id) => !failing.includes(id));
            assert.deepEqual(missed, [], `these scenarios still pass with "${mutation.name}" (failing: ${failing.join(", ") || "none"})`);
        });
    }
});
