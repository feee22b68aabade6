// Issue 14 item 7: resources users expect the pack to judge besides buckets, keys and replication.
import * as assert from "assert";
import { assertNone, assertOnly, run } from "./support/run";
import { rootStatement, secureBucket } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

describe("policy pack: coverage (issue 14 item 7)", () => {
    describe("s3-object-sse-kms: objects with their own encryption", () => {
        for (const type of [T.bucketObject, T.bucketObjectV2]) {
            it(`fires on AES256, on aws:kms without kmsKeyId and on alias/aws/s3; quiet on the bucket default or a CMK (${type.split(":").pop()})`, async () => {
                for (const [props, part] of [
                    [{ serverSideEncryption: "AES256" }, "\"AES256\", not SSE-KMS"],
                    [{ serverSideEncryption: "aws:kms" }, "without kmsKeyId"],
                    [{ serverSideEncryption: "aws:kms", kmsKeyId: "alias/aws/s3" }, "AWS managed key alias/aws/s3"],
                ] as const) {
                    const b = new StackBuilder();
                    const s = secureBucket(b, "data");
                    const object = b.add(type, "readme", { bucket: out(s.bucket, "id"), key: "README", content: "hello", ...props });
                    assertOnly(await run(b.build()), "s3-object-sse-kms", object, part);
                    assertOnly(await run(b.build(), { preview: true }), "s3-object-sse-kms", object);
                }
                for (const props of [{}, { serverSideEncryption: "aws:kms", kmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/k" }]) {
                    const b = new StackBuilder();
                    const s = secureBucket(b, "data");
                    b.add(type, "readme", { bucket: out(s.bucket, "id"), key: "README", content: "hello", ...props });
                    assertNone(await run(b.build()));
                }
            });
        }
    });

    describe("s3-bucket-ownership-controls (advisory)", () => {
        it("fires on ObjectWriter / BucketOwnerPreferred, not on BucketOwnerEnforced", async () => {
            for (const ownership of ["ObjectWriter", "BucketOwnerPreferred"]) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                const controls = b.urn(T.ownership, "data-ownership");
                b.patch(controls, (p) => { p["rule"] = { objectOwnership: ownership }; });
                const vs = await run(b.build(), { preview: true });
                assertOnly(vs, "s3-bucket-ownership-controls", controls, `"${ownership}"`);
                assert.ok(vs.every((v) => v.enforcementLevel === "advisory"));
                assert.ok(s.bucket);
            }
        });
    });

    describe("kms-grant-in-account", () => {
        it("fires on a grant to another account's principal, not to the key's own account, nor to an allowed account", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            const grant = b.add(T.grant, "partner", { keyId: out(s.key, "keyId"), granteePrincipal: "arn:aws:iam::999999999999:role/partner", operations: ["Decrypt"] });
            assertOnly(await run(b.build()), "kms-grant-in-account", grant, "999999999999");
            // In a fresh preview the key id is unknown: the key (and its account) could be any provider's.
            assertNone(await run(b.build(), { preview: true }));
            assertNone(await run(b.build(), { config: { "kms-grant-in-account": { allowedAccountIds: ["999999999999"] } } }));
            const c = new StackBuilder();
            const t = secureBucket(c, "data");
            c.add(T.grant, "app", { keyId: out(t.key, "keyId"), granteePrincipal: "arn:aws:iam::111111111111:role/app", retiringPrincipal: "arn:aws:iam::111111111111:role/admin", operations: ["Decrypt"] });
            assertNone(await run(c.build()));
        });

        it("takes the key's account from a key ARN in keyId", async () => {
            const b = new StackBuilder();
            const grant = b.add(T.grant, "g", { keyId: "arn:aws:kms:eu-west-1:222222222222:key/k", granteePrincipal: "arn:aws:iam::111111111111:role/app", operations: ["Decrypt"] });
            assertOnly(await run(b.build()), "kms-grant-in-account", grant, "outside the key's account 222222222222");
        });
    });

    describe("policy-service-principal-source (advisory)", () => {
        const service = (condition?: unknown) => ({ Sid: "Logs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::x/*", ...(condition ? { Condition: condition } : {}) });

        it("fires on a bucket or key policy Allow to a service principal without aws:SourceArn / aws:SourceAccount", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            b.patch(s.policy, (p) => {
                const doc = JSON.parse(p["policy"] as string) as { Statement: unknown[] };
                doc.Statement.push(service());
                p["policy"] = JSON.stringify(doc);
            });
            const vs = await run(b.build());
            assertOnly(vs, "policy-service-principal-source", s.policy, "logging.s3.amazonaws.com");
            assert.ok(vs.every((v) => v.enforcementLevel === "advisory"));
            const c = new StackBuilder();
            const kp = c.add(T.keyPolicy, "kp", { keyId: "1", policy: json({ Version: "2012-10-17", Statement: [rootStatement("111111111111"), { ...service(), Action: "kms:GenerateDataKey", Resource: "*" }] }) });
            assertOnly(await run(c.build(), { preview: true }), "policy-service-principal-source", kp);
        });

        it("accepts the statement pinned by aws:SourceAccount or aws:SourceArn", async () => {
            for (const condition of [{ StringEquals: { "aws:SourceAccount": "111111111111" } }, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::source" } }]) {
                const b = new StackBuilder();
                b.add(T.keyPolicy, "kp", { keyId: "1", policy: json({ Version: "2012-10-17", Statement: [rootStatement("111111111111"), { ...service(condition), Resource: "*" }] }) });
                assertNone(await run(b.build()));
            }
        });
    });
});
