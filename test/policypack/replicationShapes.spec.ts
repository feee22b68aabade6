// Red team of the replication policies with hand-written stacks in shapes users write and the other specs don't
// build: one source fanned out to two Regions (priorities, `filter.and`), the optional rule blocks (RTC and metrics,
// replicaModifications, existingObjectReplication, storage classes, the V1 `prefix` schema), a disabled rule next
// to an enabled one, bidirectional replication (one shared role, or one role per direction), and replications in
// the v7, V2 and inline shapes in one stack. Every compliant shape must pass with no finding of any level, in an
// update and in a fresh preview (where every ARN is unknown); every one-mistake copy must fire the right policy.
import * as assert from "assert";
import { assertFires, assertNone, describeAll, mandatory, run } from "./support/run";
import { replicatedPair, secureBucket, SecureBucket } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

type Rule = Record<string, unknown>;

const ASSUME_S3 = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const REPLICATE = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"];

function keyUser(role: string, sid: string): Record<string, unknown> {
    return { Sid: sid, Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource: "*" };
}

/** The S3 statements of a replication role from `from` to `to` (Amazon S3 User Guide, "Setting up permissions"). */
function s3Statements(from: SecureBucket, to: SecureBucket[]): Record<string, unknown>[] {
    return [
        { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: out(from.bucket, "arn") },
        { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: out(from.bucket, "arn", (v) => `${v}/*`) },
        ...to.map((d) => ({ Effect: "Allow", Action: REPLICATE, Resource: out(d.bucket, "arn", (v) => `${v}/*`) })),
    ];
}

function destinationOf(d: SecureBucket, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { bucket: out(d.bucket, "arn"), storageClass: "STANDARD", encryptionConfiguration: { replicaKmsKeyId: out(d.key, "arn") }, ...extra };
}

function rule(id: string, destination: Record<string, unknown>, extra: Rule = {}): Rule {
    return {
        id, status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } }, destination, ...extra,
    };
}

interface FanOut {
    b: StackBuilder;
    source: SecureBucket;
    west: SecureBucket;
    east: SecureBucket;
    role: string;
    rolePolicy: string;
    replication: string;
}

interface FanOutOptions {
    sourceShape?: "v7" | "v2";
    /** Resources the rules refer to, added first. */
    extra?: (b: StackBuilder) => void;
    /** The us-east-1 destination's account (another account: its bucket policy grants the role). */
    eastAccount?: string;
}

/** One eu-west-1 source replicating to eu-central-1 and us-east-1 buckets (of the same account unless told), with two rules. */
function fanOut(rules: (f: Omit<FanOut, "replication" | "b">) => Rule[], opts: FanOutOptions = {}): FanOut {
    const b = new StackBuilder();
    opts.extra?.(b);
    const eastAccount = opts.eastAccount ?? "111111111111";
    const central = b.provider("central", { region: "eu-central-1", account: "111111111111" });
    const virginia = b.provider("virginia", { region: "us-east-1", account: eastAccount });
    const role = b.add(T.role, "replication-role", { name: "replication-role", assumeRolePolicy: json(ASSUME_S3) });
    const source = secureBucket(b, "source", { shape: opts.sourceShape, keyStatements: [keyUser(role, "AllowS3ReplicationSourceRoleToUseTheKey")] });
    const west = secureBucket(b, "west", { provider: central, keyStatements: [keyUser(role, "AllowS3ReplicationDestinationRoleToUseTheKey")] });
    // `region` written out as well (v7 per-resource region): the harness's fresh preview blanks any literal holding a
    // computed output of the rule's dependencies, and a provider-derived region is one.
    const east = secureBucket(b, "east", {
        provider: virginia, region: "us-east-1", account: eastAccount, keyStatements: [keyUser(role, "AllowS3ReplicationDestinationRoleToUseTheKey")],
        bucketStatements: eastAccount === "111111111111" ? undefined : (arn) => [
            { Sid: "AllowReplication", Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: [...REPLICATE, "s3:ObjectOwnerOverrideToBucketOwner"], Resource: arn("/*") },
        ],
    });
    const rolePolicy = b.add(T.rolePolicy, "replication-role-policy", {
        role: out(role, "id"),
        policy: json({ Version: "2012-10-17", Statement: [
            ...s3Statements(source, [west, east]),
            { Effect: "Allow", Action: ["kms:Decrypt"], Resource: out(source.key, "arn"), Condition: { StringLike: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } },
            { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: [out(west.key, "arn"), out(east.key, "arn")] },
        ] }),
    });
    const parts = { source, west, east, role, rolePolicy };
    const replication = b.add(T.replication, "replication", { bucket: out(source.bucket, "id"), role: out(role, "arn"), rules: rules(parts) },
        { dependsOn: [source.versioning, west.versioning, east.versioning] });
    return { b, ...parts, replication };
}

/** Two rules with priorities and `filter.and` (prefix and tags), as the V2 replication schema requires for several rules. */
function twoRules(f: Omit<FanOut, "replication" | "b">): Rule[] {
    return [
        rule("to-central", destinationOf(f.west), { priority: 1, filter: { and: { prefix: "invoices/", tags: { tier: "gold" } } } }),
        rule("to-virginia", destinationOf(f.east, { storageClass: "STANDARD_IA" }), { priority: 2, filter: { prefix: "reports/" } }),
    ];
}

async function quiet(b: StackBuilder): Promise<void> {
    assertNone(await run(b.build()));
    assertNone(await run(b.build(), { preview: true }));
}

describe("policy pack: replication shapes (red team)", () => {
    describe("one source, two destinations in two Regions", () => {
        it("is quiet on two rules with priorities, filter.and, storage classes (update and fresh preview)", async () => {
            await quiet(fanOut(twoRules).b);
        });

        it("is quiet on the optional rule blocks: RTC and metrics, replicaModifications, existingObjectReplication, Glacier", async () => {
            const f = fanOut((p) => [
                rule("to-central", destinationOf(p.west, {
                    replicationTime: { status: "Enabled", time: { minutes: 15 } },
                    metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
                }), {
                    priority: 1,
                    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } },
                    existingObjectReplication: { status: "Enabled" },
                }),
                rule("to-virginia", destinationOf(p.east, { storageClass: "DEEP_ARCHIVE" }), { priority: 2, deleteMarkerReplication: { status: "Disabled" } }),
            ]);
            await quiet(f.b);
        });

        it("is quiet on a Disabled rule, without SSE-KMS selection or replica key, to an unversioned bucket next to an enabled rule", async () => {
            const f = fanOut((p) => [
                rule("to-central", destinationOf(p.west), { priority: 1 }),
                { id: "paused", status: "Disabled", priority: 2, filter: {}, deleteMarkerReplication: { status: "Disabled" }, destination: { bucket: out(p.east.bucket, "arn") } },
            ]);
            f.b.remove(f.east.versioning);
            await quiet(f.b);
        });

        it("is quiet on a Disabled rule whose replica key the role may not use yet, next to an enabled rule (fresh preview)", async () => {
            const f = fanOut((p) => [
                rule("to-central", destinationOf(p.west), { priority: 1 }),
                rule("paused", destinationOf(p.east, { encryptionConfiguration: { replicaKmsKeyId: out(p.east.key, "arn") } }), { priority: 2, status: "Disabled" }),
            ]);
            f.b.patch(f.rolePolicy, (props) => {
                const doc = JSON.parse(String(props["policy"])) as { Statement: Record<string, unknown>[] };
                doc.Statement = doc.Statement.map((s) => (s["Action"] as string[]).includes("kms:Encrypt") ? { ...s, Resource: (s["Resource"] as string[])[0] } : s);
                props["policy"] = JSON.stringify(doc);
            });
            // The paused destination's key is administered by its deploying role only (the default key policy's administrators
            // statement, without delegation to the account): the replication role may not use it yet.
            f.b.patch(f.east.keyPolicy, (props) => {
                props["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [{
                    Sid: "AllowKeyAdministrators", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/deployer" }, Resource: "*",
                    Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
                }] });
            });
            await quiet(f.b);
        });

        it("s3-bucket-sse-key-allowlist and kms-key-protected don't hold a Disabled rule's replica key against the enabled rule next to it (fresh preview)", async () => {
            // The organisation approves keys of three Regions; the paused rule names a us-west-2 key it doesn't use.
            const config = { "s3-bucket-sse-key-allowlist": { allowedKeyArns: ["eu-west-1", "eu-central-1", "us-east-1"].map((r) => `arn:aws:kms:${r}:111111111111:key/*`) } };
            const build = (status: string) => {
                let pausedKey = "";
                const f = fanOut((p) => [
                    rule("to-central", destinationOf(p.west), { priority: 1 }),
                    rule("paused", destinationOf(p.east, { encryptionConfiguration: { replicaKmsKeyId: out(pausedKey, "arn") } }), { priority: 2, status }),
                ], { extra: (b) => {
                    // Not protected either: kms-key-protected (advisory) asks it only of keys S3 uses.
                    pausedKey = b.add(T.key, "paused-key", { description: "paused replicas", enableKeyRotation: true, deletionWindowInDays: 30, region: "us-west-2" });
                } });
                return f;
            };
            const f = build("Disabled");
            for (const preview of [false, true]) {
                assertNone(await run(f.b.build(), { preview, config }));
            }
            const g = build("Enabled");
            for (const preview of [false, true]) {
                assertFires(await run(g.b.build(), { preview, config }), "s3-bucket-sse-key-allowlist");
            }
        });

        it("still judges the enabled rule next to a Disabled one once the ARNs are known (a fresh preview can't pair them)", async () => {
            const f = fanOut((p) => [
                rule("to-central", destinationOf(p.west), { priority: 1 }),
                { id: "paused", status: "Disabled", priority: 2, filter: {}, deleteMarkerReplication: { status: "Disabled" }, destination: { bucket: out(p.east.bucket, "arn") } },
            ]);
            f.b.remove(f.west.versioning);
            assertFires(await run(f.b.build()), "s3-replication-versioning-enabled", f.west.bucket);
            assertNone(mandatory(await run(f.b.build(), { preview: true })));
        });

        it("is quiet on the V1 rule schema (prefix, no filter)", async () => {
            const f = fanOut((p) => [
                { id: "logs", status: "Enabled", prefix: "logs/", sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } }, destination: destinationOf(p.west) },
            ]);
            await quiet(f.b);
        });

        it("is quiet when the second rule's replica key is an existing key of its Region named by literal ARN", async () => {
            const shared = "arn:aws:kms:us-east-1:111111111111:key/5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
            const f = fanOut((p) => [
                rule("to-central", destinationOf(p.west), { priority: 1 }),
                rule("to-virginia", destinationOf(p.east, { encryptionConfiguration: { replicaKmsKeyId: shared } }), { priority: 2 }),
            ]);
            f.b.patch(f.rolePolicy, (props) => {
                const doc = JSON.parse(String(props["policy"])) as { Statement: Record<string, unknown>[] };
                doc.Statement.push({ Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: shared });
                props["policy"] = JSON.stringify(doc);
            });
            await quiet(f.b);
        });

        it("is quiet when the second rule replicates to another account's bucket named by literal ARN, with account and owner override", async () => {
            const partnerBucket = "arn:aws:s3:::partner-archive";
            const partnerKey = "arn:aws:kms:us-east-1:444444444444:key/0b9f7a36-6f2d-4b8e-9a51-3c1d2e4f5a6b";
            const f = fanOut((p) => [
                rule("to-central", destinationOf(p.west), { priority: 1 }),
                rule("to-partner", { bucket: partnerBucket, account: "444444444444", accessControlTranslation: { owner: "Destination" }, storageClass: "GLACIER_IR", encryptionConfiguration: { replicaKmsKeyId: partnerKey } }, { priority: 2 }),
            ]);
            f.b.patch(f.rolePolicy, (props) => {
                const doc = JSON.parse(String(props["policy"])) as { Statement: Record<string, unknown>[] };
                doc.Statement.push(
                    { Effect: "Allow", Action: [...REPLICATE, "s3:ObjectOwnerOverrideToBucketOwner"], Resource: `${partnerBucket}/*` },
                    { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: partnerKey },
                );
                props["policy"] = JSON.stringify(doc);
            });
            await quiet(f.b);
            f.b.patch(f.replication, (props) => { delete ((props["rules"] as Rule[])[1]["destination"] as Rule)["accessControlTranslation"]; });
            for (const preview of [false, true]) {
                assertFires(mandatory(await run(f.b.build(), { preview })), "s3-replication-cross-account", f.replication);
            }
        });

        it("is quiet when the second destination is in another account and the same-account one's bucket policy is an object (fresh preview)", async () => {
            const f = fanOut((p) => [
                rule("to-central", destinationOf(p.west), { priority: 1 }),
                rule("to-virginia", destinationOf(p.east, { account: "222222222222", accessControlTranslation: { owner: "Destination" } }), { priority: 2 }),
            ], { eastAccount: "222222222222" });
            f.b.patch(f.rolePolicy, (props) => {
                const doc = JSON.parse(String(props["policy"])) as { Statement: Record<string, unknown>[] };
                doc.Statement.push({ Effect: "Allow", Action: "s3:ObjectOwnerOverrideToBucketOwner", Resource: "arn:aws:s3:::*/*" });
                props["policy"] = JSON.stringify(doc);
            });
            // The same-account destination's policy as an object (BucketPolicy.policy takes a PolicyDocument): a fresh
            // preview blanks its ARNs one by one and keeps its statements, which grant no replication role anything.
            const west = f.b.build().find((r) => r.urn === f.west.policy);
            f.b.remove(f.west.policy);
            const object = (JSON.parse(String(west?.inputs?.["policy"])) as { Statement: Record<string, unknown>[] }).Statement.map((st) => ({
                ...st, Resource: st["Sid"] === "DenyInsecureTransport" ? [out(f.west.bucket, "arn"), out(f.west.bucket, "arn", (v) => `${v}/*`)] : out(f.west.bucket, "arn", (v) => `${v}/*`),
                ...(st["Sid"] === "DenyWrongKmsKey" ? { Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": out(f.west.key, "arn") } } } : {}),
            }));
            f.b.add(T.bucketPolicy, "west-policy", { bucket: out(f.west.bucket, "id"), policy: { Version: "2012-10-17", Statement: object } }, { provider: west?.provider });
            await quiet(f.b);
            f.b.patch(f.east.policy, (props) => {
                const doc = JSON.parse(String(props["policy"])) as { Statement: Record<string, unknown>[] };
                doc.Statement = doc.Statement.filter((st) => st["Sid"] !== "AllowReplication");
                props["policy"] = JSON.stringify(doc);
            });
            assertFires(mandatory(await run(f.b.build())), "s3-replication-cross-account", f.east.policy);
        });

        const mistakes: { title: string; policy: string; edit: (rules: Rule[]) => void }[] = [
            { title: "the second rule doesn't select SSE-KMS objects", policy: "s3-replication-sse-kms", edit: (rs) => { rs[1]["sourceSelectionCriteria"] = { replicaModifications: { status: "Enabled" } }; } },
            { title: "the second rule sets no replica key", policy: "s3-replication-sse-kms", edit: (rs) => { delete (rs[1]["destination"] as Rule)["encryptionConfiguration"]; } },
            { title: "the second rule encrypts us-east-1 replicas with the eu-central-1 key", policy: "kms-key-region-matches-bucket", edit: (rs) => { (rs[1]["destination"] as Rule)["encryptionConfiguration"] = (rs[0]["destination"] as Rule)["encryptionConfiguration"]; } },
        ];
        for (const m of mistakes) {
            it(`fires ${m.policy} when ${m.title} (update and fresh preview)`, async () => {
                const f = fanOut((p) => { const rs = twoRules(p); m.edit(rs); return rs; });
                for (const preview of [false, true]) {
                    assertFires(mandatory(await run(f.b.build(), { preview })), m.policy, f.replication);
                }
            });
        }

        it("fires s3-replication-versioning-enabled on the second destination when it is unversioned (update and fresh preview)", async () => {
            const f = fanOut(twoRules);
            f.b.remove(f.east.versioning);
            for (const preview of [false, true]) {
                assertFires(await run(f.b.build(), { preview }), "s3-replication-versioning-enabled", f.east.bucket);
            }
        });

        it("fires s3-replication-role-kms-access when the role can't encrypt with the second destination's key", async () => {
            const f = fanOut(twoRules);
            f.b.patch(f.rolePolicy, (props) => {
                const doc = JSON.parse(String(props["policy"])) as { Statement: Record<string, unknown>[] };
                doc.Statement = doc.Statement.map((s) => (s["Action"] as string[]).includes("kms:Encrypt") ? { ...s, Resource: (s["Resource"] as string[])[0] } : s);
                props["policy"] = JSON.stringify(doc);
            });
            assertFires(await run(f.b.build()), "s3-replication-role-kms-access");
        });
    });

    describe("bidirectional replication", () => {
        type Mode = "one shared role" | "one role per direction" | "across accounts, one role in each";

        /**
         * eu-west-1 ⇄ eu-central-1, one BucketReplicationConfig per direction, with one shared role, one role each, or
         * across accounts (each account's role, the owner override, each bucket policy granting the other's role).
         */
        function bidirectional(mode: Mode): { b: StackBuilder; a: SecureBucket; z: SecureBucket; forward: string; back: string; roles: string[]; policies: string[] } {
            const sharedRole = mode === "one shared role";
            const cross = mode === "across accounts, one role in each";
            const zAccount = cross ? "222222222222" : "111111111111";
            const b = new StackBuilder();
            const central = b.provider("central", { region: "eu-central-1", account: zAccount });
            const roleA = b.add(T.role, "a-to-z-role", { name: "a-to-z-role", assumeRolePolicy: json(ASSUME_S3) });
            const roleZ = sharedRole ? roleA : b.add(T.role, "z-to-a-role", { name: "z-to-a-role", assumeRolePolicy: json(ASSUME_S3) }, cross ? { provider: central } : {});
            const users = (sid: string) => sharedRole ? [keyUser(roleA, sid)] : [keyUser(roleA, `${sid}A`), keyUser(roleZ, `${sid}Z`)];
            const grant = (role: string) => cross ? (arn: (v?: string) => unknown) => [
                { Sid: "AllowReplication", Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: [...REPLICATE, "s3:ObjectOwnerOverrideToBucketOwner"], Resource: arn("/*") },
            ] : undefined;
            const a = secureBucket(b, "a", { keyStatements: users("AllowS3ReplicationRole"), bucketStatements: grant(roleZ) });
            const z = secureBucket(b, "z", { provider: central, account: zAccount, keyStatements: users("AllowS3ReplicationRole"), bucketStatements: grant(roleA) });
            const over = (account: string) => cross ? { account, accessControlTranslation: { owner: "Destination" } } : {};
            const kms = (from: SecureBucket, fromRegion: string, to: SecureBucket) => [
                { Effect: "Allow", Action: ["kms:Decrypt"], Resource: out(from.key, "arn"), Condition: { StringLike: { "kms:ViaService": `s3.${fromRegion}.amazonaws.com` } } },
                { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: out(to.key, "arn") },
            ];
            const ownerOverride = (to: SecureBucket) => cross ? [{ Effect: "Allow", Action: "s3:ObjectOwnerOverrideToBucketOwner", Resource: out(to.bucket, "arn", (v) => `${v}/*`) }] : [];
            const forwardStatements = [...s3Statements(a, [z]), ...ownerOverride(z), ...kms(a, "eu-west-1", z)];
            const backStatements = [...s3Statements(z, [a]), ...ownerOverride(a), ...kms(z, "eu-central-1", a)];
            const policies = sharedRole
                ? [b.add(T.rolePolicy, "replication-role-policy", { role: out(roleA, "id"), policy: json({ Version: "2012-10-17", Statement: [...forwardStatements, ...backStatements] }) })]
                : [
                    b.add(T.rolePolicy, "a-to-z-policy", { role: out(roleA, "id"), policy: json({ Version: "2012-10-17", Statement: forwardStatements }) }),
                    b.add(T.rolePolicy, "z-to-a-policy", { role: out(roleZ, "id"), policy: json({ Version: "2012-10-17", Statement: backStatements }) }, cross ? { provider: central } : {}),
                ];
            const forward = b.add(T.replication, "a-to-z", {
                bucket: out(a.bucket, "id"), role: out(roleA, "arn"),
                rules: [rule("a-to-z", destinationOf(z, over(zAccount)), { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } } })],
            }, { dependsOn: [a.versioning, z.versioning] });
            const back = b.add(T.replication, "z-to-a", {
                bucket: out(z.bucket, "id"), role: out(roleZ, "arn"),
                rules: [rule("z-to-a", destinationOf(a, over("111111111111")), { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } } })],
            }, { provider: central, dependsOn: [a.versioning, z.versioning, forward] });
            return { b, a, z, forward, back, roles: sharedRole ? [roleA] : [roleA, roleZ], policies };
        }

        for (const label of ["one shared role", "one role per direction", "across accounts, one role in each"] as const) {
            it(`is quiet with ${label} (update and fresh preview)`, async () => {
                await quiet(bidirectional(label).b);
            });

            it(`fires kms-key-region-matches-bucket when the way back encrypts with the eu-central-1 key (${label})`, async () => {
                const s = bidirectional(label);
                s.b.patch(s.back, (props) => {
                    const r = (props["rules"] as Rule[])[0];
                    (r["destination"] as Rule)["encryptionConfiguration"] = { replicaKmsKeyId: `arn:aws:kms:eu-central-1:111111111111:key/${s.b.build().find((x) => x.urn === s.z.key)?.id ?? ""}` };
                });
                assertFires(mandatory(await run(s.b.build())), "kms-key-region-matches-bucket", s.back);
            });

            it(`fires s3-replication-role-kms-access when the way back's role can't decrypt with its source key (${label})`, async () => {
                const s = bidirectional(label);
                const last = s.policies[s.policies.length - 1];
                s.b.patch(last, (props) => {
                    const doc = JSON.parse(String(props["policy"])) as { Statement: Record<string, unknown>[] };
                    const zKeyDecrypt = doc.Statement.filter((st) => (st["Action"] as string[]).includes("kms:Decrypt"));
                    doc.Statement = doc.Statement.filter((st) => st !== zKeyDecrypt[zKeyDecrypt.length - 1]);
                    props["policy"] = JSON.stringify(doc);
                });
                const vs = mandatory(await run(s.b.build()));
                assertFires(vs, "s3-replication-role-kms-access");
                assert.ok(vs.every((v) => v.policyName === "s3-replication-role-kms-access"), describeAll(vs));
            });
        }

        it("across accounts: fires s3-replication-cross-account when the way back has no owner override, or the source's bucket policy doesn't grant the other account's role", async () => {
            const s = bidirectional("across accounts, one role in each");
            s.b.patch(s.back, (props) => { delete ((props["rules"] as Rule[])[0]["destination"] as Rule)["accessControlTranslation"]; });
            for (const preview of [false, true]) {
                const vs = mandatory(await run(s.b.build(), { preview }));
                assertFires(vs, "s3-replication-cross-account", s.back);
                assert.ok(vs.every((v) => v.policyName === "s3-replication-cross-account"), describeAll(vs));
            }
            const t = bidirectional("across accounts, one role in each");
            t.b.patch(t.a.policy, (props) => {
                const doc = JSON.parse(String(props["policy"])) as { Statement: Record<string, unknown>[] };
                doc.Statement = doc.Statement.filter((st) => st["Sid"] !== "AllowReplication");
                props["policy"] = JSON.stringify(doc);
            });
            const vs = mandatory(await run(t.b.build()));
            assertFires(vs, "s3-replication-cross-account", t.a.policy);
            assert.ok(vs.every((v) => v.policyName === "s3-replication-cross-account"), describeAll(vs));
        });
    });

    describe("replications in the v7, V2 and inline shapes in one stack", () => {
        it("is quiet on three pairs, each replicated in its own shape, and fires on the one broken rule", async () => {
            const b = new StackBuilder();
            const central = b.provider("central", { region: "eu-central-1", account: "111111111111" });
            const role = b.add(T.role, "replication-role", { name: "replication-role", assumeRolePolicy: json(ASSUME_S3) });
            const sources: SecureBucket[] = [];
            const dests: SecureBucket[] = [];
            for (const shape of ["v7", "v2", "inline"] as const) {
                sources.push(secureBucket(b, `${shape}-source`, { shape, keyStatements: [keyUser(role, "AllowS3ReplicationSourceRoleToUseTheKey")] }));
                dests.push(secureBucket(b, `${shape}-replica`, { provider: central, keyStatements: [keyUser(role, "AllowS3ReplicationDestinationRoleToUseTheKey")] }));
            }
            b.add(T.rolePolicy, "replication-role-policy", {
                role: out(role, "id"),
                policy: json({ Version: "2012-10-17", Statement: [
                    ...sources.flatMap((s, i) => s3Statements(s, [dests[i]])),
                    { Effect: "Allow", Action: ["kms:Decrypt"], Resource: sources.map((s) => out(s.key, "arn")), Condition: { StringLike: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } },
                    { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: dests.map((d) => out(d.key, "arn")) },
                ] }),
            });
            b.add(T.replication, "v7-replication", { bucket: out(sources[0].bucket, "id"), role: out(role, "arn"), rules: [rule("all", destinationOf(dests[0]))] });
            // BucketV2.replicationConfigurations: lists all the way down, the legacy `enabled` flags.
            b.patch(sources[1].bucket, (props) => {
                props["replicationConfigurations"] = [{ role: `arn:aws:iam::111111111111:role/replication-role`, rules: [{
                    id: "all", status: "Enabled", priority: 0, filters: [{ prefix: "" }],
                    sourceSelectionCriterias: [{ sseKmsEncryptedObjects: [{ enabled: true }] }],
                    destinations: [{ bucket: `arn:aws:s3:::${b.build().find((r) => r.urn === dests[1].bucket)?.id ?? ""}`, storageClass: "STANDARD",
                        replicaKmsKeyId: `arn:aws:kms:eu-central-1:111111111111:key/${b.build().find((r) => r.urn === dests[1].key)?.id ?? ""}` }],
                }] }];
            });
            // Bucket.replicationConfiguration (v7 singular shape of the deprecated inline property).
            b.patch(sources[2].bucket, (props) => {
                props["replicationConfiguration"] = { role: `arn:aws:iam::111111111111:role/replication-role`, rules: [{
                    id: "all", status: "Enabled", prefix: "",
                    sourceSelectionCriteria: { sseKmsEncryptedObjects: { enabled: true } },
                    destination: { bucket: `arn:aws:s3:::${b.build().find((r) => r.urn === dests[2].bucket)?.id ?? ""}`, storageClass: "STANDARD",
                        replicaKmsKeyId: `arn:aws:kms:eu-central-1:111111111111:key/${b.build().find((r) => r.urn === dests[2].key)?.id ?? ""}` },
                }] };
            });
            await quiet(b);
            b.patch(sources[2].bucket, (props) => {
                const cfg = props["replicationConfiguration"] as { rules: Rule[] };
                cfg.rules[0]["sourceSelectionCriteria"] = { sseKmsEncryptedObjects: { enabled: false } };
            });
            const vs = mandatory(await run(b.build()));
            assertFires(vs, "s3-replication-sse-kms", sources[2].bucket);
            assert.ok(vs.every((v) => v.urn === sources[2].bucket), describeAll(vs));
        });
    });

    describe("two rules inline on the source (BucketV2.replicationConfigurations, Bucket.replicationConfiguration)", () => {
        /** The fan-out written inline on the source: its `replicationConfiguration(s)` input carries the dependencies. */
        function inlineFanOut(shape: "v2" | "inline", paused: boolean): FanOut {
            const f = fanOut(twoRules, { sourceShape: shape === "v2" ? "v2" : "v7" });
            f.b.remove(f.replication);
            const dest = (d: SecureBucket) => ({ bucket: out(d.bucket, "arn"), storageClass: "STANDARD", replicaKmsKeyId: out(d.key, "arn") });
            const rules = [
                { id: "to-central", status: "Enabled", priority: 1, destination: dest(f.west) },
                { id: "to-virginia", status: paused ? "Disabled" : "Enabled", priority: 2, destination: dest(f.east) },
            ];
            const tags = f.b.build().find((r) => r.urn === f.source.bucket)?.inputs?.["tags"];
            // Replaced under the same URN, so the source's separate SSE, versioning, policy and access block still apply.
            f.b.remove(f.source.bucket);
            const props: Record<string, unknown> = shape === "v2"
                ? { replicationConfigurations: [{ role: out(f.role, "arn"), rules: rules.map(({ destination, ...r }) => ({ ...r, filters: [{ prefix: "" }], sourceSelectionCriterias: [{ sseKmsEncryptedObjects: [{ enabled: true }] }], destinations: [destination] })) }] }
                : { tags, replicationConfiguration: { role: out(f.role, "arn"), rules: rules.map((r) => ({ ...r, prefix: "", sourceSelectionCriteria: { sseKmsEncryptedObjects: { enabled: true } } })) } };
            const bucket = f.b.add(shape === "v2" ? T.bucketV2 : T.bucket, "source", props);
            assert.strictEqual(bucket, f.source.bucket);
            return { ...f, replication: bucket };
        }

        for (const shape of ["v2", "inline"] as const) {
            it(`is quiet on two enabled rules, and on an enabled rule next to a Disabled one to an unversioned bucket (${shape}; update and fresh preview)`, async () => {
                await quiet(inlineFanOut(shape, false).b);
                const f = inlineFanOut(shape, true);
                f.b.remove(f.east.versioning);
                await quiet(f.b);
            });

            it(`fires s3-replication-versioning-enabled on an enabled rule's unversioned destination (${shape}; update and fresh preview)`, async () => {
                const f = inlineFanOut(shape, false);
                f.b.remove(f.east.versioning);
                for (const preview of [false, true]) {
                    assertFires(await run(f.b.build(), { preview }), "s3-replication-versioning-enabled", f.east.bucket);
                }
            });
        }
    });

    describe("preview where the destination, replica key and role ARNs are unknown", () => {
        it("reports nothing on the replicated pair whose role is created in the same preview", async () => {
            const p = replicatedPair();
            assertNone(await run(p.b.build(), { preview: true }));
        });

        it("still fires s3-replication-sse-kms in a preview on a rule missing sseKmsEncryptedObjects next to a good one", async () => {
            const f = fanOut((p) => { const rs = twoRules(p); delete rs[1]["sourceSelectionCriteria"]; return rs; });
            assertFires(mandatory(await run(f.b.build(), { preview: true })), "s3-replication-sse-kms", f.replication);
        });
    });
});
