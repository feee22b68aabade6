// Key and bucket policy documents written the way AWS's own guides and the console write them (and the way teams
// copy them), in shapes the other specs don't write: each compliant document passes every policy at every level,
// at preview and after deployment, and a copy with one mistake fires the policy that mistake is about.
import { assertFires, assertNone, assertOnly, run } from "./support/run";
import { nativeBucket, replicatedPair, secureBucket } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

const ACCOUNT = "111111111111";
type Statements = Record<string, unknown>[];

/** The AWS KMS console's default key policy (AWS KMS Developer Guide, "Default key policy"), admins and users named. */
function consoleKeyPolicy(admin: string, user: string): Statements {
    return [
        { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "Allow access for Key Administrators", Effect: "Allow", Principal: { AWS: admin }, Action: [
            "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*",
            "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
        ], Resource: "*" },
        { Sid: "Allow use of the key", Effect: "Allow", Principal: { AWS: user }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" },
        { Sid: "Allow attachment of persistent resources", Effect: "Allow", Principal: { AWS: user }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } },
    ];
}

/** The key policy of the AWS managed key aws/s3: every principal of the account, through S3 only. */
const viaS3 = (condition: Record<string, unknown>) => ({
    Sid: "Allow access through S3 for all principals in the account that are authorized to use S3", Effect: "Allow", Principal: { AWS: "*" },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*", Condition: condition,
});

/** A secure bucket whose key policy document is `doc` (the KeyPolicy's `policy`). */
function withKeyPolicy(doc: unknown): { b: StackBuilder; keyPolicy: string } {
    const b = new StackBuilder();
    const s = secureBucket(b, "data");
    b.patch(s.keyPolicy, (p) => { p["policy"] = JSON.stringify(doc); });
    return { b, keyPolicy: s.keyPolicy };
}

async function assertCompliant(b: StackBuilder): Promise<void> {
    assertNone(await run(b.build()));
    assertNone(await run(b.build(), { preview: true }));
}

describe("policy pack: key and bucket policies as AWS's guides write them", () => {
    describe("key policies", () => {
        it("the console's default key policy (administrators, users, persistent-resource grants) passes every policy", async () => {
            const { b } = withKeyPolicy({ Id: "key-consolepolicy-3", Version: "2012-10-17", Statement: consoleKeyPolicy(`arn:aws:iam::${ACCOUNT}:role/KMSKeyAdmins`, `arn:aws:iam::${ACCOUNT}:role/app`) });
            await assertCompliant(b);
        });

        it("the console's default key policy naming one role as administrator and user is reported (advisory) as mixing duties", async () => {
            const role = `arn:aws:iam::${ACCOUNT}:role/ops`;
            const { b, keyPolicy } = withKeyPolicy({ Version: "2012-10-17", Statement: consoleKeyPolicy(role, role) });
            assertOnly(await run(b.build()), "kms-key-policy-admin-separation", keyPolicy, role);
        });

        it("all principals of the account through S3 (kms:CallerAccount + kms:ViaService, as aws/s3's policy) is not public, also with a number or a list", async () => {
            for (const condition of [
                { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
                { StringEquals: { "kms:CallerAccount": [ACCOUNT], "kms:ViaService": ["s3.eu-west-1.amazonaws.com", "s3.eu-central-1.amazonaws.com"] } },
                { StringEquals: { "kms:CallerAccount": Number(ACCOUNT) }, StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
                { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5", "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
            ]) {
                const { b } = withKeyPolicy({ Version: "2012-10-17", Statement: [...consoleKeyPolicy(`arn:aws:iam::${ACCOUNT}:role/KMSKeyAdmins`, `arn:aws:iam::${ACCOUNT}:role/app`), viaS3(condition)] });
                await assertCompliant(b);
            }
        });

        it("through S3 without pinning the caller (kms:ViaService alone, or a caller pin that pins nothing) is public", async () => {
            for (const condition of [
                { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
                { StringNotEquals: { "kms:CallerAccount": "222222222222" }, StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
                { StringEqualsIfExists: { "kms:CallerAccount": ACCOUNT }, StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
                { StringLike: { "kms:CallerAccount": "*", "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
            ]) {
                const { b, keyPolicy } = withKeyPolicy({ Version: "2012-10-17", Statement: [...consoleKeyPolicy(`arn:aws:iam::${ACCOUNT}:role/KMSKeyAdmins`, `arn:aws:iam::${ACCOUNT}:role/app`), viaS3(condition)] });
                assertOnly(await run(b.build()), "kms-key-policy-no-public-principal", keyPolicy);
            }
        });

        it("the root delegation written as a bare account id, a single statement object, Version 2008-10-17, a boolean condition value", async () => {
            for (const doc of [
                { Version: "2012-10-17", Statement: { Sid: "Root", Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "kms:*", Resource: "*" } },
                { Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: [ACCOUNT] }, Action: "kms:*", Resource: "*" }] },
                { Version: "2012-10-17", Statement: [
                    { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
                    { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": true } } },
                    { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
                ] },
            ]) {
                const { b } = withKeyPolicy(doc);
                await assertCompliant(b);
            }
        });

        it("a bare account id of another account, a NotPrincipal Allow, or a deny of the deployer's PutKeyPolicy still fire", async () => {
            const other = withKeyPolicy({ Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { AWS: "222222222222" }, Action: "kms:*", Resource: "*" } });
            assertOnly(await run(other.b.build()), "kms-key-policy-deployer-access", other.keyPolicy);
            const notPrincipal = withKeyPolicy({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
                { Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/intruder` }, Action: "kms:Decrypt", Resource: "*" },
            ] });
            assertOnly(await run(notPrincipal.b.build()), "kms-key-policy-no-public-principal", notPrincipal.keyPolicy);
            const denied = withKeyPolicy({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "kms:*", Resource: "*" },
                { Effect: "Deny", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/break-glass` }, Action: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"], Resource: "*" },
            ] });
            assertOnly(await run(denied.b.build()), "kms-key-policy-deployer-access", denied.keyPolicy);
        });

        it("aws-native: the console policy plus the all-principals-through-S3 statement as a keyPolicy object passes at preview and after; unpinned it fires at preview already", async () => {
            const keyPolicy = (condition: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [
                ...consoleKeyPolicy(`arn:aws:iam::${ACCOUNT}:role/KMSKeyAdmins`, `arn:aws:iam::${ACCOUNT}:role/app`),
                viaS3(condition),
            ] });
            const b = new StackBuilder();
            const n = nativeBucket(b, "data");
            b.patch(n.key, (p) => { p["keyPolicy"] = keyPolicy({ StringEquals: { "kms:CallerAccount": Number(ACCOUNT), "kms:ViaService": "s3.eu-west-1.amazonaws.com" } }); });
            await assertCompliant(b);
            const c = new StackBuilder();
            const m = nativeBucket(c, "data");
            c.patch(m.key, (p) => { p["keyPolicy"] = keyPolicy({ StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } }); });
            assertOnly(await run(c.build(), { preview: true }), "kms-key-policy-no-public-principal", m.key);
            assertOnly(await run(c.build()), "kms-key-policy-no-public-principal", m.key);
        });

        it("a deny of key-policy changes to every principal but the ones aws:PrincipalArn names (IAM's replacement for NotPrincipal) fires when it leaves out the deploying role", async () => {
            const lockdown = (operator: string, spared: string[]) => withKeyPolicy({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
                { Sid: "OnlyPipelineChangesTheKey", Effect: "Deny", Principal: "*", Action: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey"], Resource: "*", Condition: { [operator]: { "aws:PrincipalArn": spared } } },
            ] });
            for (const operator of ["ArnNotEquals", "ArnNotLike", "StringNotLike", "StringNotEquals", "ArnNotLikeIfExists"]) {
                const spared = operator.includes("Like") ? [`arn:aws:iam::${ACCOUNT}:role/deploy*`, `arn:aws:iam::${ACCOUNT}:role/break-glass`] : [`arn:aws:iam::${ACCOUNT}:role/deployer`, `arn:aws:iam::${ACCOUNT}:role/break-glass`];
                await assertCompliant(lockdown(operator, spared).b);
                const { b, keyPolicy } = lockdown(operator, [`arn:aws:iam::${ACCOUNT}:role/break-glass`]);
                assertOnly(await run(b.build()), "kms-key-policy-deployer-access", keyPolicy, "role/deployer");
                assertOnly(await run(b.build(), { preview: true }), "kms-key-policy-deployer-access", keyPolicy);
            }
        });

        it("a deny of key-policy changes to callers of other accounts (kms:CallerAccount) spares the deploying role of the key's account, and stops one of another", async () => {
            const denyOthers = (account: string) => withKeyPolicy({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
                { Effect: "Deny", Principal: { AWS: "*" }, Action: "kms:PutKeyPolicy", Resource: "*", Condition: { StringNotEquals: { "kms:CallerAccount": account } } },
            ] });
            await assertCompliant(denyOthers(ACCOUNT).b);
            const { b, keyPolicy } = denyOthers("222222222222");
            assertOnly(await run(b.build()), "kms-key-policy-deployer-access", keyPolicy);
        });

        it("key administration only through an AWS service (kms:ViaService) locks out the deploying role, which calls KMS directly (an absent key: IfExists holds, ForAnyValue doesn't)", async () => {
            const root = (extra: Record<string, unknown>) => ({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*", ...extra });
            const viaS3Only = { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } };
            const lockedOut = [
                [root({ Condition: viaS3Only })],
                [root({ Condition: { Null: { "kms:ViaService": "false" } } })],
                [root({}), { Effect: "Deny", Principal: "*", Action: "kms:PutKeyPolicy", Resource: "*", Condition: { Null: { "kms:ViaService": "true" } } }],
                [root({}), { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { StringNotEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } }],
                [root({}), { Effect: "Deny", Principal: "*", Action: "kms:PutKeyPolicy", Resource: "*", Condition: { StringNotEqualsIfExists: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } }],
            ];
            for (const statements of lockedOut) {
                const { b, keyPolicy } = withKeyPolicy({ Version: "2012-10-17", Statement: statements });
                const findings = (await run(b.build())).filter((v) => v.policyName === "kms-key-policy-deployer-access");
                assertOnly(findings, "kms-key-policy-deployer-access", keyPolicy, "role/deployer");
            }
            for (const statements of [
                [root({ Condition: { StringEqualsIfExists: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } })],
                [root({}), { Effect: "Deny", Principal: "*", Action: "kms:PutKeyPolicy", Resource: "*", Condition: { "ForAnyValue:StringNotEquals": { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } }],
            ]) {
                const { b } = withKeyPolicy({ Version: "2012-10-17", Statement: statements });
                const findings = (await run(b.build())).filter((v) => v.policyName === "kms-key-policy-deployer-access");
                assertNone(findings);
            }
        });

        it("key administration granted by aws:PrincipalArn instead of the root delegation lets in the deploying role it matches, and only that one", async () => {
            const byArn = (pattern: string) => withKeyPolicy({ Version: "2012-10-17", Statement: [
                { Sid: "Administrators", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": [pattern, `arn:aws:iam::${ACCOUNT}:role/break-glass`] } } },
            ] });
            await assertCompliant(byArn(`arn:aws:iam::${ACCOUNT}:role/deploy*`).b);
            const { b, keyPolicy } = byArn(`arn:aws:iam::${ACCOUNT}:role/platform-*`);
            assertOnly(await run(b.build()), "kms-key-policy-deployer-access", keyPolicy);
        });

        it("CloudTrail's documented key policy statements (account callers decrypt log files, alias creation through EC2) pass", async () => {
            const { b } = withKeyPolicy({ Version: "2012-10-17", Statement: [
                { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
                { Sid: "Allow CloudTrail to encrypt logs", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*", Condition: {
                    StringEquals: { "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/org-trail` },
                    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
                } },
                { Sid: "Allow principals in the account to decrypt log files", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt", "kms:ReEncryptFrom"], Resource: "*", Condition: {
                    StringEquals: { "kms:CallerAccount": ACCOUNT },
                    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
                } },
                { Sid: "Allow alias creation during setup", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:CreateAlias", Resource: "*", Condition: {
                    StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com", "kms:CallerAccount": ACCOUNT },
                } },
            ] });
            await assertCompliant(b);
        });

        it("a NotPrincipal Deny that spares the deployer and the break-glass role is compliant", async () => {
            const { b } = withKeyPolicy({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "kms:*", Resource: "*" },
                { Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/break-glass`, `arn:aws:iam::${ACCOUNT}:role/deployer`] }, Action: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"], Resource: "*" },
            ] });
            await assertCompliant(b);
        });
    });

    describe("a replication role under a key policy's aws:PrincipalArn deny", () => {
        /** The replicated pair with a Deny of kms:Decrypt on the source key to every principal but `spared`. */
        const lockedSource = (operator: string, spared: string[]) => {
            const p = replicatedPair();
            p.b.patch(p.source.keyPolicy, (i) => {
                const doc = JSON.parse(String(i["policy"])) as { Statement: unknown[] };
                doc.Statement.push({ Sid: "OnlyNamedRolesDecrypt", Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { [operator]: { "aws:PrincipalArn": spared } } });
                i["policy"] = JSON.stringify(doc);
            });
            return p;
        };

        it("spares the role it names (by ARN or pattern), and stops the replication role it leaves out", async () => {
            for (const operator of ["ArnNotEquals", "ArnNotLike", "StringNotLike"]) {
                const spared = operator === "ArnNotEquals" ? `arn:aws:iam::${ACCOUNT}:role/replication-role` : `arn:aws:iam::${ACCOUNT}:role/replication-*`;
                await assertCompliant(lockedSource(operator, [`arn:aws:iam::${ACCOUNT}:role/admin`, spared]).b);
                const p = lockedSource(operator, [`arn:aws:iam::${ACCOUNT}:role/admin`]);
                assertOnly(await run(p.b.build()), "s3-replication-role-kms-access", p.source.keyPolicy, "kms:Decrypt");
                // A preview of a new role can't tell its ARN: nothing is decided on it.
                assertNone(await run(p.b.build(), { preview: true }));
            }
        });
    });

    describe("bucket policies", () => {
        /** The secure bucket with its policy statements replaced by `statements(bucketArn, keyArn)`. */
        const withBucketPolicy = (statements: (bucketArn: string, keyArn: unknown) => unknown) => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            const bucketArn = String(b.build().find((r) => r.urn === s.bucket)?.outputs?.["arn"]);
            b.remove(s.policy);
            const policy = b.add(T.bucketPolicy, "data-policy", { bucket: out(s.bucket, "id"), policy: json(statements(bucketArn, out(s.key, "arn"))) });
            return { b, policy };
        };
        const tls = (arn: string, value: unknown = false, resource: unknown = [arn, `${arn}/*`]) => ({
            Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resource, Condition: { Bool: { "aws:SecureTransport": value } },
        });
        const algorithm = (arn: string) => ({ Sid: "DenyWrongAlgorithm", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } });
        const keyId = (arn: string, key: unknown, operator = "StringNotEquals") => ({ Sid: "DenyWrongKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { [operator]: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key } } });

        it("the TLS deny with a boolean false, on `<bucket>*`, next to an s3:TlsVersion deny with a number, as one statement object per concern", async () => {
            for (const tlsStatement of [(arn: string) => tls(arn), (arn: string) => tls(arn, false, `${arn}*`), (arn: string) => tls(arn, "False")]) {
                const { b } = withBucketPolicy((arn, key) => ({ Version: "2012-10-17", Statement: [
                    tlsStatement(arn),
                    { Sid: "EnforceTLSv12orHigher", Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { NumericLessThan: { "s3:TlsVersion": 1.2 } } },
                    algorithm(arn), keyId(arn, key),
                ] }));
                await assertCompliant(b);
            }
        });

        it("a TLS deny with true, or on another bucket's `*` pattern, fires", async () => {
            for (const tlsStatement of [(arn: string) => tls(arn, true), (arn: string) => tls(arn, false, ["arn:aws:s3:::other*"])]) {
                const { b, policy } = withBucketPolicy((arn, key) => ({ Version: "2012-10-17", Statement: [tlsStatement(arn), algorithm(arn), keyId(arn, key)] }));
                assertOnly(await run(b.build()), "s3-bucket-policy-deny-insecure-transport", policy);
            }
        });

        it("a key-id deny that also refuses a missing key id (ArnNotEqualsIfExists, StringNotEqualsIfExists, Null) needs no algorithm deny: S3 takes a key id only with aws:kms", async () => {
            for (const statements of [
                (arn: string, key: unknown) => [tls(arn), keyId(arn, key, "ArnNotEqualsIfExists")],
                (arn: string, key: unknown) => [tls(arn), keyId(arn, key, "StringNotEqualsIfExists")],
                (arn: string, key: unknown) => [tls(arn), keyId(arn, key), { Sid: "DenyObjectsThatAreNotSSEKMS", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" } } }],
            ]) {
                const { b } = withBucketPolicy((arn, key) => ({ Version: "2012-10-17", Statement: statements(arn, key) }));
                await assertCompliant(b);
            }
        });

        it("the key-id deny alone still passes strict and strict-key modes, and fires with a Null: false escape or a narrowing condition", async () => {
            for (const mode of ["strict", "strict-key"]) {
                const { b } = withBucketPolicy((arn, key) => ({ Version: "2012-10-17", Statement: [tls(arn), keyId(arn, key, "ArnNotEqualsIfExists")] }));
                const config = { "s3-bucket-policy-require-sse-kms": { mode } };
                assertNone(await run(b.build(), { config }));
                assertNone(await run(b.build(), { config, preview: true }));
            }
            for (const extra of [
                { Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" } },
                { StringEquals: { "aws:PrincipalAccount": ACCOUNT } },
            ]) {
                const { b, policy } = withBucketPolicy((arn, key) => {
                    const deny = keyId(arn, key);
                    return { Version: "2012-10-17", Statement: [tls(arn), { ...deny, Condition: { ...deny.Condition, ...extra } }] };
                });
                assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", policy, "s3:x-amz-server-side-encryption (mode");
            }
        });

        it("the algorithm deny written with StringNotEqualsIfExists and the key-id with Null, as the components' compatible mode", async () => {
            const { b } = withBucketPolicy((arn, key) => ({ Version: "2012-10-17", Statement: [
                tls(arn),
                { Sid: "DenyWrongAlgorithm", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": ["aws:kms", "aws:kms:dsse"] } } },
                { Sid: "DenyWrongKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": false } } },
                { Sid: "DenyKmsWithoutKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { Null: { "s3:x-amz-server-side-encryption": false, "s3:x-amz-server-side-encryption-aws-kms-key-id": true } } },
            ] }));
            await assertCompliant(b);
        });

        it("a key-id deny that lets another key through, or only a Null check on the algorithm, fires s3-bucket-policy-require-sse-kms", async () => {
            for (const statements of [
                (arn: string) => [tls(arn), keyId(arn, "arn:aws:kms:eu-west-1:999999999999:key/0e0e0e0e-1111-4222-8333-444444444444", "ArnNotEqualsIfExists")],
                (arn: string) => [tls(arn), { Sid: "DenyNoHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { Null: { "s3:x-amz-server-side-encryption": "true" } } }],
            ]) {
                const { b, policy } = withBucketPolicy((arn) => ({ Version: "2012-10-17", Statement: statements(arn) }));
                assertFires(await run(b.build()), "s3-bucket-policy-require-sse-kms", policy);
            }
            // AWS's "require a key id" Null check alone refuses every other algorithm, but not another key.
            const { b, policy } = withBucketPolicy((arn) => ({ Version: "2012-10-17", Statement: [tls(arn), { Sid: "DenyObjectsThatAreNotSSEKMS", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" } } }] }));
            const vs = await run(b.build());
            assertOnly(vs, "s3-bucket-policy-require-sse-kms", policy, "other than the bucket's key");
            assertNone(vs.filter((v) => v.message.includes("s3:x-amz-server-side-encryption (mode")));
        });

        it("a policy document whose Statement is one object is read as that statement (the TLS deny alone: only the KMS upload deny is missing)", async () => {
            const { b, policy } = withBucketPolicy((arn) => ({ Version: "2008-10-17", Statement: tls(arn) }));
            assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", policy);
        });

        it("aws-native: a policyDocument object with a boolean TLS deny and the key-id deny alone passes at preview and after; with a Null: false escape it fires", async () => {
            const native = (keyCondition: (key: unknown) => Record<string, unknown>) => {
                const b = new StackBuilder();
                const n = nativeBucket(b, "data");
                const arn = (suffix = "") => out(n.bucket, "arn", (v) => v + suffix);
                b.patch(n.policy, (p) => { p["policyDocument"] = { Version: "2012-10-17", Statement: [
                    { Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["ARN", "ARN/*"], Condition: { Bool: { "aws:SecureTransport": false } } },
                    { Sid: "DenyWrongKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "ARN/*", Condition: keyCondition("KEY") },
                ] }; });
                // The placeholders become references, as a program's outputs would be.
                const policyDocument = b.build().find((r) => r.urn === n.policy)?.inputs?.["policyDocument"];
                b.remove(n.policy);
                const resolved = JSON.parse(JSON.stringify(policyDocument), (_k, v: unknown) => v === "ARN" ? arn() : v === "ARN/*" ? arn("/*") : v === "KEY" ? out(n.key, "arn") : v) as unknown;
                const policy = b.add(T.nativeBucketPolicy, "data-policy", { bucket: out(n.bucket, "id"), policyDocument: resolved }, { provider: n.provider });
                return { b, policy };
            };
            await assertCompliant(native((key) => ({ ArnNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key } })).b);
            const { b, policy } = native((key) => ({ StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": false } }));
            assertOnly(await run(b.build()), "s3-bucket-policy-require-sse-kms", policy);
        });

        it("grants that S3 doesn't count as public: the organization, the account, bare account ids, ${aws:username} home prefixes, a NotPrincipal Deny", async () => {
            const { b } = withBucketPolicy((arn, key) => ({ Version: "2012-10-17", Statement: [
                tls(arn), algorithm(arn), keyId(arn, key),
                { Sid: "OrgRead", Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [arn, `${arn}/*`], Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } } },
                { Sid: "AccountRead", Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: `${arn}/*`, Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } },
                { Sid: "PartnerRead", Effect: "Allow", Principal: { AWS: ["222222222222", "arn:aws:iam::333333333333:root"] }, Action: "s3:GetObject", Resource: `${arn}/shared/*` },
                { Sid: "HomeDirs", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ["s3:GetObject", "s3:PutObject"], Resource: `${arn}/home/\${aws:username}/*` },
                { Sid: "OnlyAdminsDelete", Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/admin`, `arn:aws:iam::${ACCOUNT}:root`] }, Action: "s3:DeleteBucket", Resource: arn },
            ] }));
            await assertCompliant(b);
        });

        it("a public Allow pinned by a negated, ...IfExists or wildcard org condition, or a NotPrincipal Allow, fires s3-bucket-policy-no-public-allow", async () => {
            for (const grant of [
                { Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
                { Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
                { Condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } } },
                { Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/reader" } } },
            ]) {
                const { b, policy } = withBucketPolicy((arn, key) => ({ Version: "2012-10-17", Statement: [
                    tls(arn), algorithm(arn), keyId(arn, key),
                    { Sid: "Read", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${arn}/*`, ...grant },
                ] }));
                assertOnly(await run(b.build()), "s3-bucket-policy-no-public-allow", policy);
            }
            const { b, policy } = withBucketPolicy((arn, key) => ({ Version: "2012-10-17", Statement: [
                tls(arn), algorithm(arn), keyId(arn, key),
                { Sid: "AllButIntruder", Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/intruder` }, Action: "s3:GetObject", Resource: `${arn}/*` },
            ] }));
            assertOnly(await run(b.build()), "s3-bucket-policy-no-public-allow", policy);
        });
    });
});
