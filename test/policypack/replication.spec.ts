import * as assert from "assert";
import { assertFires, assertNone, assertOnly, describeAll, run } from "./support/run";
import { replicatedPair, ReplicatedPair } from "./support/scenarios";
import { out, T } from "./support/stackBuilder";

type Rule = Record<string, Record<string, unknown>>;

function editRule(p: ReplicatedPair, edit: (rule: Rule) => void): void {
    p.b.patch(p.replication, (props) => edit((props["rules"] as Rule[])[0]));
}

function editDoc(p: ReplicatedPair, urn: string, edit: (statements: Record<string, unknown>[]) => Record<string, unknown>[]): void {
    p.b.patch(urn, (props) => {
        const doc = JSON.parse(props["policy"] as string) as { Statement: Record<string, unknown>[] };
        doc.Statement = edit(doc.Statement);
        props["policy"] = JSON.stringify(doc);
    });
}

describe("policy pack: replication", () => {
    for (const crossAccount of [false, true]) {
        for (const shape of ["v7", "v2", "inline"] as const) {
            it(`is quiet on a complete ${crossAccount ? "cross-account" : "same-account"} cross-region replication from a ${shape} source (update and fresh preview)`, async () => {
                const p = replicatedPair({ crossAccount, shape });
                assertNone(await run(p.b.build()));
                assertNone(await run(p.b.build(), { preview: true }));
            });
        }
    }

    it("s3-replication-versioning-enabled reads inline versioning (Bucket.versioning, BucketV2.versionings)", async () => {
        const a = replicatedPair({ shape: "inline" });
        a.b.patch(a.source.bucket, (props) => { props["versioning"] = { enabled: false }; });
        assertOnly(await run(a.b.build(), { preview: true }), "s3-replication-versioning-enabled", a.source.bucket, "\"Suspended\"");
        const b = replicatedPair({ shape: "v2" });
        b.b.remove(b.source.versioning);
        b.b.patch(b.source.bucket, (props) => { props["versionings"] = [{ enabled: false }]; });
        assertOnly(await run(b.b.build()), "s3-replication-versioning-enabled", b.source.bucket);
    });

    it("s3-replication-versioning-enabled fires when the destination has no versioning (also in preview)", async () => {
        const p = replicatedPair();
        p.b.remove(p.destination.versioning);
        assertOnly(await run(p.b.build()), "s3-replication-versioning-enabled", p.destination.bucket, "destination");
        assertOnly(await run(p.b.build(), { preview: true }), "s3-replication-versioning-enabled", p.destination.bucket);
    });

    it("s3-replication-versioning-enabled fires when the source versioning is Suspended", async () => {
        const p = replicatedPair();
        p.b.patch(p.source.versioning, (props) => { props["versioningConfiguration"] = { status: "Suspended" }; });
        assertOnly(await run(p.b.build(), { preview: true }), "s3-replication-versioning-enabled", p.source.versioning, "\"Suspended\"");
    });

    it("s3-replication-sse-kms fires without sseKmsEncryptedObjects, without replicaKmsKeyId, and on an alias", async () => {
        const a = replicatedPair();
        editRule(a, (r) => { delete r["sourceSelectionCriteria"]; });
        assertOnly(await run(a.b.build(), { preview: true }), "s3-replication-sse-kms", a.replication, "doesn't select SSE-KMS");

        const b = replicatedPair();
        editRule(b, (r) => { delete r["destination"]["encryptionConfiguration"]; });
        assertOnly(await run(b.b.build(), { preview: true }), "s3-replication-sse-kms", b.replication, "sets no replicaKmsKeyId");

        const c = replicatedPair();
        editRule(c, (r) => { r["destination"]["encryptionConfiguration"] = { replicaKmsKeyId: "alias/destination" }; });
        assertFires(await run(c.b.build()), "s3-replication-sse-kms", c.replication);
    });

    it("kms-key-region-matches-bucket fires when replicas are encrypted with the source-region key", async () => {
        const p = replicatedPair();
        p.b.patch(p.replication, (props) => {
            const rule = (props["rules"] as Rule[])[0];
            rule["destination"]["encryptionConfiguration"] = { replicaKmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/source-region" };
        });
        assertFires(await run(p.b.build()), "kms-key-region-matches-bucket", p.replication);
    });

    it("s3-replication-role-kms-access fires when the role policy lacks kms:Decrypt on the source key", async () => {
        const p = replicatedPair();
        editDoc(p, p.rolePolicy, (ss) => ss.filter((s) => !(s["Action"] as string[]).includes("kms:Decrypt")));
        assertOnly(await run(p.b.build()), "s3-replication-role-kms-access", p.role, "kms:Decrypt on the source");
    });

    it("s3-replication-role-kms-access reads a condition that fails after one it can't model (encryption context, then the wrong Region)", async () => {
        // "Replicating encrypted objects": the role's KMS statements may pin kms:EncryptionContext:aws:s3:arn, which the
        // pack can't evaluate; a later clause of the same statement that is known to fail still refuses S3's request.
        const pinned = (region: string) => (ss: Record<string, unknown>[]) => ss.map((st) =>
            (st["Action"] as string[]).includes("kms:Decrypt")
                ? { ...st, Condition: { StringLike: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::source", "aws:RequestedRegion": region } } }
                : st);
        const right = replicatedPair();
        editDoc(right, right.rolePolicy, pinned("eu-west-1"));
        assertNone(await run(right.b.build()));
        const wrong = replicatedPair();
        editDoc(wrong, wrong.rolePolicy, pinned("us-east-1"));
        assertOnly(await run(wrong.b.build()), "s3-replication-role-kms-access", wrong.role, "kms:Decrypt on the source");
    });

    it("s3-replication-role-kms-access fires when the role has no policy at all (decidable in preview)", async () => {
        const p = replicatedPair();
        p.b.remove(p.rolePolicy);
        assertOnly(await run(p.b.build(), { preview: true }), "s3-replication-role-kms-access", p.role);
    });

    it("s3-replication-role-kms-access accepts a same-account role that only the account root's delegation lets use the keys, and refuses it once the root statement is gone", async () => {
        // "AWS KMS key policies", Allows access to the AWS account and enables IAM policies: a key
        // policy naming the account root lets IAM policies of that account grant use of the key.
        const withoutRoleStatements = (ss: Record<string, unknown>[]) => ss.filter((s) => !String(s["Sid"]).startsWith("AllowS3Replication"));
        const delegated = replicatedPair();
        editDoc(delegated, delegated.source.keyPolicy, withoutRoleStatements);
        editDoc(delegated, delegated.destination.keyPolicy, withoutRoleStatements);
        assertNone(await run(delegated.b.build()));

        const neither = replicatedPair();
        editDoc(neither, neither.source.keyPolicy, (ss) => withoutRoleStatements(ss).filter((s) => s["Sid"] !== "EnableRootAccess"));
        assertFires(await run(neither.b.build()), "s3-replication-role-kms-access", neither.source.keyPolicy);
    });

    it("s3-replication-role-kms-access fires when the destination key policy lacks the paired statement", async () => {
        const p = replicatedPair({ crossAccount: true });
        editDoc(p, p.destination.keyPolicy, (ss) => ss.filter((s) => s["Sid"] !== "AllowS3ReplicationDestinationRoleToUseTheKey"));
        assertOnly(await run(p.b.build()), "s3-replication-role-kms-access", p.destination.keyPolicy, "kms:Encrypt");
    });

    it("reads role permissions from aws.iam.Policy + RolePolicyAttachment and from Role inlinePolicies", async () => {
        for (const style of ["attachment", "inline"] as const) {
            const p = replicatedPair();
            const doc = JSON.parse(p.b.build().find((r) => r.urn === p.rolePolicy)?.inputs?.["policy"] as string) as unknown;
            p.b.remove(p.rolePolicy);
            if (style === "attachment") {
                const policy = p.b.add(T.iamPolicy, "replication-policy", { policy: JSON.stringify(doc) });
                p.b.add(T.attachment, "replication-attachment", { role: out(p.role, "id"), policyArn: out(policy, "arn") });
            } else {
                p.b.patch(p.role, (props) => { props["inlinePolicies"] = [{ name: "replication", policy: JSON.stringify(doc) }]; });
            }
            assertNone(await run(p.b.build()));
            assertNone(await run(p.b.build(), { preview: true }));
        }
    });

    it("s3-replication-cross-account fires without account / owner override", async () => {
        const p = replicatedPair({ crossAccount: true });
        editRule(p, (r) => { delete r["destination"]["account"]; delete r["destination"]["accessControlTranslation"]; });
        const vs = await run(p.b.build(), { preview: true });
        assertOnly(vs, "s3-replication-cross-account", p.replication, "without destination.account");
        assertOnly(vs, "s3-replication-cross-account", p.replication, "owner override");
    });

    it("s3-replication-cross-account: a destination whose account the pack can't read (a secret assumeRoles) is \"cannot verify\" outside a preview, not same-account", async () => {
        const p = replicatedPair({ crossAccount: true });
        editRule(p, (r) => { delete r["destination"]["account"]; delete r["destination"]["accessControlTranslation"]; });
        const providerUrn = p.destProvider.slice(0, p.destProvider.lastIndexOf("::"));
        p.b.patch(providerUrn, (props) => { props["assumeRoles"] = "[secret]"; });
        const vs = await run(p.b.build());
        const found = vs.filter((v) => v.policyName === "s3-replication-cross-account");
        assert.deepStrictEqual(found.map((v) => v.urn), [p.replication], describeAll(vs));
        assert.match(found[0].message, /cannot verify: .* has its account \(from its provider's assumed role\) as an encrypted secret or an unknown value/);
        assert.deepStrictEqual((await run(p.b.build(), { preview: true })).filter((v) => v.policyName === "s3-replication-cross-account"), []);
    });

    it("s3-replication-cross-account fires when the destination bucket policy doesn't allow the role", async () => {
        const p = replicatedPair({ crossAccount: true });
        editDoc(p, p.destination.policy, (ss) => ss.filter((s) => s["Sid"] !== "AllowReplication"));
        assertOnly(await run(p.b.build()), "s3-replication-cross-account", p.destination.policy, "s3:ReplicateObject");
    });

    it("reads the deprecated inline replicationConfiguration on Bucket (v7 shape) and replicationConfigurations on BucketV2", async () => {
        for (const shape of ["bucket", "bucketV2"] as const) {
            const p = replicatedPair();
            const cfg = p.b.build().find((r) => r.urn === p.replication)?.inputs as Record<string, unknown>;
            const rule = (cfg["rules"] as Rule[])[0];
            const replicaKmsKeyId = (rule["destination"]["encryptionConfiguration"] as Record<string, unknown>)["replicaKmsKeyId"];
            const dest = { bucket: rule["destination"]["bucket"], replicaKmsKeyId, storageClass: "STANDARD" };
            p.b.remove(p.replication);
            p.b.patch(p.source.bucket, (props) => {
                if (shape === "bucket") {
                    props["replicationConfiguration"] = { role: cfg["role"], rules: [{ id: "all", status: "Enabled", destination: dest, sourceSelectionCriteria: { sseKmsEncryptedObjects: { enabled: false } } }] };
                } else {
                    props["replicationConfigurations"] = [{ role: cfg["role"], rules: [{ id: "all", status: "Enabled", destinations: [dest], sourceSelectionCriterias: [{ sseKmsEncryptedObjects: [{ enabled: false }] }] }] }];
                }
            });
            assertOnly(await run(p.b.build()), "s3-replication-sse-kms", p.source.bucket, "doesn't select SSE-KMS");
        }
    });

    it("finds destination and replica key through propertyDependencies when the ARNs are unknown", async () => {
        const p = replicatedPair();
        p.b.patch(p.destination.key, (props) => { props["region"] = "us-west-2"; });
        // Fresh preview: replicaKmsKeyId and the destination bucket ARN are unknown outputs.
        assertFires(await run(p.b.build(), { preview: true }), "kms-key-region-matches-bucket", p.replication);
    });

    it("s3-replication-role-kms-least-privilege (advisory) fires on kms:* for every key", async () => {
        const p = replicatedPair();
        editDoc(p, p.rolePolicy, (ss) => [...ss, { Effect: "Allow", Action: "kms:*", Resource: "*" }]);
        const vs = await run(p.b.build());
        assertOnly(vs, "s3-replication-role-kms-least-privilege", p.rolePolicy, "every KMS key");
        assert.ok(vs.every((v) => v.enforcementLevel === "advisory"));
    });

});

describe("policy pack: replication to a bucket outside the stack (externalReplicas)", () => {
    const PARTNER_BUCKET = "arn:aws:s3:::partner-archive";
    const PARTNER_KEY = "arn:aws:kms:us-east-1:444444444444:key/0b9f7a36-6f2d-4b8e-9a51-3c1d2e4f5a6b";

    /** The cross-account pair, its rule pointed at a partner's bucket and key, and the role allowed on them. */
    function external(locked: boolean): ReplicatedPair {
        const p = replicatedPair({ crossAccount: true });
        editRule(p, (rule) => {
            rule["destination"] = { bucket: PARTNER_BUCKET, account: "444444444444", accessControlTranslation: { owner: "Destination" }, encryptionConfiguration: { replicaKmsKeyId: PARTNER_KEY } };
        });
        editDoc(p, p.rolePolicy, (statements) => [
            ...statements,
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"], Resource: `${PARTNER_BUCKET}/*` },
            { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: PARTNER_KEY },
            ...(locked ? [{ Effect: "Allow", Action: ["s3:GetObjectRetention", "s3:GetObjectLegalHold"], Resource: "*" }] : []),
        ]);
        if (locked) p.b.patch(p.source.bucket, (props) => { props["objectLockEnabled"] = true; });
        return p;
    }

    it("is not blocked merely because the destination is not in the stack (update and fresh preview)", async () => {
        const p = external(false);
        assertNone(await run(p.b.build()));
        assertNone(await run(p.b.build(), { preview: true }));
    });

    it("s3-replication-object-lock: a locked source's rule to it is a cannot verify, not a pass", async () => {
        const vs = await run(external(true).b.build());
        assertOnly(vs, "s3-replication-object-lock", undefined, 'cannot verify: rule "all" replicates the Object Lock bucket');
        assert.ok(vs.some((v) => v.message.includes('bucket "partner-archive" (not declared in this stack)')), vs.map((v) => v.message).join("\n"));
    });
});
