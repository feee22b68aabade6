// Configuration a stack writes for a bucket it does not declare (an existing bucket named by a literal):
// what the stack writes is judged on its content; what such a bucket lacks is not the stack's to report.
import * as assert from "assert";
import { assertNone, assertOnly, describeAll, run } from "./support/run";
import { ExternalReplication, externalReplication } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

const EXISTING = "existing-logs";
const CMK = "arn:aws:kms:eu-west-1:111111111111:key/1b4f0d6e-7c1a-4f0e-9a51-3d2c8e5b7a90";
const LABEL = `bucket "${EXISTING}" (not declared in this stack)`;

const DENY_INSECURE = {
    Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
    Resource: [`arn:aws:s3:::${EXISTING}`, `arn:aws:s3:::${EXISTING}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } },
};

function document(...statements: unknown[]): unknown {
    return { Version: "2012-10-17", Statement: [DENY_INSECURE, ...statements] };
}

function publicRead(condition?: Record<string, unknown>): unknown {
    return document({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${EXISTING}/*`, ...(condition ? { Condition: condition } : {}) });
}

function sseRule(defaults: Record<string, unknown>): unknown {
    return { applyServerSideEncryptionByDefault: defaults, bucketKeyEnabled: true };
}

describe("policy pack: configuration of buckets outside the stack", () => {
    it("a public Allow in a BucketPolicy for an existing bucket fires on that BucketPolicy", async () => {
        const b = new StackBuilder();
        const policy = b.add(T.bucketPolicy, "logs-policy", { bucket: EXISTING, policy: json(publicRead()) });
        assertOnly(await run(b.build()), "s3-bucket-policy-no-public-allow", policy, LABEL);
    });

    it("the same Allow pinned to the organization, or by a bucket ARN, passes", async () => {
        const b = new StackBuilder();
        b.add(T.bucketPolicy, "logs-policy", { bucket: `arn:aws:s3:::${EXISTING}`, policy: json(publicRead({ StringEquals: { "aws:PrincipalOrgID": "o-abc123" } })) });
        assertNone(await run(b.build()));
    });

    it("a BucketPolicy for an existing bucket must deny plain HTTP: it replaces that bucket's policy", async () => {
        const b = new StackBuilder();
        const reader = { Sid: "PartnerRead", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${EXISTING}/*` };
        const policy = b.add(T.bucketPolicy, "logs-policy", { bucket: EXISTING, policy: json({ Version: "2012-10-17", Statement: [reader] }) });
        assertOnly(await run(b.build()), "s3-bucket-policy-deny-insecure-transport", policy, `does not deny requests to ${LABEL} made without TLS`);
        const c = new StackBuilder();
        c.add(T.bucketPolicy, "logs-policy", { bucket: EXISTING, policy: json(document(reader)) });
        assertNone(await run(c.build()));
    });

    it("a deny scoped to another bucket does not count, and text that is not JSON is reported", async () => {
        const b = new StackBuilder();
        const elsewhere = { ...DENY_INSECURE, Resource: ["arn:aws:s3:::other", "arn:aws:s3:::other/*"] };
        const policy = b.add(T.bucketPolicy, "logs-policy", { bucket: EXISTING, policy: json({ Version: "2012-10-17", Statement: [elsewhere] }) });
        assertOnly(await run(b.build()), "s3-bucket-policy-deny-insecure-transport", policy);
        const c = new StackBuilder();
        const broken = c.add(T.bucketPolicy, "logs-policy", { bucket: EXISTING, policy: "{not json" });
        assertOnly(await run(c.build()), "s3-bucket-policy-deny-insecure-transport", broken, "is not a JSON policy document");
    });

    for (const [shape, type, list] of [["v7", T.sse, "rules"], ["V2", T.sseV2, "rules"]] as const) {
        it(`SSE-S3 default encryption for an existing bucket fires (${shape})`, async () => {
            const b = new StackBuilder();
            const sse = b.add(type, "logs-sse", { bucket: EXISTING, [list]: [sseRule({ sseAlgorithm: "AES256" })] });
            assertOnly(await run(b.build()), "s3-bucket-sse-kms", sse, `uses sseAlgorithm "AES256" for ${LABEL}`);
        });

        it(`aws:kms without a key for an existing bucket fires as the AWS managed key (${shape})`, async () => {
            const b = new StackBuilder();
            const sse = b.add(type, "logs-sse", { bucket: EXISTING, [list]: [sseRule({ sseAlgorithm: "aws:kms" })] });
            assertOnly(await run(b.build()), "s3-bucket-sse-customer-managed-key", sse, `encrypts ${LABEL} with aws:kms but sets no kmsMasterKeyId`);
        });

        it(`aws:kms with a customer managed key for an existing bucket passes, and its missing policy or public access block is not reported (${shape})`, async () => {
            const b = new StackBuilder();
            b.add(type, "logs-sse", { bucket: EXISTING, [list]: [sseRule({ sseAlgorithm: "aws:kms", kmsMasterKeyId: CMK })] });
            assertNone(await run(b.build()));
        });
    }

    it("a public access block for an existing bucket with a setting off fires; all four on passes", async () => {
        const b = new StackBuilder();
        const pab = b.add(T.pab, "logs-pab", { bucket: EXISTING, blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true });
        assertOnly(await run(b.build()), "s3-bucket-public-access-block", pab, `for ${LABEL} leaves blockPublicPolicy off`);
        const c = new StackBuilder();
        c.add(T.pab, "logs-pab", { bucket: EXISTING, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        assertNone(await run(c.build()));
    });

    it("a literal document is judged in preview, before anything exists; one built from a new role's ARN waits for the update", async () => {
        const b = new StackBuilder();
        const policy = b.add(T.bucketPolicy, "logs-policy", { bucket: EXISTING, policy: json(publicRead()) });
        assertOnly(await run(b.build(), { preview: true }), "s3-bucket-policy-no-public-allow", policy);
        const c = new StackBuilder();
        const role = c.add(T.role, "reader", { assumeRolePolicy: json({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }) });
        const doc = document({ Sid: "ReaderRead", Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${EXISTING}/*` });
        c.add(T.bucketPolicy, "logs-policy", { bucket: EXISTING, policy: json(doc) });
        assertNone(await run(c.build(), { preview: true }));
        assertNone(await run(c.build()));
    });
});

describe("policy pack: replication of a bucket outside the stack (a BucketReplicationConfig for an existing bucket)", () => {
    const SOURCE = "legacy-data";
    const SOURCE_LABEL = `bucket "${SOURCE}" (not declared in this stack)`;
    type Rule = { destination: Record<string, unknown> } & Record<string, unknown>;

    function editRule(p: ExternalReplication, edit: (rule: Rule) => void): void {
        p.b.patch(p.replication, (props) => edit((props["rules"] as Rule[])[0]));
    }

    it("is quiet when its rules, role and in-stack destination are right: the source's own versioning, keys and Object Lock are not the stack's to report", async () => {
        for (const crossAccount of [false, true]) {
            const p = externalReplication(SOURCE, { crossAccount });
            assertNone(await run(p.b.build()));
            assertNone(await run(p.b.build(), { preview: true }));
        }
    });

    it("s3-replication-sse-kms judges its rules: no replicaKmsKeyId, an alias, SSE-KMS objects not selected (also in preview)", async () => {
        const noKey = externalReplication(SOURCE);
        editRule(noKey, (rule) => { delete rule.destination["encryptionConfiguration"]; });
        for (const preview of [false, true]) {
            assertOnly(await run(noKey.b.build(), { preview }), "s3-replication-sse-kms", noKey.replication, `rule "all" of ${SOURCE_LABEL} sets no replicaKmsKeyId`);
        }
        const alias = externalReplication(SOURCE);
        editRule(alias, (rule) => { rule.destination["encryptionConfiguration"] = { replicaKmsKeyId: "alias/replicas" }; });
        const vs = await run(alias.b.build());
        assert.ok(vs.some((v) => v.policyName === "s3-replication-sse-kms" && v.message.includes(`of ${SOURCE_LABEL} sets replicaKmsKeyId to "alias/replicas"`)), describeAll(vs));
        const unselected = externalReplication(SOURCE);
        editRule(unselected, (rule) => { delete rule["sourceSelectionCriteria"]; });
        assertOnly(await run(unselected.b.build()), "s3-replication-sse-kms", unselected.replication, "doesn't select SSE-KMS encrypted objects");
    });

    it("s3-replication-versioning-enabled judges its in-stack destination", async () => {
        const p = externalReplication(SOURCE);
        p.b.patch(p.destination.versioning, (props) => { props["versioningConfiguration"] = { status: "Suspended" }; });
        assertOnly(await run(p.b.build()), "s3-replication-versioning-enabled", p.destination.versioning, `destination bucket Bucket "destination" of replication BucketReplicationConfig "replication" of ${SOURCE_LABEL}`);
    });

    it("s3-replication-cross-account: a rule to another account without the owner override fires; its account is read against the replication's provider", async () => {
        const p = externalReplication(SOURCE, { crossAccount: true });
        editRule(p, (rule) => { delete rule.destination["accessControlTranslation"]; });
        assertOnly(await run(p.b.build(), { preview: true }), "s3-replication-cross-account", p.replication, `rule "all" of ${SOURCE_LABEL} replicates to another account without the owner override`);
    });

    it("s3-replication-role-kms-access: the stack's role without kms:Encrypt on the replica key fires on the role", async () => {
        const p = externalReplication(SOURCE);
        p.b.patch(p.rolePolicy, (props) => {
            const doc = JSON.parse(props["policy"] as string) as { Statement: { Action: string[] }[] };
            doc.Statement = doc.Statement.filter((s) => !s.Action.includes("kms:Encrypt"));
            props["policy"] = JSON.stringify(doc);
        });
        assertOnly(await run(p.b.build()), "s3-replication-role-kms-access", p.role, `is the replication role of BucketReplicationConfig "replication" of ${SOURCE_LABEL} but its IAM policies don't allow kms:Encrypt`);
    });

    it("s3-replication-role-kms-least-privilege judges the stack's role", async () => {
        const p = externalReplication(SOURCE);
        p.b.patch(p.rolePolicy, (props) => {
            const doc = JSON.parse(props["policy"] as string) as { Statement: unknown[] };
            doc.Statement.push({ Effect: "Allow", Action: "kms:*", Resource: "*" });
            props["policy"] = JSON.stringify(doc);
        });
        assertOnly(await run(p.b.build()), "s3-replication-role-kms-least-privilege", p.rolePolicy, "every KMS key");
    });

    it("kms-key-region-matches-bucket and s3-bucket-sse-key-allowlist read its replica key", async () => {
        const p = externalReplication(SOURCE);
        const westKey = "arn:aws:kms:eu-west-1:111111111111:key/1b4f0d6e-7c1a-4f0e-9a51-3d2c8e5b7a90";
        editRule(p, (rule) => { rule.destination["encryptionConfiguration"] = { replicaKmsKeyId: westKey }; });
        const vs = await run(p.b.build(), { config: { "s3-bucket-sse-key-allowlist": { allowedKeyArns: ["arn:aws:kms:*:111111111111:key/0000*"] } } });
        assert.ok(vs.some((v) => v.policyName === "kms-key-region-matches-bucket" && v.urn === p.replication && v.message.includes(`encrypts replicas of ${SOURCE_LABEL} with key ${westKey} in eu-west-1`)), describeAll(vs));
        assert.ok(vs.some((v) => v.policyName === "s3-bucket-sse-key-allowlist" && v.urn === p.replication && v.message.includes(`of ${SOURCE_LABEL}`)), describeAll(vs));
    });
});
