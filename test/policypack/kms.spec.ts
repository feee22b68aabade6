import * as assert from "assert";
import { assertNone, assertOnly, run } from "./support/run";
import { rootStatement, secureBucket } from "./support/scenarios";
import { json, StackBuilder, T } from "./support/stackBuilder";

describe("policy pack: KMS keys", () => {
    it("kms-key-rotation-enabled fires on a symmetric key without rotation, not on an asymmetric one", async () => {
        const b = new StackBuilder();
        const key = b.add(T.key, "plain", { description: "no rotation setting" });
        b.add(T.key, "signing", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
        b.add(T.key, "rotated", { enableKeyRotation: true });
        assertOnly(await run(b.build()), "kms-key-rotation-enabled", key, "rotation unset");
    });

    it("kms-key-deletion-window uses the configured minimum (default 7)", async () => {
        const b = new StackBuilder();
        b.add(T.key, "seven", { enableKeyRotation: true, deletionWindowInDays: 7 });
        const replica = b.add(T.replicaKey, "replica", { primaryKeyArn: "arn:aws:kms:us-east-1:111111111111:key/mrk-1", deletionWindowInDays: 10 });
        assertNone(await run(b.build()));
        assertOnly(await run(b.build(), { config: { "kms-key-deletion-window": { minimumDays: 14 } } }), "kms-key-deletion-window", replica, "below the minimum of 14");
        const c = new StackBuilder();
        const short = c.add(T.key, "short", { enableKeyRotation: true, deletionWindowInDays: 5 });
        assertOnly(await run(c.build()), "kms-key-deletion-window", short);
    });

    it("kms-key-s3-compatible fires for an asymmetric key used by a bucket", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.patch(s.key, (p) => { p["customerMasterKeySpec"] = "RSA_2048"; });
        assertOnly(await run(b.build()), "kms-key-s3-compatible", s.key, "key spec RSA_2048");
        const c = new StackBuilder();
        const t = secureBucket(c, "data");
        c.patch(t.key, (p) => { p["keyUsage"] = "GENERATE_VERIFY_MAC"; p["customerMasterKeySpec"] = "HMAC_256"; });
        assertOnly(await run(c.build(), { preview: true }), "kms-key-s3-compatible", t.key);
    });

    it("kms-key-region-matches-bucket compares the key's and the bucket's region inputs / providers", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.patch(s.key, (p) => { p["region"] = "us-east-1"; });
        assertOnly(await run(b.build()), "kms-key-region-matches-bucket", s.key, "in region us-east-1 (its region)");
        const c = new StackBuilder();
        const t = secureBucket(c, "data");
        c.patch(t.bucket, (p) => { p["region"] = "us-east-1"; });
        assertOnly(await run(c.build(), { preview: true }), "kms-key-region-matches-bucket", t.key, "(its provider's region)");
    });

    it("kms-key-region-matches-bucket checks a literal key ARN from another region", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.patch(s.sse, (p) => { ((p["rules"] as Record<string, Record<string, unknown>>[])[0]["applyServerSideEncryptionByDefault"])["kmsMasterKeyId"] = "arn:aws:kms:ap-south-1:111111111111:key/x"; });
        const vs = (await run(b.build())).filter((v) => v.policyName !== "s3-bucket-policy-require-sse-kms");
        assertOnly(vs, "kms-key-region-matches-bucket", s.sse, "ap-south-1");
    });

    describe("key policies (inline Key.policy, KeyPolicy, ReplicaKey.policy)", () => {
        const publicStatement = { Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" };

        for (const [label, type, extra] of [
            ["inline", T.key, { enableKeyRotation: true }],
            ["replica", T.replicaKey, { primaryKeyArn: "arn:aws:kms:us-east-1:111111111111:key/mrk-1" }],
            ["KeyPolicy", T.keyPolicy, { keyId: "1234" }],
        ] as const) {
            it(`kms-key-policy-no-public-principal fires on Principal * without a restricting condition (${label})`, async () => {
                const b = new StackBuilder();
                const urn = b.add(type, "k", { ...extra, policy: json({ Version: "2012-10-17", Statement: [rootStatement("111111111111"), publicStatement] }) });
                assertOnly(await run(b.build()), "kms-key-policy-no-public-principal", urn, "\"Everyone\"");
            });
        }

        it("accepts Principal * pinned by kms:CallerAccount / aws:PrincipalOrgID / aws:PrincipalAccount (IgnoreCase and ForAnyValue: forms too), rejects a wildcard, variable, negated, IfExists or ForAllValues pin", async () => {
            const ok = (cond: unknown) => json({ Version: "2012-10-17", Statement: [rootStatement("111111111111"), { ...publicStatement, Condition: cond }] });
            for (const cond of [
                { StringEquals: { "kms:CallerAccount": "111111111111" } }, { StringEquals: { "aws:PrincipalOrgID": "o-abc" } }, { StringEquals: { "aws:PrincipalAccount": ["111111111111"] } },
                // The IgnoreCase and set forms confine the caller just as well.
                { StringEqualsIgnoreCase: { "kms:CallerAccount": "111111111111" } }, { StringEqualsIgnoreCase: { "aws:PrincipalOrgID": "O-ABC" } },
                { "ForAnyValue:StringEqualsIgnoreCase": { "aws:PrincipalAccount": ["111111111111", "222222222222"] } }, { StringLike: { "aws:PrincipalOrgID": "o-abc" } },
            ]) {
                const b = new StackBuilder();
                b.add(T.keyPolicy, "kp", { keyId: "1", policy: ok(cond) });
                assertNone(await run(b.build()));
            }
            for (const cond of [
                { StringLike: { "aws:PrincipalOrgID": "o-*" } }, { StringNotEquals: { "kms:CallerAccount": "111111111111" } }, { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
                { StringNotEqualsIgnoreCase: { "kms:CallerAccount": "111111111111" } }, { StringEqualsIgnoreCaseIfExists: { "kms:CallerAccount": "111111111111" } },
                { "ForAllValues:StringEquals": { "aws:PrincipalAccount": "111111111111" } }, { StringEquals: { "kms:CallerAccount": "${aws:PrincipalAccount}" } },
                // S3's source and network keys are not KMS's caller pins (see KMS_PINNING_KEYS).
                { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
            ]) {
                const b = new StackBuilder();
                b.add(T.keyPolicy, "kp", { keyId: "1", policy: ok(cond) });
                assertOnly(await run(b.build()), "kms-key-policy-no-public-principal");
            }
        });

        it("kms-key-policy-admin-separation (advisory) fires when an administrator also gets crypto actions", async () => {
            const admin = "arn:aws:iam::111111111111:role/key-admin";
            const b = new StackBuilder();
            const urn = b.add(T.keyPolicy, "kp", { keyId: "1", policy: json({ Version: "2012-10-17", Statement: [
                rootStatement("111111111111"),
                { Sid: "Admins", Effect: "Allow", Principal: { AWS: admin }, Action: ["kms:Create*", "kms:Put*", "kms:ScheduleKeyDeletion"], Resource: "*" },
                { Sid: "Use", Effect: "Allow", Principal: { AWS: [admin] }, Action: ["kms:Decrypt"], Resource: "*" },
            ] }) });
            const vs = await run(b.build());
            assertOnly(vs, "kms-key-policy-admin-separation", urn, admin);
            assert.strictEqual(vs[0].enforcementLevel, "advisory");
            const c = new StackBuilder();
            c.add(T.keyPolicy, "kp", { keyId: "1", policy: json({ Version: "2012-10-17", Statement: [
                rootStatement("111111111111"),
                { Sid: "Admins", Effect: "Allow", Principal: { AWS: admin }, Action: ["kms:Create*", "kms:Put*", "kms:ScheduleKeyDeletion"], Resource: "*" },
            ] }) });
            assertNone(await run(c.build()));
        });
    });
});
