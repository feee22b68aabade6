import * as assert from "assert";
import { publicStatements } from "../../awsrules";
import { Violation } from "../../policypack/harness";
import { assertNone, assertOnly, run } from "./support/run";
import { BucketShape, secureBucket } from "./support/scenarios";
import { StackBuilder } from "./support/stackBuilder";

type Doc = { Statement: Record<string, unknown>[] };

/** Rewrites the bucket policy document (a JSON string input, inline or on BucketPolicy). */
function editPolicy(b: StackBuilder, urn: string, edit: (doc: Doc) => void): void {
    b.patch(urn, (p) => {
        const doc = JSON.parse(p["policy"] as string) as Doc;
        edit(doc);
        p["policy"] = JSON.stringify(doc);
    });
}

function without(sid: string): (doc: Doc) => void {
    return (doc) => { doc.Statement = doc.Statement.filter((s) => s["Sid"] !== sid); };
}

function conditionOf(doc: Doc, sid: string): Record<string, Record<string, string>> {
    return doc.Statement.find((s) => s["Sid"] === sid)?.["Condition"] as Record<string, Record<string, string>>;
}

/**
 * Gives the fixture's key-id deny the compatible mode's `Null: false` escape. Without it the deny refuses every upload
 * that sends no key id, and so every non-KMS algorithm (S3 takes a key id only with aws:kms or aws:kms:dsse): an algorithm
 * deny of its own. The specs about a missing or loose algorithm deny need the escape to be about one.
 */
function keyDenyPresentOnly(doc: Doc): void {
    conditionOf(doc, "DenyWrongKmsKey")["Null"] = { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" };
}

const SHAPES: BucketShape[] = ["v7", "v2", "inline"];

describe("policy pack: bucket policy denies insecure transport", () => {
    for (const shape of SHAPES) {
        it(`fires without the TLS deny (${shape})`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape });
            editPolicy(b, s.policy, without("DenyInsecureTransport"));
            assertOnly(await run(b.build()), "s3-bucket-policy-deny-insecure-transport", s.policy, "without TLS");
        });
    }

    it("fires when the deny is narrowed to one principal or lacks the condition value false", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, (doc) => { doc.Statement[0]["Principal"] = { AWS: "arn:aws:iam::111111111111:role/x" }; });
        assertOnly(await run(b.build()), "s3-bucket-policy-deny-insecure-transport");
        const c = new StackBuilder();
        const t = secureBucket(c, "data");
        editPolicy(c, t.policy, (doc) => { doc.Statement[0]["Condition"] = { Bool: { "aws:SecureTransport": "true" } }; });
        assertOnly(await run(c.build()), "s3-bucket-policy-deny-insecure-transport");
    });

    /** Replaces the single TLS deny by one statement per resource (`keep`: the resources kept, by their suffix). */
    function splitTlsDeny(keep: readonly ("" | "/*")[]): (doc: Doc) => void {
        return (doc) => {
            const tls = doc.Statement.find((s) => s["Sid"] === "DenyInsecureTransport") as Record<string, unknown>;
            const [bucketArn] = tls["Resource"] as string[];
            const parts = keep.map((suffix) => ({ ...tls, Sid: `DenyInsecureTransport${suffix === "" ? "Bucket" : "Objects"}`, Resource: `${bucketArn}${suffix}` }));
            doc.Statement = [...parts, ...doc.Statement.filter((s) => s !== tls)];
        };
    }

    for (const shape of SHAPES) {
        it(`accepts the TLS deny split into a bucket statement and an objects statement (${shape})`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape });
            editPolicy(b, s.policy, splitTlsDeny(["/*", ""]));
            assertNone(await run(b.build()));
            assertNone(await run(b.build(), { preview: true }));
        });

        it(`fires when a split TLS deny leaves the bucket ARN or the objects open (${shape})`, async () => {
            for (const keep of [["/*"], [""]] as const) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data", { shape });
                editPolicy(b, s.policy, splitTlsDeny(keep));
                assertOnly(await run(b.build()), "s3-bucket-policy-deny-insecure-transport", s.policy, "without TLS");
            }
        });
    }

    it("judges a literal split TLS deny at preview: quiet when both halves are there, fires when the bucket ARN is left open (inline policy)", async () => {
        // Without the key-id deny (it embeds the key's ARN) the inline document is literal, so known at preview.
        const tlsOf = (vs: Violation[]) => vs.filter((v) => v.policyName === "s3-bucket-policy-deny-insecure-transport");
        for (const [keep, fires] of [[["/*", ""], false], [["/*"], true]] as const) {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape: "inline" });
            editPolicy(b, s.policy, (doc) => { without("DenyWrongKmsKey")(doc); splitTlsDeny(keep)(doc); });
            const tls = tlsOf(await run(b.build(), { preview: true }));
            assert.deepStrictEqual(tls.map((v) => v.urn), fires ? [s.policy] : [], `keep ${keep.join(",")}`);
        }
    });

    it("fires when the second half of a split TLS deny is narrowed to one principal", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, (doc) => {
            splitTlsDeny(["/*", ""])(doc);
            doc.Statement[1]["Principal"] = { AWS: "arn:aws:iam::111111111111:role/x" };
        });
        assertOnly(await run(b.build()), "s3-bucket-policy-deny-insecure-transport", s.policy, "without TLS");
    });

    it("fires on a bucket without any bucket policy (also the SSE header policy)", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.remove(s.policy);
        const vs = await run(b.build(), { preview: true });
        assert.deepStrictEqual([...new Set(vs.map((v) => v.policyName))].sort(), ["s3-bucket-policy-deny-insecure-transport", "s3-bucket-policy-require-sse-kms"]);
        assert.ok(vs.every((v) => v.urn === s.bucket && v.enforcementLevel === "mandatory"));
    });
});

describe("policy pack: bucket policy requires SSE-KMS headers", () => {
    for (const shape of SHAPES) {
        it(`fires without the header deny (${shape})`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape });
            editPolicy(b, s.policy, without("DenyWrongEncryptionHeader"));
            editPolicy(b, s.policy, keyDenyPresentOnly);
            assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", s.policy, "s3:x-amz-server-side-encryption (mode \"compatible\")");
        });

        it(`fires without the key-id deny (${shape})`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape });
            editPolicy(b, s.policy, without("DenyWrongKmsKey"));
            assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", s.policy, "aws-kms-key-id");
        });
    }

    it("fires when the header deny allows AES256 too", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, (doc) => { conditionOf(doc, "DenyWrongEncryptionHeader")["StringNotEquals"]["s3:x-amz-server-side-encryption"] = ["aws:kms", "AES256"] as unknown as string; });
        editPolicy(b, s.policy, keyDenyPresentOnly);
        assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", s.policy, "s3:x-amz-server-side-encryption (mode \"compatible\")");
    });

    it("fires when the key-id deny names another key", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, (doc) => { conditionOf(doc, "DenyWrongKmsKey")["StringNotEquals"]["s3:x-amz-server-side-encryption-aws-kms-key-id"] = "arn:aws:kms:eu-west-1:111111111111:key/other"; });
        assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", s.policy, "other than the bucket's key");
    });

    it("modes: compatible accepts deny-when-present-and-wrong (Null: false) with the aws:kms-without-key-id deny; strict modes require the headers", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, (doc) => {
            conditionOf(doc, "DenyWrongEncryptionHeader")["Null"] = { "s3:x-amz-server-side-encryption": "false" };
            conditionOf(doc, "DenyWrongKmsKey")["Null"] = { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" };
        });
        // aws:kms without a key id would fall back to aws/s3: compatible mode needs that closed too.
        assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", s.policy, "without a key id");
        editPolicy(b, s.policy, (doc) => {
            doc.Statement.push({ Sid: "DenyKmsHeaderWithoutKeyId", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: doc.Statement[1]["Resource"],
                Condition: { Null: { "s3:x-amz-server-side-encryption": "false", "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" } } });
        });
        assertNone(await run(b.build()));
        const strict = await run(b.build(), { config: { "s3-bucket-policy-require-sse-kms": { mode: "strict" } } });
        assertOnly(strict, "s3-bucket-policy-require-sse-kms", s.policy, "without the header or with another value of s3:x-amz-server-side-encryption (mode \"strict\")");
        assert.strictEqual(strict.length, 1);
        // The program's name for the mode (encryptionHeader: strict-key) and its older spelling mean the same.
        for (const mode of ["strict-key", "strict-with-key"]) {
            const withKey = await run(b.build(), { config: { "s3-bucket-policy-require-sse-kms": { mode } } });
            assert.strictEqual(withKey.length, 2, `the algorithm and the key-id header (${mode})`);
        }
    });

    it("AWS's documented statements (StringNotEquals without Null) satisfy every mode", async () => {
        const b = new StackBuilder();
        secureBucket(b, "data");
        for (const mode of ["compatible", "strict", "strict-key", "strict-with-key"]) {
            assertNone(await run(b.build(), { config: { "s3-bucket-policy-require-sse-kms": { mode } } }));
        }
    });

    it("strict mode accepts Null:false when a separate statement denies the missing header", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, (doc) => {
            conditionOf(doc, "DenyWrongEncryptionHeader")["Null"] = { "s3:x-amz-server-side-encryption": "false" };
            doc.Statement.push({ Sid: "DenyMissingHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: (doc.Statement[1]["Resource"]), Condition: { Null: { "s3:x-amz-server-side-encryption": "true" } } });
        });
        assertNone(await run(b.build(), { config: { "s3-bucket-policy-require-sse-kms": { mode: "strict" } } }));
    });

    // A missing key makes an ...IfExists condition true, as it makes a negated operator true (IAM User Guide, "IAM JSON
    // policy elements: Condition operators"): StringNotEqualsIfExists denies what StringNotEquals alone denies.
    const IF_EXISTS_OPERATORS = ["StringNotEqualsIfExists", "ArnNotEqualsIfExists"] as const;

    /** Rewrites a deny's one negated clause with `operator`, keeping its key and values. */
    function negatedAs(sid: string, operator: string): (doc: Doc) => void {
        return (doc) => {
            const statement = doc.Statement.find((s) => s["Sid"] === sid) as Record<string, unknown>;
            const [clause] = Object.values(statement["Condition"] as Record<string, Record<string, string>>);
            statement["Condition"] = { [operator]: clause };
        };
    }

    for (const shape of SHAPES) {
        for (const operator of IF_EXISTS_OPERATORS) {
            it(`accepts the key-id deny written with ${operator} alone in every mode: it denies a missing key id too (${shape})`, async () => {
                const b = new StackBuilder();
                const s = secureBucket(b, "data", { shape });
                editPolicy(b, s.policy, negatedAs("DenyWrongKmsKey", operator));
                for (const mode of ["compatible", "strict", "strict-key"]) {
                    assertNone(await run(b.build(), { config: { "s3-bucket-policy-require-sse-kms": { mode } } }));
                }
                assertNone(await run(b.build(), { preview: true }));
            });
        }

        it(`strict modes accept the algorithm deny written with StringNotEqualsIfExists alone (${shape})`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape });
            editPolicy(b, s.policy, negatedAs("DenyWrongEncryptionHeader", "StringNotEqualsIfExists"));
            for (const mode of ["compatible", "strict", "strict-key"]) {
                assertNone(await run(b.build(), { config: { "s3-bucket-policy-require-sse-kms": { mode } } }));
            }
        });
    }

    it("still fires on an IfExists key-id deny naming another key, and on an IfExists deny escaped by Null: false in strict modes", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, (doc) => {
            negatedAs("DenyWrongKmsKey", "StringNotEqualsIfExists")(doc);
            conditionOf(doc, "DenyWrongKmsKey")["StringNotEqualsIfExists"]["s3:x-amz-server-side-encryption-aws-kms-key-id"] = "arn:aws:kms:eu-west-1:111111111111:key/other";
        });
        assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", s.policy, "other than the bucket's key");
        const c = new StackBuilder();
        const t = secureBucket(c, "data");
        editPolicy(c, t.policy, (doc) => {
            negatedAs("DenyWrongEncryptionHeader", "StringNotEqualsIfExists")(doc);
            conditionOf(doc, "DenyWrongEncryptionHeader")["Null"] = { "s3:x-amz-server-side-encryption": "false" };
            negatedAs("DenyWrongKmsKey", "StringNotEqualsIfExists")(doc);
            conditionOf(doc, "DenyWrongKmsKey")["Null"] = { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" };
        });
        // compatible: present-and-wrong is enough for the values, but aws:kms without a key id is left open
        assertOnly(await run(c.build()), "s3-bucket-policy-require-sse-kms", t.policy, "without a key id");
        const strict = await run(c.build(), { config: { "s3-bucket-policy-require-sse-kms": { mode: "strict" } } });
        assertOnly(strict, "s3-bucket-policy-require-sse-kms", t.policy, "(mode \"strict\")");
        const strictKey = await run(c.build(), { config: { "s3-bucket-policy-require-sse-kms": { mode: "strict-key" } } });
        assert.strictEqual(strictKey.length, 2, "strict-key: both headers are required, Null: false escapes both");
    });

    describe("the deny of aws:kms without a key id, in the shapes users write it (compatible mode)", () => {
        const ALG = "s3:x-amz-server-side-encryption";
        const KID = "s3:x-amz-server-side-encryption-aws-kms-key-id";

        /** The present-and-wrong denies (algorithm: `allowed`), plus a deny of uploads without a key id under `condition`. */
        function withNoKeyIdDeny(condition: Record<string, Record<string, unknown>>, allowed: string | string[] = "aws:kms"): (doc: Doc) => void {
            return (doc) => {
                const algorithm = conditionOf(doc, "DenyWrongEncryptionHeader");
                algorithm["StringNotEquals"][ALG] = allowed as string;
                algorithm["Null"] = { [ALG]: "false" };
                conditionOf(doc, "DenyWrongKmsKey")["Null"] = { [KID]: "false" };
                doc.Statement.push({ Sid: "DenyKmsWithoutKeyId", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: doc.Statement[1]["Resource"], Condition: condition });
            };
        }

        const accepted: [string, Record<string, Record<string, unknown>>, string | string[]][] = [
            ["StringEquals on both KMS algorithms + Null key id", { StringEquals: { [ALG]: ["aws:kms", "aws:kms:dsse"] }, Null: { [KID]: "true" } }, ["aws:kms", "aws:kms:dsse"]],
            ["StringLike aws:kms* + Null key id", { StringLike: { [ALG]: "aws:kms*" }, Null: { [KID]: "true" } }, ["aws:kms", "aws:kms:dsse"]],
            ["StringEquals aws:kms + Null key id, dsse refused by the algorithm deny", { StringEquals: { [ALG]: "aws:kms" }, Null: { [KID]: true } }, "aws:kms"],
            // A set operator on the single-valued algorithm header compares its one value as the bare operator does.
            ["ForAnyValue:StringLike aws:kms* + Null key id", { "ForAnyValue:StringLike": { [ALG]: "aws:kms*" }, Null: { [KID]: "true" } }, ["aws:kms", "aws:kms:dsse"]],
        ];
        for (const shape of SHAPES) {
            for (const [title, condition, allowed] of accepted) {
                it(`accepts ${title} (${shape})`, async () => {
                    const b = new StackBuilder();
                    const s = secureBucket(b, "data", { shape });
                    editPolicy(b, s.policy, withNoKeyIdDeny(condition, allowed));
                    assertNone(await run(b.build()));
                    assertNone(await run(b.build(), { preview: true }));
                });
            }
        }

        const rejected: [string, Record<string, Record<string, unknown>>, string | string[]][] = [
            ["StringEquals aws:kms + Null key id while the algorithm deny lets aws:kms:dsse through (dsse without a key id uses aws/s3)", { StringEquals: { [ALG]: "aws:kms" }, Null: { [KID]: "true" } }, ["aws:kms", "aws:kms:dsse"]],
            ["a deny of AES256 without a key id", { StringEquals: { [ALG]: "AES256" }, Null: { [KID]: "true" } }, "aws:kms"],
            ["a ForAnyValue: deny of AES256 without a key id", { "ForAnyValue:StringEquals": { [ALG]: "AES256" }, Null: { [KID]: "true" } }, "aws:kms"],
            ["a deny narrowed to one caller", { StringLike: { [ALG]: "aws:kms*", "aws:PrincipalArn": "arn:aws:iam::111111111111:role/x" }, Null: { [KID]: "true" } }, "aws:kms"],
            ["a deny that needs the key id present (Null key id false)", { StringLike: { [ALG]: "aws:kms*" }, Null: { [KID]: "false" } }, "aws:kms"],
        ];
        for (const [title, condition, allowed] of rejected) {
            it(`fires on ${title}`, async () => {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                editPolicy(b, s.policy, withNoKeyIdDeny(condition, allowed));
                assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", s.policy, "without a key id");
            });
        }
    });

    describe("the algorithm deny written with StringNotLike", () => {
        const ALG = "s3:x-amz-server-side-encryption";

        function algorithmDeny(operator: string, value: string, presentOnly: boolean): (doc: Doc) => void {
            return (doc) => {
                const statement = doc.Statement.find((s) => s["Sid"] === "DenyWrongEncryptionHeader") as Record<string, unknown>;
                statement["Condition"] = { [operator]: { [ALG]: value }, ...(presentOnly ? { Null: { [ALG]: "false" } } : {}) };
            };
        }

        for (const shape of SHAPES) {
            it(`accepts StringNotLike "aws:kms*" (aws:kms and aws:kms:dsse pass), present-only in compatible mode and alone in strict mode (${shape})`, async () => {
                const b = new StackBuilder();
                const s = secureBucket(b, "data", { shape });
                editPolicy(b, s.policy, algorithmDeny("StringNotLike", "aws:kms*", true));
                assertNone(await run(b.build()));
                const c = new StackBuilder();
                const t = secureBucket(c, "data", { shape });
                editPolicy(c, t.policy, algorithmDeny("StringNotLike", "aws:kms*", false));
                assertNone(await run(c.build(), { config: { "s3-bucket-policy-require-sse-kms": { mode: "strict" } } }));
            });
        }

        for (const value of ["*", "aws:*", "A*"]) {
            it(`fires on StringNotLike "${value}" (lets a non-KMS algorithm such as AES256 or aws:fsx through)`, async () => {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                editPolicy(b, s.policy, algorithmDeny("StringNotLike", value, true));
                editPolicy(b, s.policy, keyDenyPresentOnly);
                assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", s.policy, "s3:x-amz-server-side-encryption (mode \"compatible\")");
            });
        }
    });

    it("requireKeyCondition: false drops the key-id requirement", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, without("DenyWrongKmsKey"));
        assertNone(await run(b.build(), { config: { "s3-bucket-policy-require-sse-kms": { requireKeyCondition: false } } }));
    });
});

describe("policy pack: bucket policy allows no public access", () => {
    for (const shape of SHAPES) {
        it(`fires on an Allow for Principal "*" without a pinning condition (${shape})`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape });
            editPolicy(b, s.policy, (doc) => { doc.Statement.push({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: doc.Statement[1]["Resource"] }); });
            assertOnly(await run(b.build()), "s3-bucket-policy-no-public-allow", s.policy, "\"PublicRead\"");
        });
    }

    it("accepts Principal \"*\" pinned to the organization", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, (doc) => { doc.Statement.push({ Sid: "OrgRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: doc.Statement[1]["Resource"], Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }); });
        assertNone(await run(b.build()));
    });

    // S3's meaning of public (Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage",
    // section "The meaning of 'public'"), which the deploy-time stand-in (awsrules) applies under
    // BlockPublicPolicy: the pack and the stand-in must agree on every one of these.
    const NOT_PUBLIC: Record<string, unknown>[] = [
        { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
        { StringEqualsIgnoreCase: { "aws:SourceVpc": "vpc-1a2b3c4d" } },
        { "ForAnyValue:StringEquals": { "aws:SourceVpce": ["vpce-1a2b3c4d", "vpce-5e6f7a8b"] } },
        { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.7"] } },
        { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
        { IpAddress: { "aws:SourceIp": "2001:db8::/48" } },
        { ArnEquals: { "aws:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE" } },
        { StringEquals: { "aws:SourceAccount": "111111111111" } },
        { StringEquals: { "aws:SourceOwner": "111111111111" } },
        { StringEquals: { "aws:PrincipalAccount": "111111111111" } },
        { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/reader" } },
        { StringEquals: { "s3:DataAccessPointAccount": "111111111111" } },
        { StringEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" } },
        { StringLike: { "aws:userid": "AROAEXAMPLEROLEID:*" } },
        // One pinning clause is enough, whatever else the block tests.
        { Bool: { "aws:SecureTransport": "true" }, StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
    ];
    const PUBLIC: Record<string, unknown>[] = [
        { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } },
        { IpAddress: { "aws:SourceIp": "64.0.0.0/4" } },
        { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "0.0.0.0/1"] } },
        { IpAddress: { "aws:SourceIp": "::/0" } },
        { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
        { StringLike: { "aws:SourceIp": "*" } },
        { StringLike: { "aws:SourceVpce": "*" } },
        { StringLike: { "aws:SourceVpce": "vpce-*" } },
        { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
        { StringEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
        { "ForAllValues:StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } },
        { StringEquals: { "aws:SourceAccount": "${aws:PrincipalAccount}" } },
        { StringEquals: { "aws:SourceVpce": [] } },
        { StringEquals: { "s3:prefix": "home/" } },
        { Bool: { "aws:SecureTransport": "true" } },
    ];

    /** The pack's findings on a secure bucket whose policy also lets everyone read under `condition`, and the stand-in's public statements of that Allow. */
    async function judgeScopedRead(condition: Record<string, unknown>): Promise<{ policy: string; pack: Violation[]; standIn: string[] }> {
        const statement = { Sid: "ScopedRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Condition: condition };
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editPolicy(b, s.policy, (doc) => { doc.Statement.push({ ...statement, Resource: doc.Statement[1]["Resource"] }); });
        return { policy: s.policy, pack: await run(b.build()), standIn: publicStatements({ Statement: [{ ...statement, Resource: "arn:aws:s3:::b/*" }] }) };
    }

    for (const condition of NOT_PUBLIC) {
        it(`accepts Principal "*" under ${JSON.stringify(condition)}, as S3 does`, async () => {
            const judged = await judgeScopedRead(condition);
            assertNone(judged.pack);
            assert.deepStrictEqual(judged.standIn, []);
        });
    }

    for (const condition of PUBLIC) {
        it(`fires on Principal "*" under ${JSON.stringify(condition)}, as S3 calls it public`, async () => {
            const judged = await judgeScopedRead(condition);
            assertOnly(judged.pack, "s3-bucket-policy-no-public-allow", judged.policy, "\"ScopedRead\"");
            assert.deepStrictEqual(judged.standIn, ["ScopedRead"]);
        });
    }
});
