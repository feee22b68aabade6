// Keys with imported key material (aws.kms.ExternalKey, aws.kms.ReplicaExternalKey) are KMS keys like any other to S3
// and to their key policy: a bucket encrypted with one is judged as with an aws.kms.Key (spec, usage, enabled, Region),
// and its inline policy, lockout switch and deletion window as a Key's ("AWS KMS Developer Guide: Importing key
// material for AWS KMS keys": such a key has a key policy, a key spec and usage, and is scheduled for deletion like others).
import * as assert from "assert";
import { assertNone, assertOnly, describeAll, run } from "./support/run";
import { rootStatement, secureBucket, SecureBucket } from "./support/scenarios";
import { json, StackBuilder, T } from "./support/stackBuilder";

const ACCOUNT = "111111111111";
const GOOD_POLICY = { Version: "2012-10-17", Statement: [rootStatement(ACCOUNT)] };

/** The compliant bucket re-keyed with an ExternalKey of `inputs` (its bucket policy names that key). */
function externallyKeyed(inputs: Record<string, unknown> = {}): { b: StackBuilder; s: SecureBucket; key: string } {
    const b = new StackBuilder();
    const s = secureBucket(b, "data");
    const key = b.add(T.externalKey, "imported", {
        description: "imported key material", keyMaterialBase64: "[secret]", deletionWindowInDays: 30, policy: json(GOOD_POLICY), ...inputs,
    }, { protect: true });
    for (const [urn, path] of [[s.sse, "rules"], [s.policy, "policy"]] as const) {
        b.patch(urn, (props) => {
            const text = typeof props[path] === "string" ? props[path] as string : JSON.stringify(props[path]);
            const oldArn = b.build().find((r) => r.urn === s.key)?.outputs?.["arn"] as string;
            const newArn = b.build().find((r) => r.urn === key)?.outputs?.["arn"] as string;
            const replaced = text.split(oldArn).join(newArn);
            props[path] = typeof props[path] === "string" ? replaced : JSON.parse(replaced);
        });
    }
    return { b, s, key };
}

describe("policy pack: keys with imported key material (ExternalKey, ReplicaExternalKey)", () => {
    it("a compliant bucket under an ExternalKey with the account-root policy passes", async () => {
        const { b } = externallyKeyed();
        assertNone(await run(b.build()));
        assertNone(await run(b.build(), { preview: true }));
    });

    it("kms-key-policy-no-public-principal fires on an ExternalKey's public policy (inline, as users write it)", async () => {
        const { b, key } = externallyKeyed({ policy: json({ Version: "2012-10-17", Statement: [rootStatement(ACCOUNT), { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }] }) });
        assertOnly(await run(b.build()), "kms-key-policy-no-public-principal", key, "\"Everyone\"");
    });

    it("kms-key-policy-lockout-safety-check and kms-key-deletion-window read an ExternalKey's inputs", async () => {
        const bypass = externallyKeyed({ bypassPolicyLockoutSafetyCheck: true });
        assertOnly(await run(bypass.b.build()), "kms-key-policy-lockout-safety-check", bypass.key);
        const short = externallyKeyed({ deletionWindowInDays: 3 });
        assertOnly(await run(short.b.build()), "kms-key-deletion-window", short.key);
    });

    it("kms-key-s3-compatible fires on an asymmetric, a signing or a disabled ExternalKey used by S3; not on one S3 doesn't use", async () => {
        for (const [inputs, part] of [
            [{ keySpec: "RSA_2048" }, "key spec RSA_2048"],
            [{ keyUsage: "SIGN_VERIFY" }, "key usage SIGN_VERIFY"],
            [{ enabled: false }, "disabled (enabled: false)"],
        ] as const) {
            const { b, key } = externallyKeyed(inputs);
            assertOnly(await run(b.build()), "kms-key-s3-compatible", key, part);
        }
        const b = new StackBuilder();
        secureBucket(b, "data");
        b.add(T.externalKey, "signing", { keySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY", policy: json(GOOD_POLICY) });
        assertNone(await run(b.build()));
    });

    it("a ReplicaExternalKey's own policy is judged, and as a replica key its enabled flag", async () => {
        const b = new StackBuilder();
        const replica = b.add(T.replicaExternalKey, "replica", {
            primaryKeyArn: "arn:aws:kms:us-east-1:111111111111:key/mrk-1", keyMaterialBase64: "[secret]",
            policy: json({ Version: "2012-10-17", Statement: [rootStatement(ACCOUNT), { Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }] }),
        });
        assertOnly(await run(b.build()), "kms-key-policy-no-public-principal", replica);
        const c = new StackBuilder();
        const s = secureBucket(c, "data");
        const disabled = c.add(T.replicaExternalKey, "replica", { primaryKeyArn: "arn:aws:kms:us-east-1:111111111111:key/mrk-1", keyMaterialBase64: "[secret]", enabled: false, policy: json(GOOD_POLICY) });
        c.patch(s.sse, (props) => {
            ((props["rules"] as Record<string, Record<string, unknown>>[])[0]["applyServerSideEncryptionByDefault"])["kmsMasterKeyId"] = c.build().find((r) => r.urn === disabled)?.outputs?.["arn"];
        });
        const vs = await run(c.build());
        assert.ok(vs.some((v) => v.policyName === "kms-key-s3-compatible" && v.urn === disabled), describeAll(vs));
    });

    it("an ExternalKey's key policy can't be read outside a preview: its \"cannot verify\", not a pass", async () => {
        const { b, key } = externallyKeyed();
        b.patch(key, (props) => { props["policy"] = "[secret]"; });
        const vs = await run(b.build());
        assertOnly(vs, "kms-key-policy-no-public-principal", key, "cannot verify");
        assertNone(await run(b.build(), { preview: true }));
    });

    it("the bucket's key by out(externalKey, \"arn\") resolves to it, so its Region is the key's own", async () => {
        const { b, key } = externallyKeyed({ region: "us-east-1" });
        const vs = (await run(b.build())).filter((v) => v.policyName !== "s3-bucket-policy-require-sse-kms");
        assertOnly(vs, "kms-key-region-matches-bucket", key, "us-east-1");
    });
});
