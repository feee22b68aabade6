import * as assert from "assert";
import { evaluatePolicies, packPolicies } from "../../policypack/harness";
import { remediateBucketKey } from "../../policypack/policies/s3BucketKeyEnabled";
import { assertNone, assertOnly, run } from "./support/run";
import { BucketShape, secureBucket } from "./support/scenarios";
import { out, StackBuilder, T } from "./support/stackBuilder";

const SHAPES: BucketShape[] = ["v7", "v2", "inline"];

function setSse(b: StackBuilder, urn: string, shape: BucketShape, change: (byDefault: Record<string, unknown>, rule: Record<string, unknown>) => void): void {
    b.patch(urn, (props) => {
        const rule = (shape === "inline"
            ? (props["serverSideEncryptionConfiguration"] as Record<string, unknown>)["rule"]
            : (props["rules"] as unknown[])[0]) as Record<string, unknown>;
        change(rule["applyServerSideEncryptionByDefault"] as Record<string, unknown>, rule);
    });
}

describe("policy pack: S3 default encryption", () => {
    for (const shape of SHAPES) {
        describe(`${shape} shape`, () => {
            it("is quiet on a compliant bucket, in preview and after update", async () => {
                const b = new StackBuilder();
                secureBucket(b, "data", { shape });
                assertNone(await run(b.build()));
                assertNone(await run(b.build(), { preview: true }));
            });

            it("s3-bucket-sse-kms fires on AES256", async () => {
                const b = new StackBuilder();
                const s = secureBucket(b, "data", { shape });
                setSse(b, s.sse, shape, (d) => { d["sseAlgorithm"] = "AES256"; delete d["kmsMasterKeyId"]; });
                const vs = await run(b.build());
                assertOnly(vs.filter((v) => v.policyName !== "s3-bucket-policy-require-sse-kms"), "s3-bucket-sse-kms", s.sse, "AES256");
            });

            it("s3-bucket-sse-customer-managed-key fires on aws:kms without a key and on alias/aws/s3", async () => {
                for (const keyRef of [undefined, "alias/aws/s3", "arn:aws:kms:eu-west-1:111111111111:alias/aws/s3"]) {
                    const b = new StackBuilder();
                    const s = secureBucket(b, "data", { shape });
                    setSse(b, s.sse, shape, (d) => { if (keyRef === undefined) { delete d["kmsMasterKeyId"]; } else { d["kmsMasterKeyId"] = keyRef; } });
                    const vs = (await run(b.build())).filter((v) => v.policyName !== "s3-bucket-policy-require-sse-kms");
                    assertOnly(vs, "s3-bucket-sse-customer-managed-key", s.sse, keyRef === undefined ? "sets no kmsMasterKeyId" : "aws/s3");
                }
            });

            it("s3-bucket-sse-key-arn fires on an alias, alias ARN or key id of a key outside the stack, and not on its key ARN", async () => {
                const external = "arn:aws:kms:eu-west-1:333333333333:key/0e0e0e0e-1111-4222-8333-444444444444";
                const fired = async (keyRef: string) => {
                    const b = new StackBuilder();
                    const s = secureBucket(b, "data", { shape });
                    // A literal reference, as users write an existing key: a known literal decides alone (model/references.ts).
                    setSse(b, s.sse, shape, (d) => { d["kmsMasterKeyId"] = keyRef; });
                    return { s, vs: (await run(b.build())).filter((v) => v.policyName === "s3-bucket-sse-key-arn") };
                };
                for (const keyRef of ["alias/team-data", "arn:aws:kms:eu-west-1:333333333333:alias/team-data", "0e0e0e0e-1111-4222-8333-444444444444"]) {
                    const { s, vs } = await fired(keyRef);
                    assert.deepStrictEqual(vs.map((v) => v.urn), [s.sse], keyRef);
                    assert.match(vs[0].message, new RegExp(`"${keyRef}" of a key that is not in this stack.*Fix: name the key by its key ARN`), keyRef);
                }
                for (const keyRef of [external, "alias/aws/s3"]) {
                    assert.deepStrictEqual((await fired(keyRef)).vs, [], `${keyRef}: a key ARN is what the policy asks; aws/s3 is s3-bucket-sse-customer-managed-key's`);
                }
            });

            it("s3-bucket-sse-key-arn stays quiet on the stack's own key named by its alias or key id (the stack shows which key it is)", async () => {
                for (const output of ["keyId", "alias"]) {
                    const b = new StackBuilder();
                    const s = secureBucket(b, "data", { shape });
                    setSse(b, s.sse, shape, (d) => { d["kmsMasterKeyId"] = output === "alias" ? "alias/data" : out(s.key, "keyId"); });
                    assert.deepStrictEqual((await run(b.build())).filter((v) => v.policyName === "s3-bucket-sse-key-arn"), [], output);
                }
            });

            // "Amazon S3 API Reference, PutBucketEncryption": KMS resolves an alias name (or key id) within the requester's
            // account. The stack's alias/data lives in account 111111111111: to a bucket of account 222222222222 the same
            // name is whatever that account calls alias/data, a key the stack doesn't show.
            it("s3-bucket-sse-key-arn fires on the stack's alias name (or key id) used by a bucket of another account", async () => {
                for (const output of ["alias", "keyId"]) {
                    const b = new StackBuilder();
                    const s = secureBucket(b, "data", { shape });
                    const other = b.provider("team", { region: "eu-west-1", account: "222222222222" });
                    const t = secureBucket(b, "team", { shape, provider: other, account: "222222222222" });
                    const keyId = b.build().find((r) => r.urn === s.key)?.outputs?.["keyId"];
                    setSse(b, t.sse, shape, (d) => { d["kmsMasterKeyId"] = output === "alias" ? "alias/data" : keyId; });
                    const vs = (await run(b.build())).filter((v) => v.policyName === "s3-bucket-sse-key-arn");
                    assert.deepStrictEqual(vs.map((v) => v.urn), [t.sse], output);
                    if (output === "alias") {
                        assert.deepStrictEqual((await run(b.build(), { preview: true })).filter((v) => v.policyName === "s3-bucket-sse-key-arn").map((v) => v.urn), [t.sse]);
                    }
                }
            });

            it("an alias name means the key of that name in the bucket's own Region, when the stack declares the name in two", async () => {
                for (const usKeySpec of ["RSA_2048", "SYMMETRIC_DEFAULT"]) {
                    const b = new StackBuilder();
                    secureBucket(b, "data", { shape });
                    const us = b.provider("us", { region: "us-east-1", account: "111111111111" });
                    const t = secureBucket(b, "us", { shape, provider: us });
                    const usKey = b.add(T.key, "us-data-key", { enableKeyRotation: usKeySpec === "SYMMETRIC_DEFAULT", customerMasterKeySpec: usKeySpec, keyUsage: "ENCRYPT_DECRYPT", deletionWindowInDays: 30 }, { provider: us, protect: true });
                    b.add(T.alias, "us-data-alias", { name: "alias/data", targetKeyId: out(usKey, "keyId") }, { provider: us });
                    setSse(b, t.sse, shape, (d) => { d["kmsMasterKeyId"] = "alias/data"; });
                    const keyPolicies = ["kms-key-s3-compatible", "kms-key-region-matches-bucket", "s3-bucket-sse-key-arn"];
                    const vs = (await run(b.build())).filter((v) => keyPolicies.includes(v.policyName));
                    if (usKeySpec === "RSA_2048") {
                        assertOnly(vs, "kms-key-s3-compatible", usKey);
                    } else {
                        assertNone(vs);
                    }
                }
            });

            /** The stack with the default encryption naming its key by the literal `keyRef` (no dependency on the key's outputs). */
            function literalKeyRef(keyRef: string): { s: ReturnType<typeof secureBucket>; resources: ReturnType<StackBuilder["build"]> } {
                const b = new StackBuilder();
                const s = secureBucket(b, "data", { shape });
                setSse(b, s.sse, shape, (d) => { d["kmsMasterKeyId"] = keyRef; });
                const resources = b.build();
                const sse = resources.find((r) => r.urn === s.sse);
                const property = shape === "inline" ? "serverSideEncryptionConfiguration" : "rules";
                if (sse?.propertyDependencies) {
                    sse.propertyDependencies[property] = [];
                }
                return { s, resources };
            }

            it("s3-bucket-sse-key-arn stays quiet on the stack's own alias named by its literal alias ARN, also in a fresh preview (its arn output is unknown then)", async () => {
                // The ARN a program builds from its config (Region and account are the provider's): known at preview.
                const { resources } = literalKeyRef("arn:aws:kms:eu-west-1:111111111111:alias/data");
                assertNone(await run(resources));
                assertNone(await run(resources, { preview: true }));
            });

            it("s3-bucket-sse-key-arn fires on an alias ARN with the stack's alias name in another account or Region (another alias)", async () => {
                for (const keyRef of ["arn:aws:kms:eu-west-1:333333333333:alias/data", "arn:aws:kms:us-east-1:111111111111:alias/data"]) {
                    for (const preview of [false, true]) {
                        const { s, resources } = literalKeyRef(keyRef);
                        const vs = (await run(resources, { preview })).filter((v) => v.policyName === "s3-bucket-sse-key-arn");
                        assert.deepStrictEqual(vs.map((v) => v.urn), [s.sse], `${keyRef} (preview: ${preview})`);
                    }
                }
            });

            it("s3-bucket-key-enabled is advisory and fires when the bucket key is off", async () => {
                const b = new StackBuilder();
                const s = secureBucket(b, "data", { shape });
                setSse(b, s.sse, shape, (_d, rule) => { rule["bucketKeyEnabled"] = false; });
                const vs = await run(b.build());
                assertOnly(vs, "s3-bucket-key-enabled", s.sse);
                assert.strictEqual(vs[0].enforcementLevel, "advisory");
            });
        });
    }

    it("s3-bucket-sse-kms fires on a bucket with no encryption configuration at all", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.remove(s.sse);
        const vs = (await run(b.build())).filter((v) => v.policyName !== "s3-bucket-policy-require-sse-kms");
        assertOnly(vs, "s3-bucket-sse-kms", s.bucket, "no default server-side encryption");
    });

    it("s3-bucket-sse-kms flags two separate configurations for one bucket", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.add(T.sse, "data-sse-2", { bucket: out(s.bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(s.key, "arn") }, bucketKeyEnabled: true }] });
        assertOnly(await run(b.build()), "s3-bucket-sse-kms", s.bucket, "2 default encryption configurations");
    });

    it("ignores the bucket's read-back inline outputs when separate resources manage the configuration", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        const resources = b.build();
        const bucket = resources.find((r) => r.urn === s.bucket);
        // What the provider reads back at bucket creation, before the separate resources exist.
        Object.assign(bucket?.outputs ?? {}, {
            serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false } },
            versioning: { enabled: false, mfaDelete: false },
            policy: "",
            replicationConfiguration: null,
        });
        assertNone(await run(resources));
    });

    it("accepts aws:kms:dsse", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        setSse(b, s.sse, "v7", (d) => { d["sseAlgorithm"] = "aws:kms:dsse"; });
        assertNone((await run(b.build())).filter((v) => v.policyName !== "s3-bucket-policy-require-sse-kms"));
    });

    it("a legacy BucketV2 with list-shaped inline encryption (serverSideEncryptionConfigurations) is read", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data", { shape: "v2" });
        b.remove(s.sse);
        b.patch(s.bucket, (p) => {
            p["serverSideEncryptionConfigurations"] = [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }], bucketKeyEnabled: false }] }];
        });
        const vs = await run(b.build());
        assertOnly(vs.filter((v) => !["s3-bucket-policy-require-sse-kms", "s3-bucket-key-enabled"].includes(v.policyName)), "s3-bucket-sse-kms", s.bucket, "AES256");
    });

    it("the bucket-key remediation sets bucketKeyEnabled on SSE-KMS rules only", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        setSse(b, s.sse, "v7", (_d, rule) => { delete rule["bucketKeyEnabled"]; });
        const remediated: Record<string, unknown>[] = [];
        // A deployment checks the remediated inputs (a state keeps the violation: harness.spec.ts).
        const vs = await evaluatePolicies(packPolicies, b.build(), {
            config: { "s3-bucket-key-enabled": "remediate" },
            preview: true,
            onRemediation: (r) => remediated.push(r.props),
        });
        assertNone(vs);
        assert.strictEqual(remediated.length, 1);
        assert.strictEqual(((remediated[0]["rules"] as Record<string, unknown>[])[0])["bucketKeyEnabled"], true);
        const untouched = remediateBucketKey({
            type: T.sse, props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        } as unknown as Parameters<typeof remediateBucketKey>[0]);
        assert.strictEqual(untouched, undefined);
        // S3 Bucket Keys don't support DSSE-KMS: a dual-layer rule is left as written.
        const dualLayer = remediateBucketKey({
            type: T.sse, props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/k" } }] },
        } as unknown as Parameters<typeof remediateBucketKey>[0]);
        assert.strictEqual(dualLayer, undefined);
    });
});

describe("policy pack: key allow-list", () => {
    const allowed = "arn:aws:kms:eu-west-1:999999999999:key/approved";

    it("is inactive without configuration", async () => {
        const b = new StackBuilder();
        secureBucket(b, "data");
        assertNone(await run(b.build()));
    });

    it("fires for a key outside the list, and for a key the stack creates (unknown ARN in preview)", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        const config = { "s3-bucket-sse-key-allowlist": { allowedKeyArns: [allowed] } };
        assertOnly(await run(b.build(), { config }), "s3-bucket-sse-key-allowlist", s.sse, "not on the allow-list");
        assertOnly(await run(b.build(), { config, preview: true }), "s3-bucket-sse-key-allowlist", s.key, "created by this stack");
    });

    it("in a preview, lets a key the stack creates through when a pattern covers its account and Region (its ARN decides once it exists)", async () => {
        const b = new StackBuilder(); // the default provider deploys into 111111111111, eu-west-1
        const s = secureBucket(b, "data");
        const only = async (allowedKeyArns: string[]) =>
            (await run(b.build(), { config: { "s3-bucket-sse-key-allowlist": { allowedKeyArns } }, preview: true })).filter((v) => v.policyName === "s3-bucket-sse-key-allowlist");
        // The README's example form, one account's keys: a fresh key of that account is on it.
        for (const pattern of ["arn:aws:kms:*:111111111111:key/*", "arn:aws:kms:eu-west-1:111111111111:key/*", "arn:aws:kms:eu-west-1:111111111111:key/????????-*", "arn:*:kms:*:*", "*"]) {
            assert.deepStrictEqual(await only([pattern]), [], pattern);
        }
        // Another account, another Region, or one named key: a fresh key of this account and Region can't match.
        for (const pattern of ["arn:aws:kms:*:222222222222:key/*", "arn:aws:kms:eu-central-1:111111111111:key/*", "arn:aws:kms:eu-west-1:111111111111:key/approved"]) {
            const found = await only([pattern]);
            assert.deepStrictEqual(found.map((v) => [v.urn, /created by this stack/.test(v.message)]), [[s.key, true]], pattern);
        }
    });

    it("accepts an approved key ARN, also by wildcard", async () => {
        const b = new StackBuilder();
        const bucket = b.add(T.bucket, "data", { forceDestroy: false });
        b.add(T.sse, "data-sse", { bucket: out(bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: allowed }, bucketKeyEnabled: true }] });
        const only = (vs: Awaited<ReturnType<typeof run>>) => vs.filter((v) => v.policyName === "s3-bucket-sse-key-allowlist");
        assert.deepStrictEqual(only(await run(b.build(), { config: { "s3-bucket-sse-key-allowlist": { allowedKeyArns: [allowed] } } })), []);
        assert.deepStrictEqual(only(await run(b.build(), { config: { "s3-bucket-sse-key-allowlist": { allowedKeyArns: ["arn:aws:kms:*:999999999999:key/*"] } } })), []);
        assert.strictEqual(only(await run(b.build(), { config: { "s3-bucket-sse-key-allowlist": { allowedKeyArns: ["arn:aws:kms:*:888888888888:key/*"] } } })).length, 1);
    });
});

describe("policy pack: public access block", () => {
    for (const shape of SHAPES) {
        it(`fires when missing or partial (${shape})`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape });
            b.patch(s.pab, (p) => { p["restrictPublicBuckets"] = false; delete p["ignorePublicAcls"]; });
            assertOnly(await run(b.build()), "s3-bucket-public-access-block", s.pab, "ignorePublicAcls, restrictPublicBuckets");
            b.remove(s.pab);
            assertOnly(await run(b.build(), { preview: true }), "s3-bucket-public-access-block", s.bucket, "no public access block");
        });
    }
});
