// Compliant stacks written by hand in shapes the repo's components don't produce, which the pack used to
// block; each case also keeps the genuinely bad variant firing.
import { assertFires, assertNone, assertOnly, run } from "./support/run";
import { ReplicatedPair, replicatedPair, secureBucket } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

type Doc = { Statement: Record<string, unknown>[] };

function editDoc(b: StackBuilder, urn: string, edit: (statements: Record<string, unknown>[]) => Record<string, unknown>[]): void {
    b.patch(urn, (props) => {
        const doc = JSON.parse(props["policy"] as string) as Doc;
        doc.Statement = edit(doc.Statement);
        props["policy"] = JSON.stringify(doc);
    });
}

describe("policy pack: hand-written stacks", () => {
    describe("a provider that chains roles (assumeRoles with several entries)", () => {
        // A hub-and-spoke CI: the pipeline's role in a tooling account assumes the deployer role of the workload
        // account. @pulumi/aws v7 assumes the roles in the order listed: the last one deploys, in its account.
        const HUB = "arn:aws:iam::999999999999:role/ci-hub";
        const chained = (b: StackBuilder, last: string) => b.provider("workload", { region: "eu-west-1", account: "111111111111" }, {
            assumeRoles: [{ roleArn: HUB, sessionName: "ci" }, { roleArn: last, sessionName: "deploy" }],
        });

        it("deploys as the last role of the chain: the workload account's root delegation lets it manage the key (update and preview)", async () => {
            const b = new StackBuilder();
            const provider = chained(b, "arn:aws:iam::111111111111:role/deployer");
            const s = secureBucket(b, "data", { provider });
            // A grant to a role of the workload account, on the key named by id: the key's account is the provider's.
            b.add(T.grant, "app", { keyId: out(s.key, "keyId"), granteePrincipal: "arn:aws:iam::111111111111:role/app", operations: ["Decrypt"] }, { provider });
            assertNone(await run(b.build()));
            assertNone(await run(b.build(), { preview: true }));
        });

        it("the same chain read from JSON text, as a stack export stores provider settings", async () => {
            const b = new StackBuilder();
            const provider = chained(b, "arn:aws:iam::111111111111:role/deployer");
            b.patch(provider.slice(0, provider.lastIndexOf("::")), (props) => { props["assumeRoles"] = JSON.stringify(props["assumeRoles"]); });
            secureBucket(b, "data", { provider });
            assertNone(await run(b.build()));
        });

        it("still fires when the chain ends in an account the key policy doesn't delegate to, or the grantee is outside it", async () => {
            const b = new StackBuilder();
            const provider = chained(b, "arn:aws:iam::333333333333:role/deployer");
            const s = secureBucket(b, "data", { provider });
            assertOnly(await run(b.build()), "kms-key-policy-deployer-access", s.keyPolicy, "arn:aws:iam::333333333333:role/deployer");
            const c = new StackBuilder();
            const p = chained(c, "arn:aws:iam::111111111111:role/deployer");
            const t = secureBucket(c, "data", { provider: p });
            // A grantee in the hub account: the key is in the workload account, not the hub's.
            const grant = c.add(T.grant, "hub", { keyId: out(t.key, "keyId"), granteePrincipal: HUB, operations: ["Decrypt"] }, { provider: p });
            assertOnly(await run(c.build()), "kms-grant-in-account", grant);
        });
    });

    describe("a key policy Allow for Principal \"*\" pinned by aws:PrincipalArn or aws:PrincipalOrgPaths", () => {
        const statement = (condition: Record<string, unknown>) => ({
            Sid: "AppRoles", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: condition,
        });

        it("is a grant to the principals named, not public: one role, a list of roles, the Identity Center roles of one account (update and preview)", async () => {
            for (const condition of [
                { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/app" } },
                { StringEquals: { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/app", "arn:aws:iam::111111111111:role/ops"] } },
                { ArnLike: { "aws:principalArn": "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_KeyUsers_*" } },
                { "ForAnyValue:StringLike": { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/app-*", "arn:aws:iam::222222222222:role/reader"] } },
            ]) {
                const b = new StackBuilder();
                secureBucket(b, "data", { keyStatements: [statement(condition)] });
                assertNone(await run(b.build()));
                assertNone(await run(b.build(), { preview: true }));
            }
        });

        it("still fires when the pattern leaves the account open, the operator pins nothing, or the value is a policy variable", async () => {
            for (const condition of [
                { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } },
                { StringLike: { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/app", "arn:aws:iam::11111111111*"] } },
                { ArnLike: { "aws:PrincipalArn": "*" } },
                { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/app" } },
                { ArnEqualsIfExists: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/app" } },
                { "ForAllValues:ArnEquals": { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/app" } },
                { StringEquals: { "aws:PrincipalArn": "${aws:PrincipalArn}" } },
            ]) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data", { keyStatements: [statement(condition)] });
                assertOnly(await run(b.build()), "kms-key-policy-no-public-principal", s.keyPolicy, "aws:PrincipalArn condition");
            }
        });

        it("an aws:PrincipalOrgPaths pattern that starts with the organization id pins the caller to it (an OU of it), as aws:PrincipalOrgID does", async () => {
            for (const condition of [
                { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*", "o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/*"] } },
                { StringLike: { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*" } },
            ]) {
                const b = new StackBuilder();
                secureBucket(b, "data", { keyStatements: [statement(condition)] });
                assertNone(await run(b.build()));
            }
            for (const condition of [
                { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/*", "*/ou-ab12-11111111/*"] } },
                { "ForAllValues:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*" } },
                { "ForAnyValue:StringNotLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*" } },
                { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-*" } },
            ]) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data", { keyStatements: [statement(condition)] });
                assertOnly(await run(b.build()), "kms-key-policy-no-public-principal", s.keyPolicy);
            }
        });

        it("a bucket policy is still held to S3's meaning of public: an aws:PrincipalArn pattern doesn't make it non-public", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { bucketStatements: (arn) => [
                { Sid: "SsoRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: arn("/*"), Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*" } } },
            ] });
            assertFires(await run(b.build()), "s3-bucket-policy-no-public-allow", s.policy);
        });
    });

    describe("a replication rule naming its replica key by the stack's alias ARN (replicaKmsKeyId: alias.arn)", () => {
        /** Rewrites the pair's replication as a program writes it, with `replicaKmsKeyId` set to `value` (an output reference or a literal). */
        const replicaKey = (p: ReplicatedPair, value: unknown) => {
            const crossAccount = p.b.build().find((r) => r.urn === p.replication)?.inputs?.["rules"] as { destination: Record<string, unknown> }[];
            const { account, accessControlTranslation } = crossAccount[0].destination;
            p.b.remove(p.replication);
            p.b.add(T.replication, "replication", {
                bucket: out(p.source.bucket, "id"), role: out(p.role, "arn"),
                rules: [{
                    id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" },
                    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
                    destination: {
                        bucket: out(p.destination.bucket, "arn"), storageClass: "STANDARD", encryptionConfiguration: { replicaKmsKeyId: value },
                        ...(account === undefined ? {} : { account, accessControlTranslation }),
                    },
                }],
            }, { dependsOn: [p.source.versioning, p.destination.versioning] });
        };

        it("is compliant: S3 takes a key ARN or an alias ARN, and the stack shows which key the alias names (same and cross-account)", async () => {
            for (const crossAccount of [false, true]) {
                const p = replicatedPair({ crossAccount });
                replicaKey(p, out(p.destination.alias, "arn"));
                assertNone(await run(p.b.build()));
                assertNone(await run(p.b.build(), { preview: true }));
            }
        });

        it("still fires on an alias name, a bare key id, or the alias ARN of a key outside the stack", async () => {
            for (const value of [() => "alias/destination", (q: ReplicatedPair) => out(q.destination.key, "keyId"), () => "arn:aws:kms:eu-central-1:111111111111:alias/not-in-this-stack"]) {
                const q = replicatedPair();
                replicaKey(q, value(q));
                assertFires(await run(q.b.build()), "s3-replication-sse-kms", q.replication);
            }
        });
    });

    describe("a directory bucket's policy (S3 Express One Zone)", () => {
        const NAME = "fast-data--euw1-az1--x-s3";
        /** A directory bucket encrypted with `key`, and a bucket policy for it written as the S3 User Guide's examples write one. */
        const express = (b: StackBuilder, key: string, bucketRef: (bucket: string) => unknown) => {
            const bucket = b.add(T.directoryBucket, "express", { bucket: NAME, location: { name: "euw1-az1", type: "AvailabilityZone" } });
            b.add(T.sse, "express-sse", { bucket: out(bucket, "bucket"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true }] });
            return b.add(T.bucketPolicy, "express-policy", { bucket: bucketRef(bucket), policy: json({ Version: "2012-10-17", Statement: [
                { Sid: "ReadWriteAccess", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111111111111:root"] }, Action: ["s3express:CreateSession"], Resource: out(bucket, "arn") },
                { Sid: "ReadOnlyAccess", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/reader" }, Action: "s3express:CreateSession", Resource: "*", Condition: { StringEquals: { "s3express:SessionMode": "ReadOnly" } } },
            ] }) });
        };

        it("needs no TLS deny: S3 Express One Zone is reached over HTTPS only, and an s3:* deny on arn:aws:s3::: doesn't govern it (by output or literal name; update and preview)", async () => {
            for (const bucketRef of [(bucket: string) => out(bucket, "bucket"), () => NAME]) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                express(b, s.key, bucketRef);
                assertNone(await run(b.build()));
                assertNone(await run(b.build(), { preview: true }));
            }
        });

        it("a policy the stack writes for an undeclared general purpose bucket still needs the TLS deny; a public Allow in a directory bucket's policy is still public", async () => {
            const b = new StackBuilder();
            const policy = b.add(T.bucketPolicy, "legacy-policy", { bucket: "legacy-data", policy: json({ Version: "2012-10-17", Statement: [
                { Sid: "Readers", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/reader" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::legacy-data/*" },
            ] }) });
            assertOnly(await run(b.build()), "s3-bucket-policy-deny-insecure-transport", policy, "not declared in this stack");
            const c = new StackBuilder();
            const t = secureBucket(c, "data");
            const expressPolicy = express(c, t.key, (bucket) => out(bucket, "bucket"));
            c.patch(expressPolicy, (props) => {
                const doc = JSON.parse(props["policy"] as string) as Doc;
                doc.Statement.push({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "s3express:CreateSession", Resource: "*" });
                props["policy"] = JSON.stringify(doc);
            });
            assertOnly(await run(c.build()), "s3-bucket-policy-no-public-allow", expressPolicy);
        });
    });
});

// Keep the helpers referenced while later sections are added.
void editDoc;
