// Issue 14 item 3: configurations that used to pass every check although AWS would expose data or
// refuse replication. Each case shows the check firing on the defect and staying quiet on the fix.
import * as assert from "assert";
import { assertFires, assertNone, assertOnly, describeAll, mandatory, run } from "./support/run";
import { replicatedPair, ReplicatedPair, rootStatement, secureBucket } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

type Rule = Record<string, Record<string, unknown>>;
type Doc = { Statement: Record<string, unknown>[] };

function editDoc(p: ReplicatedPair | StackBuilder, urn: string, edit: (statements: Record<string, unknown>[]) => Record<string, unknown>[]): void {
    const b = p instanceof StackBuilder ? p : p.b;
    b.patch(urn, (props) => {
        const doc = JSON.parse(props["policy"] as string) as Doc;
        doc.Statement = edit(doc.Statement);
        props["policy"] = JSON.stringify(doc);
    });
}

const REPLICA_ENCRYPT = (p: ReplicatedPair) => (s: Record<string, unknown>) => (s["Action"] as string[]).includes("kms:Encrypt") && !("Principal" in s);

describe("policy pack: defects that used to pass (issue 14 item 3)", () => {
    describe("NotPrincipal Allows are public to everyone they don't name", () => {
        it("fires on a bucket policy Allow with NotPrincipal, not on the same grant to a named principal", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            editDoc(b, s.policy, (ss) => [...ss, { Sid: "AllButAuditor", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111111111111:role/auditor" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*" }]);
            assertOnly(await run(b.build()), "s3-bucket-policy-no-public-allow", s.policy, "everyone but its NotPrincipal");
            const c = new StackBuilder();
            const t = secureBucket(c, "data");
            editDoc(c, t.policy, (ss) => [...ss, { Sid: "Auditor", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/auditor" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*" }]);
            assertNone(await run(c.build()));
        });

        it("fires on a key policy Allow with NotPrincipal (literal KeyPolicy: also in preview)", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            editDoc(b, s.keyPolicy, (ss) => [...ss, { Sid: "AllButAuditor", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111111111111:role/auditor" }, Action: "kms:Decrypt", Resource: "*" }]);
            assertOnly(await run(b.build()), "kms-key-policy-no-public-principal", s.keyPolicy, "everyone but its NotPrincipal");
            assertOnly(await run(b.build(), { preview: true }), "kms-key-policy-no-public-principal", s.keyPolicy);
        });
    });

    describe("NotAction / NotResource Allows", () => {
        it("policy-no-not-action-allow fires on a bucket policy Allow with NotAction and a key policy Allow with NotResource", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            editDoc(b, s.policy, (ss) => [...ss, { Sid: "Partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, NotAction: "s3:DeleteBucket", Resource: "arn:aws:s3:::x/*" }]);
            assertOnly(await run(b.build()), "policy-no-not-action-allow", s.policy, "with NotAction");
            const c = new StackBuilder();
            const t = secureBucket(c, "data");
            editDoc(c, t.keyPolicy, (ss) => [...ss, { Sid: "Use", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: "kms:Decrypt", NotResource: "arn:aws:kms:eu-west-1:111111111111:key/other" }]);
            assertOnly(await run(c.build(), { preview: true }), "policy-no-not-action-allow", t.keyPolicy, "with NotResource");
        });

        it("accepts NotAction in a Deny (the TLS deny pattern)", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            editDoc(b, s.policy, (ss) => [...ss, { Sid: "DenyAllButRead", Effect: "Deny", Principal: "*", NotAction: "s3:GetObject", Resource: "arn:aws:s3:::x/*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "111111111111" } } }]);
            assertNone(await run(b.build()));
        });
    });

    describe("replication role conditions", () => {
        it("fires when the replica-key encryption is conditioned on the source region's kms:ViaService, not with the destination's", async () => {
            const p = replicatedPair();
            editDoc(p, p.rolePolicy, (ss) => ss.map((s) => (REPLICA_ENCRYPT(p)(s) ? { ...s, Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } } : s)));
            assertOnly(await run(p.b.build()), "s3-replication-role-kms-access", p.role, "through s3.eu-central-1.amazonaws.com");
            const q = replicatedPair();
            editDoc(q, q.rolePolicy, (ss) => ss.map((s) => (REPLICA_ENCRYPT(q)(s) ? { ...s, Condition: { StringEquals: { "kms:ViaService": "s3.eu-central-1.amazonaws.com" } } } : s)));
            assertNone(await run(q.b.build()));
            const w = replicatedPair();
            editDoc(w, w.rolePolicy, (ss) => ss.map((s) => (REPLICA_ENCRYPT(w)(s) ? { ...s, Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } } } : s)));
            assertNone(await run(w.b.build()));
        });

        it("fires when a Deny on aws:RequestedRegion stops the destination-region request, not when it admits both regions", async () => {
            const deny = (regions: string[]) => ({ Sid: "OnlyHomeRegions", Effect: "Deny", Action: "kms:*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": regions } } });
            const p = replicatedPair();
            editDoc(p, p.rolePolicy, (ss) => [...ss, deny(["eu-west-1"])]);
            const vs = await run(p.b.build());
            assertOnly(vs, "s3-replication-role-kms-access", p.role, "kms:Encrypt on the destination");
            assert.ok(!vs.some((v) => v.message.includes("kms:Decrypt on the source")), describeAll(vs));
            const q = replicatedPair();
            editDoc(q, q.rolePolicy, (ss) => [...ss, deny(["eu-west-1", "eu-central-1"])]);
            assertNone(await run(q.b.build()));
        });

        it("a Deny on a key the pack doesn't evaluate doesn't count as stopping the role", async () => {
            const p = replicatedPair();
            editDoc(p, p.rolePolicy, (ss) => [...ss, { Effect: "Deny", Action: "kms:*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }]);
            assertNone(await run(p.b.build()));
        });
    });

    describe("literal documents next to values unknown in preview", () => {
        it("an attached literal Deny decides although the role's own policy is unknown in preview", async () => {
            const p = replicatedPair();
            const deny = p.b.add(T.iamPolicy, "no-kms-encrypt", { policy: json({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "kms:Encrypt", Resource: "*" }] }) });
            p.b.add(T.attachment, "no-kms-encrypt", { role: out(p.role, "id"), policyArn: out(deny, "arn") });
            assertOnly(await run(p.b.build(), { preview: true }), "s3-replication-role-kms-access", p.role, "kms:Encrypt on the destination");
            assertOnly(await run(p.b.build()), "s3-replication-role-kms-access", p.role, "kms:Encrypt on the destination");
        });

        it("a literal separate KeyPolicy without the role decides while the role ARN is unknown (cross-account, preview)", async () => {
            const p = replicatedPair({ crossAccount: true });
            editDoc(p, p.destination.keyPolicy, (ss) => ss.filter((s) => s["Sid"] === "EnableRootAccess"));
            assertOnly(await run(p.b.build(), { preview: true }), "s3-replication-role-kms-access", p.destination.keyPolicy, "kms:Encrypt");
        });
    });

    describe("cross-account replication without account or owner override", () => {
        it("fires when only the destination's provider names an account: the source side's account comes from the role ARN", async () => {
            const p = replicatedPair({ crossAccount: true });
            p.b.patch(p.replication, (props) => { const r = (props["rules"] as Rule[])[0]; delete r["destination"]["account"]; delete r["destination"]["accessControlTranslation"]; });
            // The stack's default provider runs on ambient credentials: no assumeRoles, no allowedAccountIds.
            p.b.patch(p.b.defaultProvider.slice(0, p.b.defaultProvider.lastIndexOf("::")), (props) => { delete props["assumeRoles"]; });
            const vs = await run(p.b.build());
            assertOnly(vs, "s3-replication-cross-account", p.replication, "without destination.account");
            assertOnly(vs, "s3-replication-cross-account", p.replication, "owner override");
        });
    });

    describe("bypassPolicyLockoutSafetyCheck", () => {
        for (const [label, type, extra] of [
            ["Key", T.key, { enableKeyRotation: true }],
            ["KeyPolicy", T.keyPolicy, { keyId: "1234", policy: json({ Version: "2012-10-17", Statement: [rootStatement("111111111111")] }) }],
            ["ReplicaKey", T.replicaKey, { primaryKeyArn: "arn:aws:kms:us-east-1:111111111111:key/mrk-1" }],
        ] as const) {
            it(`kms-key-policy-lockout-safety-check fires on ${label} with bypassPolicyLockoutSafetyCheck: true (also in preview), not with false`, async () => {
                const b = new StackBuilder();
                const urn = b.add(type, "k", { ...extra, bypassPolicyLockoutSafetyCheck: true });
                assertOnly(await run(b.build()), "kms-key-policy-lockout-safety-check", urn, "bypassPolicyLockoutSafetyCheck: true");
                assertOnly(await run(b.build(), { preview: true }), "kms-key-policy-lockout-safety-check", urn);
                const c = new StackBuilder();
                c.add(type, "k", { ...extra, bypassPolicyLockoutSafetyCheck: false });
                assertNone(await run(c.build()));
            });
        }
    });
});

describe("policy pack: key policies that lock out the deploying role (issue 13 item 1)", () => {
    const admin = (arn: string) => ({ Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: arn }, Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], Resource: "*" });
    const DEPLOYER = "arn:aws:iam::111111111111:role/deployer";

    it("fires when neither the deploying role nor its account root may call kms:PutKeyPolicy (update and preview)", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        editDoc(b, s.keyPolicy, () => [admin("arn:aws:iam::111111111111:role/someone-else")]);
        assertOnly(await run(b.build()), "kms-key-policy-deployer-access", s.keyPolicy, DEPLOYER);
        assertOnly(await run(b.build(), { preview: true }), "kms-key-policy-deployer-access", s.keyPolicy);
    });

    it("accepts the account root delegation, or the deploying role among the administrators", async () => {
        for (const statements of [[rootStatement("111111111111")], [admin(DEPLOYER)], [{ ...admin(DEPLOYER), Action: "kms:*" }]] as Record<string, unknown>[][]) {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            editDoc(b, s.keyPolicy, () => statements);
            assertNone(mandatory(await run(b.build())));
        }
    });

    // "In a key policy, the value of the Resource element is "*", which means "this KMS key"" ("Key policies in AWS
    // KMS"); a statement may name the key by its ARN. During `up` the KeyPolicy's keyId and its provider give that ARN.
    it("reads a Resource naming the key's own ARN as the key, and another key's ARN as not it (update); can't tell in a fresh preview", async () => {
        const keyArnOf = (b: StackBuilder, key: string): string => String(b.build().find((r) => r.urn === key)?.outputs?.["arn"]);
        const root = rootStatement("111111111111") as Record<string, unknown>;
        const own = new StackBuilder();
        const s = secureBucket(own, "data");
        const keyArn = keyArnOf(own, s.key);
        assert.match(keyArn, /^arn:aws:kms:[a-z0-9-]+:111111111111:key\//, "fixture: the key's ARN");
        editDoc(own, s.keyPolicy, () => [{ ...root, Resource: keyArn }]);
        assertNone(mandatory(await run(own.build())));
        assertNone(mandatory(await run(own.build(), { preview: true })));

        const other = new StackBuilder();
        const t = secureBucket(other, "data");
        editDoc(other, t.keyPolicy, () => [{ ...root, Resource: "arn:aws:kms:eu-west-1:111111111111:key/0000aaaa-0000-0000-0000-000000000000" }]);
        assertOnly(await run(other.build()), "kms-key-policy-deployer-access", t.keyPolicy, DEPLOYER);
        assertNone(mandatory(await run(other.build(), { preview: true })));

        const denied = new StackBuilder();
        const u = secureBucket(denied, "data");
        const deniedKeyArn = keyArnOf(denied, u.key);
        editDoc(denied, u.keyPolicy, () => [root, { Sid: "Frozen", Effect: "Deny", Principal: "*", Action: "kms:PutKeyPolicy", Resource: deniedKeyArn }]);
        assertOnly(await run(denied.build()), "kms-key-policy-deployer-access", u.keyPolicy, DEPLOYER);
    });

    it("fires on an inline Key.policy too, and when a Deny takes kms:PutKeyPolicy away from the deployer", async () => {
        const b = new StackBuilder();
        const key = b.add(T.key, "k", { enableKeyRotation: true, policy: json({ Version: "2012-10-17", Statement: [
            rootStatement("111111111111"),
            { Sid: "NoPolicyChanges", Effect: "Deny", Principal: { AWS: "*" }, Action: "kms:PutKeyPolicy", Resource: "*" },
        ] }) });
        assertOnly(await run(b.build()), "kms-key-policy-deployer-access", key);
    });

    it("reads the deploying role from a provider whose assumeRoles is JSON text, as a stack export stores it (update and preview)", async () => {
        const b = new StackBuilder();
        b.patch(b.defaultProvider.slice(0, b.defaultProvider.lastIndexOf("::")), (props) => {
            props["assumeRoles"] = JSON.stringify(props["assumeRoles"]);
        });
        const s = secureBucket(b, "data");
        editDoc(b, s.keyPolicy, () => [admin("arn:aws:iam::111111111111:role/someone-else")]);
        assertOnly(await run(b.build()), "kms-key-policy-deployer-access", s.keyPolicy, DEPLOYER);
        assertOnly(await run(b.build(), { preview: true }), "kms-key-policy-deployer-access", s.keyPolicy);
    });

    it("stays silent when the provider names no role (ambient credentials) or the policy is unknown", async () => {
        const b = new StackBuilder();
        b.patch(b.defaultProvider.slice(0, b.defaultProvider.lastIndexOf("::")), (props) => { delete props["assumeRoles"]; });
        b.add(T.keyPolicy, "kp", { keyId: "1", policy: json({ Version: "2012-10-17", Statement: [admin("arn:aws:iam::111111111111:role/someone-else")] }) });
        assertNone(await run(b.build()));
        const c = new StackBuilder();
        const s = secureBucket(c, "data");
        // `patch` writes values as given: the bucket ARN itself, not an output reference object, which KMS would refuse.
        const bucketArn = c.build().find((r) => r.urn === s.bucket)?.outputs?.["arn"];
        c.patch(s.keyPolicy, (props) => { props["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [admin("arn:aws:iam::111111111111:role/someone-else"), { Effect: "Allow", Principal: { AWS: bucketArn }, Action: "kms:Decrypt", Resource: "*" }] }); });
        assertFires(await run(c.build()), "kms-key-policy-deployer-access", s.keyPolicy);
    });

    // With ambient credentials the deployer is unknown, but a key policy under which nobody may call kms:PutKeyPolicy
    // is refused by KMS whoever deploys it (found by e2e/projects/good-default-provider: such a key reached CreateKey).
    describe("ambient credentials (the provider names no role)", () => {
        const ambient = (statements: Record<string, unknown>[]): { b: StackBuilder; keyPolicy: string; key: string } => {
            const b = new StackBuilder();
            b.patch(b.defaultProvider.slice(0, b.defaultProvider.lastIndexOf("::")), (props) => { delete props["assumeRoles"]; });
            const key = b.add(T.key, "k", { enableKeyRotation: true, deletionWindowInDays: 30, policy: json({ Version: "2012-10-17", Statement: [rootStatement("111111111111")] }) });
            const keyPolicy = b.add(T.keyPolicy, "kp", { keyId: "1", policy: json({ Version: "2012-10-17", Statement: statements }) });
            return { b, keyPolicy, key };
        };
        const root = rootStatement("111111111111") as Record<string, unknown>;
        const use = { Sid: "AppUsesTheKey", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" };
        const lockouts: [string, Record<string, unknown>[]][] = [
            ["only a user of the key", [use]],
            ["no statements", []],
            ["administration only for a service principal", [{ Sid: "Service", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "kms:*", Resource: "*" }, use]],
            ["the account root only through a service (kms:ViaService: the deployer calls KMS directly)", [{ ...root, Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } }]],
        ];
        for (const [what, statements] of lockouts) {
            it(`fires when no principal may call kms:PutKeyPolicy: ${what} (update and preview)`, async () => {
                const { b, keyPolicy } = ambient(statements);
                for (const preview of [false, true]) {
                    const vs = (await run(b.build(), { preview })).filter((v) => v.policyName === "kms-key-policy-deployer-access");
                    assert.deepStrictEqual(vs.map((v) => v.urn), [keyPolicy], describeAll(vs));
                    assert.match(vs[0].message, /no principal can call kms:PutKeyPolicy/);
                }
            });
        }
        const manageable: [string, Record<string, unknown>[]][] = [
            ["the account root", [root, use]],
            ["another administrator (the deployer may be it)", [admin("arn:aws:iam::111111111111:role/someone-else")]],
            ["kms:* for everyone of the account (aws:PrincipalAccount)", [{ Sid: "Account", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "111111111111" } } }]],
            ["an administrator named by NotPrincipal", [{ Sid: "Odd", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: "kms:PutKeyPolicy", Resource: "*" }]],
            ["the account root beside a Deny whose conditions need the deployer's identity", [root, { Sid: "OnlyPipeline", Effect: "Deny", Principal: "*", Action: "kms:PutKeyPolicy", Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/pipeline" } } }]],
        ];
        for (const [what, statements] of manageable) {
            it(`stays silent when some principal may call kms:PutKeyPolicy: ${what}`, async () => {
                const { b } = ambient(statements);
                for (const preview of [false, true]) {
                    assertNone((await run(b.build(), { preview })).filter((v) => v.policyName === "kms-key-policy-deployer-access"));
                }
            });
        }
    });
});
