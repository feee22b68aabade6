// "Stop a bad resource before it is created": a preview must report a resource whose inputs fail the pack whatever
// its unknown values (outputs of resources not yet created) resolve to. Three-valued: the pack reports only when
// every resolution fails, so next to each firing case stands one where the unknown could still be compliant.
import { assertNone, assertOnly, run } from "./support/run";
import { secureBucket } from "./support/scenarios";
import { out, StackBuilder, T } from "./support/stackBuilder";
import { EXEMPT_TAG } from "../../policypack/policies";

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PARAMETER = "aws:ssm/parameter:Parameter";
const SSE_KMS = "s3-bucket-sse-kms";
const OBJECT_SSE = "s3-object-sse-kms";
const COMPATIBLE = "kms-key-s3-compatible";

/** The algorithm read from an SSM parameter the stack creates (`param.insecureValue`): unknown in a fresh preview. */
function algorithmFromParameter(b: StackBuilder, value: string): unknown {
    const param = b.add(PARAMETER, "sse-algorithm", { name: "/data/sse-algorithm", type: "String" }, { outputs: { insecureValue: value } });
    return out(param, "insecureValue");
}

describe("policy pack: a preview stops what is bad whatever its unknowns resolve to", () => {
    describe("default encryption with an unknown sseAlgorithm", () => {
        for (const shape of ["v7", "v2", "inline"] as const) {
            it(`fires when the rule names no customer managed key: AES256 is SSE-S3, aws:kms without a key is aws/s3 (${shape})`, async () => {
                for (const keyId of [undefined, "alias/aws/s3", "arn:aws:kms:eu-west-1:111111111111:alias/aws/s3"]) {
                    const b = new StackBuilder();
                    const s = secureBucket(b, "data", { shape });
                    // A value no literal key ARN contains: the simulated preview blanks every string containing it.
                    const algorithm = algorithmFromParameter(b, "aws:kms:dsse");
                    const rule = { applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, ...(keyId ? { kmsMasterKeyId: keyId } : {}) }, bucketKeyEnabled: true };
                    if (shape === "inline") {
                        const bucketProps = b.build().find((r) => r.urn === s.bucket)?.inputs ?? {};
                        b.remove(s.bucket);
                        b.add(T.bucket, "data", { ...bucketProps, serverSideEncryptionConfiguration: { rule } });
                    } else {
                        b.remove(s.sse);
                        b.add(shape === "v2" ? T.sseV2 : T.sse, "data-sse", { bucket: out(s.bucket, "id"), rules: [rule] });
                    }
                    assertOnly(await run(b.build(), { preview: true }), SSE_KMS, shape === "inline" ? s.bucket : s.sse, "whatever value its unknown sseAlgorithm takes");
                }
            });
        }

        it("stays silent when the rule names the bucket's key (aws:kms with it is compliant), known or unknown", async () => {
            for (const keyId of ["key", "literal"] as const) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                const algorithm = algorithmFromParameter(b, "aws:kms");
                b.remove(s.sse);
                b.add(T.sse, "data-sse", { bucket: out(s.bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: {
                    sseAlgorithm: algorithm, kmsMasterKeyId: keyId === "key" ? out(s.key, "arn") : "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                }, bucketKeyEnabled: true }] });
                assertNone(await run(b.build(), { preview: true }));
            }
        });

        it("stays silent on a server access log bucket (AES256 is compliant there) and on a bucket tagged exempt from s3-bucket-sse-customer-managed-key", async () => {
            for (const variant of ["log target", "exempt"] as const) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                const logs = b.add(T.bucket, "logs", variant === "exempt" ? { tags: { [EXEMPT_TAG]: "s3-bucket-sse-customer-managed-key" } } : {});
                const algorithm = algorithmFromParameter(b, "AES256");
                b.add(T.sse, "logs-sse", { bucket: out(logs, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm } }] });
                if (variant === "log target") {
                    b.add("aws:s3/bucketLogging:BucketLogging", "data-logging", { bucket: out(s.bucket, "id"), targetBucket: out(logs, "id"), targetPrefix: "data/" });
                }
                const vs = (await run(b.build(), { preview: true })).filter((v) => v.policyName === SSE_KMS || v.policyName === "s3-bucket-sse-customer-managed-key");
                assertNone(vs);
            }
        });

        it("fires when the rule names a key of the stack S3 can't use (asymmetric, HMAC, disabled): kms-key-s3-compatible fails every KMS value", async () => {
            for (const keyProps of [{ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }, { isEnabled: false }]) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                b.patch(s.key, (p) => Object.assign(p, keyProps));
                const algorithm = algorithmFromParameter(b, "aws:kms:dsse");
                b.remove(s.sse);
                const sse = b.add(T.sse, "data-sse", { bucket: out(s.bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, kmsMasterKeyId: out(s.key, "arn") }, bucketKeyEnabled: true }] });
                const vs = (await run(b.build(), { preview: true })).filter((v) => v.policyName !== "kms-key-rotation-enabled");
                assertOnly(vs, SSE_KMS, sse, `names Key "data-key" (${"isEnabled" in keyProps ? "disabled (isEnabled: false)" : `key spec ${keyProps.customerMasterKeySpec}, key usage ${keyProps.keyUsage}`})`);
            }
        });

        it("fires when the rule names a key outside the stack by alias or key id (s3-bucket-sse-key-arn fails every KMS value); a key ARN stays silent", async () => {
            for (const keyId of ["alias/shared-data", "1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:eu-west-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                const algorithm = algorithmFromParameter(b, "aws:kms:dsse");
                b.remove(s.sse);
                const sse = b.add(T.sse, "data-sse", { bucket: out(s.bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, kmsMasterKeyId: keyId }, bucketKeyEnabled: true }] });
                const vs = (await run(b.build(), { preview: true })).filter((v) => v.policyName === SSE_KMS);
                if (keyId.startsWith("arn:")) {
                    assertNone(vs);
                } else {
                    assertOnly(vs, SSE_KMS, sse, `names "${keyId}", ${keyId.startsWith("alias/") ? "the alias" : "the key id or name"} of a key outside this stack`);
                }
            }
        });

        it("stays silent when that key is symmetric and enabled, its spec unknown, or it is tagged exempt from kms-key-s3-compatible", async () => {
            for (const keyProps of [{}, { customerMasterKeySpec: UNKNOWN_STRING }, { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY", tags: { [EXEMPT_TAG]: "kms-key-s3-compatible" } }]) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                b.patch(s.key, (p) => Object.assign(p, keyProps));
                const algorithm = algorithmFromParameter(b, "aws:kms:dsse");
                b.remove(s.sse);
                b.add(T.sse, "data-sse", { bucket: out(s.bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, kmsMasterKeyId: out(s.key, "arn") }, bucketKeyEnabled: true }] });
                const vs = (await run(b.build(), { preview: true })).filter((v) => v.policyName !== "kms-key-rotation-enabled" && v.policyName !== "encrypted-buckets-exemptions");
                assertNone(vs);
            }
        });

        it("fires for an aws-native bucket and for a bucket the stack does not declare", async () => {
            const b = new StackBuilder();
            const provider = b.nativeProvider("native", { region: "eu-west-1", account: "111111111111" });
            const algorithm = algorithmFromParameter(b, "aws:kms");
            const bucket = b.add(T.nativeBucket, "native-data", { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: algorithm }, bucketKeyEnabled: true }] } }, { provider });
            const external = b.add(T.sse, "existing-sse", { bucket: "existing-logs", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm } }] });
            const vs = (await run(b.build(), { preview: true })).filter((v) => v.policyName === SSE_KMS && v.message.includes("unknown sseAlgorithm"));
            assertOnly(vs, SSE_KMS, bucket);
            assertOnly(vs, SSE_KMS, external, "bucket \"existing-logs\" (not declared in this stack)");
        });
    });

    describe("kms-key-rotation-enabled: no false alarm on a key whose kind is still to be computed", () => {
        it("a key in a custom key store the stack creates (customKeyStoreId: store.id) passes the preview and the update", async () => {
            const b = new StackBuilder();
            const store = b.add("aws:kms/customKeyStore:CustomKeyStore", "hsm-store", { customKeyStoreName: "hsm-store", cloudHsmClusterId: "cluster-234abcdefABC", keyStorePassword: "p", trustAnchorCertificate: "c" }, { outputs: { customKeyStoreId: "cks-1234567890abcdef0" } });
            const key = b.add(T.key, "hsm-key", { customKeyStoreId: out(store, "customKeyStoreId"), deletionWindowInDays: 30 }, { protect: true });
            for (const preview of [true, false]) {
                const vs = (await run(b.build(), { preview })).filter((v) => v.urn === key && v.policyName === "kms-key-rotation-enabled");
                assertNone(vs);
            }
        });

        it("in a preview, an unknown spec leaves rotation undecided; a known symmetric key with rotation off still fires", async () => {
            for (const spec of [UNKNOWN_STRING, "SYMMETRIC_DEFAULT"]) {
                const b = new StackBuilder();
                const key = b.add(T.key, "k", { customerMasterKeySpec: spec, enableKeyRotation: false, deletionWindowInDays: 30, policy: UNKNOWN_STRING }, { protect: true });
                const vs = (await run(b.build(), { preview: true })).filter((v) => v.urn === key && v.policyName === "kms-key-rotation-enabled");
                if (spec === UNKNOWN_STRING) {
                    assertNone(vs);
                } else {
                    assertOnly(vs, "kms-key-rotation-enabled", key, "rotation disabled");
                }
            }
        });
    });

    describe("objects that set their own encryption", () => {
        const object = (b: StackBuilder, bucket: string, props: Record<string, unknown>, type: string = T.bucketObjectV2) =>
            b.add(type, "readme", { bucket: out(bucket, "id"), key: "README", ...(type === T.objectCopy ? { source: "seed-bucket/README" } : { content: "hello" }), ...props });

        it("fires on a known AES256 or aws/s3 key whatever the unknown key id, algorithm or SSE-C setting", async () => {
            for (const [type, props] of [
                [T.bucketObjectV2, { serverSideEncryption: "AES256", kmsKeyId: "key" }],
                [T.bucketObject, { serverSideEncryption: "AES256", kmsKeyId: UNKNOWN_STRING }],
                [T.objectCopy, { serverSideEncryption: "AES256", customerAlgorithm: UNKNOWN_STRING }],
                [T.bucketObjectV2, { serverSideEncryption: "algorithm", kmsKeyId: "alias/aws/s3" }],
                [T.objectCopy, { serverSideEncryption: "aws:kms", customerAlgorithm: UNKNOWN_STRING }],
            ] as const) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                const algorithm = algorithmFromParameter(b, "aws:kms");
                const resolved = { ...props, ...(props.kmsKeyId === "key" ? { kmsKeyId: out(s.key, "arn") } : {}), ...(props.serverSideEncryption === "algorithm" ? { serverSideEncryption: algorithm } : {}) };
                const urn = object(b, s.bucket, resolved, type);
                assertOnly(await run(b.build(), { preview: true }), OBJECT_SSE, urn);
            }
        });

        it("stays silent where an unknown could still make it compliant", async () => {
            for (const [type, props] of [
                [T.bucketObjectV2, { serverSideEncryption: "aws:kms", kmsKeyId: "key" }],
                [T.bucketObjectV2, { serverSideEncryption: "algorithm" }],
                [T.objectCopy, { serverSideEncryption: "aws:kms", kmsKeyId: "key", customerAlgorithm: UNKNOWN_STRING }],
                [T.bucketObjectV2, { serverSideEncryption: "algorithm", kmsKeyId: "key" }],
            ] as const) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                const algorithm = algorithmFromParameter(b, "aws:kms");
                const resolved = { ...props, ...("kmsKeyId" in props ? { kmsKeyId: out(s.key, "arn") } : {}), ...(props.serverSideEncryption === "algorithm" ? { serverSideEncryption: algorithm } : {}) };
                object(b, s.bucket, resolved, type);
                assertNone(await run(b.build(), { preview: true }));
            }
        });
    });

    describe("kms-key-s3-compatible on keys named by configurations of buckets the stack does not declare", () => {
        const DIRECTORY = "fast-data--euw1-az1--x-s3";
        for (const target of ["existing bucket", "directory bucket"] as const) {
            for (const [spec, usage] of [["RSA_2048", "SIGN_VERIFY"], ["HMAC_256", "GENERATE_VERIFY_MAC"], ["SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"]] as const) {
                it(`${spec}/${usage} key as the SSE-KMS key of an ${target}: ${spec === "SYMMETRIC_DEFAULT" ? "passes" : "fires, in preview and after"}`, async () => {
                    const b = new StackBuilder();
                    const key = b.add(T.key, "odd-key", { customerMasterKeySpec: spec, keyUsage: usage, deletionWindowInDays: 30, ...(spec === "SYMMETRIC_DEFAULT" ? { enableKeyRotation: true } : {}) }, { protect: true });
                    let bucketRef: unknown = "existing-data";
                    if (target === "directory bucket") {
                        const directory = b.add(T.directoryBucket, "express", { bucket: DIRECTORY, location: { name: "euw1-az1", type: "AvailabilityZone" } });
                        bucketRef = out(directory, "bucket");
                    }
                    b.add(T.sse, "sse", { bucket: bucketRef, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true }] });
                    for (const preview of [true, false]) {
                        const vs = (await run(b.build(), { preview })).filter((v) => v.policyName === COMPATIBLE);
                        if (spec === "SYMMETRIC_DEFAULT") {
                            assertNone(vs);
                        } else {
                            assertOnly(vs, COMPATIBLE, key, `key usage ${usage}`);
                        }
                    }
                });
            }
        }
    });
});
