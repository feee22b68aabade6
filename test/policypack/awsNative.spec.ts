// Issue 14 item 7: stacks written with @pulumi/aws-native 1.x get the same guardrails. The shapes are the
// provider's (aws-native 1.79 SDK types): one aws-native:s3:Bucket carries its encryption, versioning,
// replication, public access block and ownership controls; policies are JSON objects; tags are lists.
import * as assert from "assert";
import { assertFires, assertNone, assertOnly, mandatory, run } from "./support/run";
import { nativeBucket, NativeBucket } from "./support/scenarios";
import { out, StackBuilder, T } from "./support/stackBuilder";

type Props = Record<string, unknown>;

describe("policy pack: aws-native resources", () => {
    it("is quiet on a compliant aws-native bucket, key, alias and bucket policy (update and fresh preview)", async () => {
        const b = new StackBuilder();
        nativeBucket(b, "data");
        assertNone(await run(b.build()));
        assertNone(await run(b.build(), { preview: true }));
    });

    it("s3-bucket-sse-kms and s3-bucket-sse-customer-managed-key read bucketEncryption", async () => {
        const b = new StackBuilder();
        const n = nativeBucket(b, "data");
        b.patch(n.bucket, (p) => { p["bucketEncryption"] = { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }; });
        assertFires(mandatory(await run(b.build(), { preview: true })), "s3-bucket-sse-kms", n.bucket);
        const c = new StackBuilder();
        const m = nativeBucket(c, "data");
        c.patch(m.bucket, (p) => { p["bucketEncryption"] = { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }] }; });
        assertFires(mandatory(await run(c.build())), "s3-bucket-sse-customer-managed-key", m.bucket);
        const d = new StackBuilder();
        const o = nativeBucket(d, "data");
        d.patch(o.bucket, (p) => { delete p["bucketEncryption"]; });
        assertFires(mandatory(await run(d.build())), "s3-bucket-sse-kms", o.bucket);
    });

    it("s3-bucket-public-access-block reads publicAccessBlockConfiguration, naming the bucket once", async () => {
        const b = new StackBuilder();
        const n = nativeBucket(b, "data");
        b.patch(n.bucket, (p) => { (p["publicAccessBlockConfiguration"] as Props)["restrictPublicBuckets"] = false; });
        assertOnly(await run(b.build(), { preview: true }), "s3-bucket-public-access-block", n.bucket, "leaves restrictPublicBuckets off");
        const c = new StackBuilder();
        const m = nativeBucket(c, "data");
        c.patch(m.bucket, (p) => { delete p["publicAccessBlockConfiguration"]; });
        assertOnly(await run(c.build()), "s3-bucket-public-access-block", m.bucket, "has no public access block");
    });

    it("bucket policy checks read aws-native:s3:BucketPolicy.policyDocument (an object)", async () => {
        const b = new StackBuilder();
        const n = nativeBucket(b, "data");
        b.patch(n.policy, (p) => {
            const doc = p["policyDocument"] as { Statement: Props[] };
            doc.Statement = doc.Statement.filter((s) => s["Sid"] !== "DenyInsecureTransport");
            doc.Statement.push({ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*" });
        });
        const vs = await run(b.build());
        assertFires(vs, "s3-bucket-policy-deny-insecure-transport", n.policy);
        assertFires(vs, "s3-bucket-policy-no-public-allow", n.policy);
    });

    it("a policyDocument it can't read outside a preview (a secret, an unknown, or an unknown inside the object) is a \"cannot verify\", not a pass", async () => {
        const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const unreadable: [string, (doc: unknown) => unknown][] = [
            ["an encrypted secret", () => "[secret]"],
            ["an unknown value", () => UNKNOWN_STRING],
            ["an unknown value", (doc) => {
                const statements = (doc as { Statement: Props[] }).Statement;
                statements[0]["Condition"] = { Bool: { "aws:SecureTransport": UNKNOWN_STRING } };
                return doc;
            }],
        ];
        for (const [what, change] of unreadable) {
            const b = new StackBuilder();
            const n = nativeBucket(b, "data");
            b.patch(n.policy, (p) => { p["policyDocument"] = change(p["policyDocument"]); });
            const vs = await run(b.build());
            assertOnly(vs, "s3-bucket-policy-deny-insecure-transport", n.policy, `has policyDocument as ${what}`);
            assert.ok(mandatory(vs).length > 0, "at the policy's mandatory level");
            assertNone((await run(b.build(), { preview: true })).filter((v) => v.message.includes("cannot verify")));
        }
    });

    it("key policies: rotation, deletion window, public principal and deployer access read aws-native:kms:Key", async () => {
        const b = new StackBuilder();
        const n = nativeBucket(b, "data");
        b.patch(n.key, (p) => { p["enableKeyRotation"] = false; });
        assertOnly(await run(b.build(), { preview: true }), "kms-key-rotation-enabled", n.key);
        const c = new StackBuilder();
        const m = nativeBucket(c, "data");
        c.patch(m.key, (p) => { p["pendingWindowInDays"] = 5; });
        assertOnly(await run(c.build()), "kms-key-deletion-window", m.key, "pendingWindowInDays 5");
        const d = new StackBuilder();
        const o = nativeBucket(d, "data", { keyStatements: [{ Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }] });
        assertOnly(await run(d.build(), { preview: true }), "kms-key-policy-no-public-principal", o.key);
        const e = new StackBuilder();
        const q = nativeBucket(e, "data");
        e.patch(q.key, (p) => { p["keyPolicy"] = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/other" }, Action: "kms:*", Resource: "*" }] }; p["bypassPolicyLockoutSafetyCheck"] = true; });
        const vs = mandatory(await run(e.build()));
        assertFires(vs, "kms-key-policy-deployer-access", q.key);
        assertFires(vs, "kms-key-policy-lockout-safety-check", q.key);
    });

    it("kms-key-s3-compatible follows the bucket's key through the alias and keySpec", async () => {
        const b = new StackBuilder();
        const n = nativeBucket(b, "data");
        b.patch(n.bucket, (p) => { p["bucketEncryption"] = { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/data" }, bucketKeyEnabled: true }] }; });
        b.patch(n.key, (p) => { p["keySpec"] = "RSA_2048"; p["keyUsage"] = "SIGN_VERIFY"; });
        assertFires(await run(b.build()), "kms-key-s3-compatible", n.key);
    });

    describe("replication in replicationConfiguration", () => {
        function pair(edit: (rule: Record<string, Props>) => void = () => undefined): { b: StackBuilder; source: NativeBucket; destination: NativeBucket; role: string } {
            const b = new StackBuilder();
            const destProvider = b.nativeProvider("dest-native", { region: "eu-central-1", account: "111111111111" });
            const role = b.add(T.role, "replication-role", { name: "replication-role", assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] }) });
            const statement = { Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" };
            const destination = nativeBucket(b, "destination", { provider: destProvider, keyStatements: [statement] });
            const rule: Record<string, Props> = {
                destination: { bucket: out(destination.bucket, "arn"), encryptionConfiguration: { replicaKmsKeyId: out(destination.key, "arn") } },
                sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            };
            edit(rule);
            const source = nativeBucket(b, "source", {
                keyStatements: [statement],
                bucketProps: { replicationConfiguration: { role: out(role, "arn"), rules: [{ id: "all", status: "Enabled", ...rule }] } },
            });
            b.add(T.rolePolicy, "replication-role-policy", { role: out(role, "id"), policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], Resource: ["arn:aws:kms:*:111111111111:key/*"] }] }) });
            return { b, source, destination, role };
        }

        it("is quiet on a complete replication (update and preview)", async () => {
            const p = pair();
            assertNone(await run(p.b.build()));
            assertNone(await run(p.b.build(), { preview: true }));
        });

        it("s3-replication-sse-kms fires without the replica key or the SSE-KMS selection", async () => {
            const p = pair((rule) => { delete rule["destination"]["encryptionConfiguration"]; });
            assertOnly(await run(p.b.build()), "s3-replication-sse-kms", p.source.bucket, "sets no replicaKmsKeyId");
            const q = pair((rule) => { delete rule["sourceSelectionCriteria"]; });
            assertOnly(await run(q.b.build(), { preview: true }), "s3-replication-sse-kms", q.source.bucket);
        });

        it("s3-replication-versioning-enabled reads versioningConfiguration of both buckets", async () => {
            const p = pair();
            p.b.patch(p.destination.bucket, (props) => { props["versioningConfiguration"] = { status: "Suspended" }; });
            assertOnly(await run(p.b.build()), "s3-replication-versioning-enabled", p.destination.bucket, "\"Suspended\"");
        });
    });

    it("s3-bucket-no-public-acl reads accessControl, neutralised by ownershipControls BucketOwnerEnforced", async () => {
        const b = new StackBuilder();
        const n = nativeBucket(b, "data", { bucketProps: { accessControl: "PublicRead" } });
        assertNone(await run(b.build()));
        b.patch(n.bucket, (p) => { p["ownershipControls"] = { rules: [{ objectOwnership: "ObjectWriter" }] }; (p["publicAccessBlockConfiguration"] as Props)["ignorePublicAcls"] = false; });
        const vs = mandatory(await run(b.build(), { preview: true })).filter((v) => v.policyName !== "s3-bucket-public-access-block");
        assertOnly(vs, "s3-bucket-no-public-acl", n.bucket, "canned ACL \"PublicRead\"");
    });

    it("honours the exemption tag in aws-native's list-shaped tags", async () => {
        const b = new StackBuilder();
        const n = nativeBucket(b, "data");
        b.patch(n.key, (p) => { p["enableKeyRotation"] = false; p["tags"] = [{ key: "encrypted-buckets:exempt", value: "kms-key-rotation-enabled" }]; });
        const vs = await run(b.build());
        assert.deepStrictEqual(mandatory(vs), [], vs.map((v) => v.policyName).join(", "));
        assertOnly(vs, "encrypted-buckets-exemptions", n.key);
    });
});
