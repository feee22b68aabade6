// The stand-in provider refuses what AWS refuses, with AWS's error code and message, and accepts
// what AWS accepts: each rule firing and not firing, through the provider's own CRUD calls and a
// fresh shared World. Runs in `npm test` (no CLI needed).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { policyDecision } from "./iamDecision";
import { isRpcSecret, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { revealSecrets } from "./secrets";
import { FakeAwsProvider } from "./provider";

const A = "111111111111";
const B = "222222222222";
const DEPLOY = (account: string) => `arn:aws:iam::${account}:role/encrypted-buckets-deploy`;
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const T = {
    bucket: "aws:s3/bucket:Bucket",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    acl: "aws:s3/bucketAclV2:BucketAclV2",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    key: "aws:kms/key:Key",
    keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    replicaKey: "aws:kms/replicaKey:ReplicaKey",
    grant: "aws:kms/grant:Grant",
    accountPab: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    managed: "aws:iam/policy:Policy",
    object: "aws:s3/bucketObjectv2:BucketObjectv2",
    alias: "aws:kms/alias:Alias",
};
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });

function providerFor(account: string, region = "eu-west-1", extra: Record<string, string> = {}): FakeAwsProvider {
    return new FakeAwsProvider(() => ({ region, assumeRoles: JSON.stringify([{ roleArn: DEPLOY(account), sessionName: "s" }]), ...extra }));
}

async function create(p: FakeAwsProvider, type: string, name: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    await p.check(urn(type, name), {}, inputs);
    return (await p.create(urn(type, name), inputs)).outs ?? {};
}

async function refused(p: FakeAwsProvider, type: string, name: string, inputs: Record<string, unknown>, expected: RegExp): Promise<void> {
    await assert.rejects(create(p, type, name, inputs), expected);
}

describe("e2e stand-in aws provider: AWS deploy-time rules", function () {
    const saved = { ...process.env };
    let a: FakeAwsProvider;
    let b: FakeAwsProvider;

    beforeEach(function () {
        process.env["STANDIN_AWS_WORLD_DIR"] = fs.mkdtempSync(path.join(os.tmpdir(), "standin-world-"));
        delete process.env["STANDIN_AWS_RULES"];
        delete process.env["STANDIN_AWS_UNMODELLED"];
        a = providerFor(A);
        b = providerFor(B, "eu-central-1");
    });

    afterEach(function () {
        fs.rmSync(String(process.env["STANDIN_AWS_WORLD_DIR"]), { recursive: true, force: true });
        process.env = { ...saved };
    });

    async function key(p: FakeAwsProvider, name: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
        return create(p, T.key, name, { region: "eu-west-1", enableKeyRotation: true, ...extra });
    }

    describe("KMS", function () {
        const admin = (principal: string | string[]) => ({ Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: principal }, Action: ["kms:PutKeyPolicy", "kms:DescribeKey"], Resource: "*" });

        // `pulumi up --replace <key>` (and any create-before-delete replacement) creates the new key while the old one
        // still exists, and a key left the stack by retainOnDelete stays in KMS: CreateKey always answers a new key id
        // (AWS KMS API Reference, "CreateKey": KeyId of the new key), so dependents see a new ARN. A stand-in that
        // answered the old id again would hide every consequence of a key replacement.
        it("CreateKey of a name whose key still exists answers a new key id and ARN, as KMS does for every CreateKey", async function () {
            const first = await key(a, "data");
            const replacement = await key(a, "data");
            assert.notEqual(replacement["keyId"], first["keyId"]);
            assert.notEqual(replacement["arn"], first["arn"]);
            assert.match(String(replacement["arn"]), new RegExp(`^arn:aws:kms:eu-west-1:${A}:key/${String(replacement["keyId"])}$`));
            assert.equal(replacement["id"], replacement["keyId"]);
        });

        it("lockout safety check: a key policy naming only other administrators is refused for the deploying role", async function () {
            const k = await key(a, "k");
            await refused(a, T.keyPolicy, "k", { keyId: k["keyId"], policy: doc(admin(`arn:aws:iam::${A}:role/security-admin`)) },
                /PutKeyPolicy, StatusCode: 400, api error MalformedPolicyDocumentException: The new key policy will not allow you to update the key policy in the future\.[\s\S]*encrypted-buckets-deploy/);
        });

        it("lockout safety check passes when the policy names the deploying role, delegates to the account root, or bypasses the check", async function () {
            const k = await key(a, "k");
            await create(a, T.keyPolicy, "named", { keyId: k["keyId"], policy: doc(admin([`arn:aws:iam::${A}:role/security-admin`, DEPLOY(A)])) });
            await create(a, T.keyPolicy, "root", { keyId: k["keyId"], policy: doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" }) });
            await create(a, T.keyPolicy, "bypass", { keyId: k["keyId"], bypassPolicyLockoutSafetyCheck: true, policy: doc(admin(`arn:aws:iam::${A}:role/other`)) });
        });

        it("CreateKey takes a key usage its key spec allows", async function () {
            await refused(a, T.key, "k", { region: "eu-west-1", customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "SIGN_VERIFY" }, /CreateKey, StatusCode: 400, api error ValidationException: KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT/);
            await refused(a, T.key, "k", { region: "eu-west-1", customerMasterKeySpec: "HMAC_256", keyUsage: "ENCRYPT_DECRYPT" }, /ValidationException/);
            await create(a, T.key, "k", { region: "eu-west-1", customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" });
            await create(a, T.key, "rsa", { region: "eu-west-1", customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
        });

        it("CreateKey with a policy runs the same check", async function () {
            await assert.rejects(key(a, "inline", { policy: doc(admin(`arn:aws:iam::${A}:role/other`)) }), /CreateKey.*MalformedPolicyDocumentException: The new key policy will not allow/);
            await key(a, "inline-ok", { policy: doc(admin(DEPLOY(A))) });
        });

        it("key policies larger than 32 KB are refused", async function () {
            const k = await key(a, "k");
            const many = Array.from({ length: 300 }, (_, i) => ({ ...admin(DEPLOY(A)), Sid: `S${i}`, Resource: `arn:aws:kms:eu-west-1:${A}:key/${"x".repeat(80)}` }));
            await refused(a, T.keyPolicy, "big", { keyId: k["keyId"], policy: doc(...many) }, /LimitExceededException[\s\S]*a KMS key policy may have at most 32768/);
        });

        it("principals must exist: a declared role is invalid until it is created", async function () {
            const k = await key(a, "k");
            const replicationRole = `arn:aws:iam::${A}:role/raw-replication`;
            await a.check(urn(T.role, "r"), {}, { name: "raw-replication", assumeRolePolicy: TRUST });
            const policy = doc(admin(DEPLOY(A)), { Sid: "Replication", Effect: "Allow", Principal: { AWS: replicationRole }, Action: "kms:Decrypt", Resource: "*" });
            await refused(a, T.keyPolicy, "early", { keyId: k["keyId"], policy }, /MalformedPolicyDocumentException: Policy contains a statement with one or more invalid principals/);
            await a.create(urn(T.role, "r"), { name: "raw-replication", assumeRolePolicy: TRUST });
            await create(a, T.keyPolicy, "late", { keyId: k["keyId"], policy });
        });

        it("deletion window 7-30 days", async function () {
            await assert.rejects(key(a, "w", { deletionWindowInDays: 31 }), /ValidationException/);
            await key(a, "w7", { deletionWindowInDays: 7 });
        });

        it("EnableKeyRotation: symmetric encryption keys generated by KMS only, rotation period 90-2560 days", async function () {
            await refused(a, T.key, "rsa", { region: "eu-west-1", customerMasterKeySpec: "RSA_2048", enableKeyRotation: true },
                /EnableKeyRotation, StatusCode: 400, api error UnsupportedOperationException: Automatic key rotation is supported only on symmetric encryption KMS keys/);
            await refused(a, T.key, "hmac", { region: "eu-west-1", customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC", enableKeyRotation: true }, /UnsupportedOperationException/);
            await refused(a, T.key, "hsm", { region: "eu-west-1", customKeyStoreId: "cks-1234567890abcdef0", enableKeyRotation: true }, /UnsupportedOperationException[\s\S]*custom key store/);
            await refused(a, T.key, "short", { region: "eu-west-1", enableKeyRotation: true, rotationPeriodInDays: 89 }, /EnableKeyRotation.*ValidationException.*between 90 and 2560/);
            await refused(a, T.key, "long", { region: "eu-west-1", enableKeyRotation: true, rotationPeriodInDays: 2561 }, /ValidationException/);
            await key(a, "p90", { rotationPeriodInDays: 90 });
            await key(a, "p2560", { rotationPeriodInDays: 2560 });
            await key(a, "mrk", { multiRegion: true });
            await create(a, T.key, "rsa-unrotated", { region: "eu-west-1", customerMasterKeySpec: "RSA_2048", enableKeyRotation: false });
        });

        it("ReplicateKey: the replica's deletion window is 7-30 days, as any key's", async function () {
            const primary = await key(a, "primary", { multiRegion: true });
            const otherRegion = providerFor(A, "eu-central-1");
            await refused(otherRegion, T.replicaKey, "short", { primaryKeyArn: primary["arn"], deletionWindowInDays: 6 }, /ReplicateKey.*ValidationException.*pendingWindowInDays/);
            await create(otherRegion, T.replicaKey, "ok", { primaryKeyArn: primary["arn"], deletionWindowInDays: 7 });
        });

        it("ReplicateKey: a multi-Region primary (mrk- id) into another Region, once per Region, with the primary's key id; its policy is checked like a key's", async function () {
            const single = await key(a, "single");
            const primary = await key(a, "primary", { multiRegion: true });
            assert.match(String(primary["keyId"]), /^mrk-[0-9a-f]{32}$/);
            const otherRegion = providerFor(A, "eu-central-1");
            await refused(otherRegion, T.replicaKey, "of-single", { primaryKeyArn: single["arn"] }, /ReplicateKey.*UnsupportedOperationException.*not a multi-Region primary key/);
            await refused(a, T.replicaKey, "same-region", { primaryKeyArn: primary["arn"] }, /UnsupportedOperationException.*Region of the primary key/);
            const replica = await create(otherRegion, T.replicaKey, "replica", { primaryKeyArn: primary["arn"] });
            assert.equal(replica["keyId"], primary["keyId"]);
            assert.equal(replica["arn"], `arn:aws:kms:eu-central-1:${A}:key/${String(primary["keyId"])}`);
            await refused(otherRegion, T.replicaKey, "replica-again", { primaryKeyArn: primary["arn"] }, /AlreadyExistsException/);
            await refused(providerFor(A, "us-east-1"), T.replicaKey, "locked-out", {
                primaryKeyArn: primary["arn"], policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:role/someone-else` }, Action: "kms:*", Resource: "*" }),
            }, /MalformedPolicyDocumentException/);
            // S3 default encryption takes the replica like any symmetric key of its Region.
            await create(otherRegion, T.sse, "on-replica", { bucket: "b", region: "eu-central-1", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: replica["arn"] } }] });
        });

        it("CreateAlias: alias/<letters, digits, / _ ->, not alias/aws/, one of a name per account and Region (free again once deleted)", async function () {
            const k = await key(a, "aliased");
            await refused(a, T.alias, "bad", { name: "team-data", targetKeyId: k["keyId"] }, /CreateAlias, StatusCode: 400, api error ValidationException/);
            await refused(a, T.alias, "aws", { name: "alias/aws/team", targetKeyId: k["keyId"] }, /NotAuthorizedException: Cannot create alias with prefix 'alias\/aws\/'/);
            const first = await create(a, T.alias, "one", { name: "alias/team-data", targetKeyId: k["keyId"] });
            await refused(a, T.alias, "two", { name: "alias/team-data", targetKeyId: k["keyId"] }, /AlreadyExistsException: An alias with the name arn:aws:kms:eu-west-1:111111111111:alias\/team-data already exists/);
            await create(b, T.alias, "elsewhere", { name: "alias/team-data", targetKeyId: "k" });
            await a.delete("alias/team-data", urn(T.alias, "one"), first);
            await create(a, T.alias, "two", { name: "alias/team-data", targetKeyId: k["keyId"] });
        });

        it("CreateAlias: the key is in the alias's account and Region (by ARN, or by id among the keys of the world)", async function () {
            const k = await key(a, "aliased");
            const central = providerFor(A, "eu-central-1");
            await refused(central, T.alias, "other-region", { name: "alias/team-data", targetKeyId: k["keyId"] }, /CreateAlias, StatusCode: 400, api error NotFoundException[\s\S]*may only name a key of its own account and Region/);
            await refused(central, T.alias, "other-region-arn", { name: "alias/team-data", targetKeyId: k["arn"] }, /NotFoundException/);
            await refused(b, T.alias, "other-account", { name: "alias/team-data", region: "eu-west-1", targetKeyId: k["arn"] }, /NotFoundException/);
            await create(a, T.alias, "same", { name: "alias/team-data", targetKeyId: k["arn"] });
            // A replica of a multi-Region key has its primary's id: by that id, the alias names the replica of its Region.
            const primary = await key(a, "primary", { multiRegion: true });
            await create(central, T.replicaKey, "replica", { primaryKeyArn: primary["arn"] });
            await create(central, T.alias, "replica-alias", { name: "alias/team-replica", targetKeyId: primary["keyId"] });
        });

        it("CreateGrant: the key policy must let the caller create the grant (an administrator without kms:CreateGrant may not; the account root delegation lets IAM decide)", async function () {
            const adminOnly = doc(
                { Sid: "Administration", Effect: "Allow", Principal: { AWS: DEPLOY(A) }, Action: ["kms:PutKeyPolicy", "kms:DescribeKey", "kms:RevokeGrant"], Resource: "*" },
                { Sid: "ServiceGrants", Effect: "Allow", Principal: { AWS: DEPLOY(A) }, Action: "kms:CreateGrant", Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } },
            );
            const k = await key(a, "admin-only", { policy: adminOnly });
            await refused(a, T.grant, "g", { keyId: k["keyId"], granteePrincipal: `arn:aws:iam::${A}:role/app`, operations: ["Decrypt"] },
                /CreateGrant, StatusCode: 400, api error AccessDeniedException: User: arn:aws:sts::111111111111:assumed-role\/encrypted-buckets-deploy\/s is not authorized to perform: kms:CreateGrant/);
            await create(a, T.keyPolicy, "kp", { keyId: k["keyId"], policy: doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" }) });
            await create(a, T.grant, "g", { keyId: k["keyId"], granteePrincipal: `arn:aws:iam::${A}:role/app`, operations: ["Decrypt"] });
        });

        it("CreateGrant: known operations only, a grantee that exists; KMS answers a grant id and token", async function () {
            const k = await key(a, "granted");
            await refused(a, T.grant, "none", { keyId: k["keyId"], granteePrincipal: `arn:aws:iam::${A}:role/app`, operations: [] }, /CreateGrant.*ValidationException/);
            await refused(a, T.grant, "typo", { keyId: k["keyId"], granteePrincipal: `arn:aws:iam::${A}:role/app`, operations: ["Decrypt", "Unwrap"] }, /names Unwrap, which is not a grant operation/);
            await a.check(urn(T.role, "later"), {}, { name: "later", assumeRolePolicy: TRUST });
            await refused(a, T.grant, "early", { keyId: k["keyId"], granteePrincipal: `arn:aws:iam::${A}:role/later`, operations: ["Decrypt"] }, /InvalidArnException/);
            const grant = await create(a, T.grant, "ok", { keyId: k["keyId"], granteePrincipal: `arn:aws:iam::${A}:role/app`, operations: ["Decrypt", "GenerateDataKey"] });
            assert.match(String(grant["grantId"]), /^[0-9a-f]{64}$/);
            assert.ok(typeof grant["grantToken"] === "string");
        });

        it("S3 default encryption takes symmetric encryption keys only", async function () {
            // KMS rotates no asymmetric key (EnableKeyRotation), so this one is created without rotation.
            const rsa = await key(a, "rsa", { customerMasterKeySpec: "RSA_2048", enableKeyRotation: false });
            const sym = await key(a, "sym");
            const sse = (keyArn: unknown) => ({ bucket: "b", region: "eu-west-1", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn } }] });
            await refused(a, T.sse, "rsa", sse(rsa["arn"]), /PutBucketEncryption.*InvalidArgument.*symmetric/);
            await create(a, T.sse, "sym", sse(sym["arn"]));
        });
    });

    describe("S3", function () {
        it("bucket naming rules", async function () {
            await refused(a, T.bucket, "b", { bucket: "abc.-def", region: "eu-west-1" }, /CreateBucket, StatusCode: 400, api error InvalidBucketName: The specified bucket is not valid\./);
            await refused(a, T.bucket, "g", { region: "eu-west-1", bucket: "x".repeat(64) }, /InvalidBucketName/);
            await create(a, T.bucket, "ok", { bucket: "acme-ok", region: "eu-west-1" });
        });

        it("bucket names are unique across accounts, and free again once deleted", async function () {
            const outs = await create(a, T.bucket, "x", { bucket: "acme-shared", region: "eu-west-1" });
            await refused(b, T.bucket, "x", { bucket: "acme-shared", region: "eu-central-1" }, /BucketAlreadyExists/);
            await refused(a, T.bucket, "y", { bucket: "acme-shared", region: "eu-west-1" }, /BucketAlreadyOwnedByYou/);
            await a.delete("acme-shared", urn(T.bucket, "x"), outs);
            await create(b, T.bucket, "x", { bucket: "acme-shared", region: "eu-central-1" });
        });

        it("bucket policies: JSON, 20 KB, existing principals", async function () {
            await create(a, T.bucket, "b", { bucket: "bkt1", region: "eu-west-1" });
            await refused(a, T.policy, "p", { bucket: "bkt1", policy: "not json" }, /MalformedPolicy: Policies must be valid JSON/);
            const many = Array.from({ length: 200 }, (_, i) => ({ Sid: `S${i}`, Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `arn:aws:s3:::bkt1/${"p".repeat(80)}` }));
            await refused(a, T.policy, "p", { bucket: "bkt1", policy: doc(...many) }, /PolicyTooLarge[\s\S]*at most 20480/);
            await create(a, T.policy, "p", { bucket: "bkt1", policy: doc(many[0]) });
        });

        it("bucket policies: resources of the bucket only, S3 actions S3 defines, each statement's actions applying to its resources", async function () {
            await create(a, T.bucket, "b", { bucket: "bkt-stmt", region: "eu-west-1" });
            const reader = (Action: unknown, Resource: unknown) => ({ Sid: "Read", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action, Resource });
            await refused(a, T.policy, "p", { bucket: "bkt-stmt", policy: doc(reader("s3:GetObject", "arn:aws:s3:::bkt-stmt")) }, /PutBucketPolicy, StatusCode: 400, api error MalformedPolicy: Action does not apply to any resource\(s\) in statement[\s\S]*arn:aws:s3:::bkt-stmt\/\* for object actions/);
            await refused(a, T.policy, "p", { bucket: "bkt-stmt", policy: doc(reader("s3:GetObject", "arn:aws:s3:::someone-elses/*")) }, /api error MalformedPolicy: Policy has invalid resource/);
            await refused(a, T.policy, "p", { bucket: "bkt-stmt", policy: doc(reader("kms:Decrypt", "arn:aws:s3:::bkt-stmt/*")) }, /api error MalformedPolicy: Policy has invalid action/);
            await refused(a, T.policy, "p", { bucket: "bkt-stmt", policy: doc(reader("s3:GetObjects", "arn:aws:s3:::bkt-stmt/*")) }, /api error MalformedPolicy: Policy has invalid action/);
            const tls = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::bkt-stmt", "arn:aws:s3:::bkt-stmt/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } };
            await create(a, T.policy, "p", { bucket: "bkt-stmt", policy: doc(tls, reader(["s3:GetObject", "s3:ListBucket", "s3:GetBucketVersioning"], ["arn:aws:s3:::bkt-stmt", "arn:aws:s3:::bkt-stmt/*"]), reader("s3:ReplicateObject", "arn:aws:s3:::bkt-stmt/*")) });
        });

        it("AWS principals must be principals: a user group or a wildcard inside an ARN is refused by S3, KMS and IAM", async function () {
            await create(a, T.bucket, "b", { bucket: "bkt-principal", region: "eu-west-1" });
            const read = (AWS: string) => doc({ Effect: "Allow", Principal: { AWS }, Action: "s3:GetObject", Resource: "arn:aws:s3:::bkt-principal/*" });
            await refused(a, T.policy, "p", { bucket: "bkt-principal", policy: read(`arn:aws:iam::${A}:group/readers`) }, /PutBucketPolicy, StatusCode: 400, api error MalformedPolicy: Invalid principal in policy[\s\S]*user group/);
            const keyDoc = (AWS: string) => doc({ Effect: "Allow", Principal: { AWS: [DEPLOY(A), AWS] }, Action: "kms:*", Resource: "*" });
            await refused(a, T.key, "k", { region: "eu-west-1", policy: keyDoc(`arn:aws:iam::${A}:role/app-*`) }, /CreateKey, StatusCode: 400, api error MalformedPolicyDocumentException: Policy contains a statement with one or more invalid principals[\s\S]*wildcard/);
            const trust = (AWS: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS }, Action: "sts:AssumeRole" }] });
            await refused(a, T.role, "r", { name: "principal-role", assumeRolePolicy: trust("ana") }, /CreateRole, StatusCode: 400, api error MalformedPolicyDocument: Invalid principal in policy/);
            await create(a, T.policy, "p", { bucket: "bkt-principal", policy: read(`arn:aws:iam::${A}:role/readers`) });
            await key(a, "k", { policy: keyDoc(`arn:aws:sts::${A}:assumed-role/app/s`) });
            await create(a, T.role, "r", { name: "principal-role", assumeRolePolicy: trust(B) });
        });

        it("policies that are not policies of their kind are refused where they are stored (IAM policy grammar)", async function () {
            await create(a, T.bucket, "b", { bucket: "bkt-grammar", region: "eu-west-1" });
            await refused(a, T.policy, "p", { bucket: "bkt-grammar", policy: doc({ Effect: "Maybe", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::bkt-grammar/*" }) }, /PutBucketPolicy, StatusCode: 400, api error MalformedPolicy: Policy has invalid elements[\s\S]*Statement\[0\]\.Effect/);
            await refused(a, T.key, "k", { region: "eu-west-1", policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Resource: "*" }) }, /CreateKey, StatusCode: 400, api error MalformedPolicyDocumentException/);
            const role = await create(a, T.role, "r", { name: "grammar-role", assumeRolePolicy: TRUST });
            await refused(a, T.rolePolicy, "rp", { role: role["name"], name: "p", policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }) }, /PutRolePolicy, StatusCode: 400, api error MalformedPolicyDocument: Syntax errors in policy[\s\S]*Principal is not allowed/);
            await refused(a, T.managed, "m", { name: "grammar-managed", policy: doc({ Effect: "Allow", Action: "s3:GetObject" }) }, /CreatePolicy, StatusCode: 400, api error MalformedPolicyDocument[\s\S]*Resource or NotResource is required/);
        });

        it("secret values the engine sends wrapped (a secret stack output or config value) reach AWS as their plain values, at any depth", async function () {
            const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
            const keyArn = `arn:aws:kms:eu-west-1:${A}:key/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9`;
            const bucket = await create(a, T.bucket, "b", { bucket: secret("bkt-secret"), region: "eu-west-1" });
            // AWS gets the plain value; the output stays secret, as the bridge marks it (secretWhereGiven).
            assert.ok(isRpcSecret(bucket["bucket"]), "the bucket name output is still a secret");
            assert.equal(revealSecrets(bucket["bucket"]), "bkt-secret");
            const denyOtherKeys = { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::bkt-secret/*", Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": secret(keyArn) } } };
            const checked = (await a.check(urn(T.policy, "p"), {}, { bucket: "bkt-secret", policy: { Version: "2012-10-17", Statement: [denyOtherKeys] } })).inputs ?? {};
            assert.ok(isRpcSecret(checked["policy"]), "the checked policy input is still a secret");
            const checkedPolicy = revealSecrets(checked["policy"]);
            const document = (typeof checkedPolicy === "string" ? JSON.parse(checkedPolicy) : checkedPolicy) as { Statement: { Condition: { StringNotEquals: Record<string, unknown> } }[] };
            assert.equal(document.Statement[0].Condition.StringNotEquals["s3:x-amz-server-side-encryption-aws-kms-key-id"], keyArn);
            await create(a, T.policy, "p", { bucket: "bkt-secret", policy: { Version: "2012-10-17", Statement: [denyOtherKeys] } });
            const role = await create(a, T.role, "r", { name: "secret-role", assumeRolePolicy: TRUST });
            await create(a, T.rolePolicy, "rp", { role: role["name"], name: "p", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: secret(keyArn) }] } });
            // A marker is never mistaken for a document: the same statement with the marker's object kept is refused, as AWS refuses an object there.
            await refused(a, T.rolePolicy, "rp2", { role: role["name"], name: "p2", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: { arn: keyArn } }] } }, /MalformedPolicyDocument[\s\S]*Statement\[0\]\.Resource/);
        });

        it("BlockPublicPolicy (on for new buckets) refuses a public policy; off, it is accepted", async function () {
            await create(a, T.bucket, "b", { bucket: "bkt2", region: "eu-west-1" });
            const open = doc({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::bkt2/*" });
            await refused(a, T.policy, "p", { bucket: "bkt2", policy: open }, /AccessDenied: .*BlockPublicPolicy/);
            await create(a, T.pab, "pab", { bucket: "bkt2", blockPublicPolicy: false });
            await create(a, T.policy, "p", { bucket: "bkt2", policy: open });
        });

        it("ACLs are refused under BucketOwnerEnforced (the default), accepted with ObjectWriter", async function () {
            await create(a, T.bucket, "b", { bucket: "bkt3", region: "eu-west-1" });
            await refused(a, T.acl, "acl", { bucket: "bkt3", acl: "private" }, /AccessControlListNotSupported: The bucket does not allow ACLs/);
            await create(a, T.ownership, "own", { bucket: "bkt3", rule: { objectOwnership: "ObjectWriter" } });
            await create(a, T.acl, "acl", { bucket: "bkt3", acl: "private" });
        });

        it("the account's BlockPublicPolicy refuses a public bucket policy even where the bucket's own block allows it, until the account block is gone", async function () {
            await create(a, T.bucket, "b", { bucket: "bkt-acct", region: "eu-west-1" });
            await create(a, T.pab, "pab", { bucket: "bkt-acct", blockPublicPolicy: false });
            const open = doc({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::bkt-acct/*" });
            const block = await create(a, T.accountPab, "acct", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
            await refused(a, T.policy, "p", { bucket: "bkt-acct", policy: open }, /AccessDenied: .*BlockPublicPolicy/);
            await a.delete(A, urn(T.accountPab, "acct"), block);
            await create(a, T.policy, "p", { bucket: "bkt-acct", policy: open });
        });

        it("an account's public access block is set by that account only", async function () {
            await refused(a, T.accountPab, "other", { accountId: B, blockPublicPolicy: true }, /PutPublicAccessBlock.*AccessDenied/);
            const own = await create(a, T.accountPab, "own", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
            assert.equal(own["accountId"], A);
        });

        it("tags: at most 50 (the provider's default tags count), no aws: prefix", async function () {
            const tagged = providerFor(A, "eu-west-1", { defaultTags: JSON.stringify({ tags: { project: "p" } }) });
            const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
            await refused(tagged, T.bucket, "t", { bucket: "tags-51", region: "eu-west-1", tags: fifty }, /InvalidTag/);
            await refused(a, T.key, "t", { region: "eu-west-1", tags: { "aws:x": "y" } }, /TagException/);
            await create(a, T.bucket, "t", { bucket: "tags-50", region: "eu-west-1", tags: fifty });
        });

        describe("uploads (BucketObject): the bucket policy, then the key policy for S3's kms:GenerateDataKey", function () {
            const denyOtherAlgorithms = (bucket: string) => ({
                Sid: "DenyOtherAlgorithms", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `arn:aws:s3:::${bucket}/*`,
                Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
            });
            // A key policy of role lists without the account root: the deploying role administers, an app role uses it.
            const adminOnly = (account: string) => doc(
                { Sid: "Administration", Effect: "Allow", Principal: { AWS: DEPLOY(account) }, Action: ["kms:PutKeyPolicy", "kms:DescribeKey"], Resource: "*" },
                { Sid: "Usage", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/app` }, Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: "*" },
            );

            it("a bucket policy that requires the algorithm header refuses an upload without it, and accepts one with it", async function () {
                await create(a, T.bucket, "b", { bucket: "up1", region: "eu-west-1" });
                await create(a, T.policy, "p", { bucket: "up1", policy: doc(denyOtherAlgorithms("up1")) });
                await refused(a, T.object, "o", { bucket: "up1", key: "readme.txt", content: "x" }, /PutObject, StatusCode: 403, api error AccessDenied: Access Denied[\s\S]*no encryption header \(ExplicitlyDenied\)/);
                await create(a, T.object, "o", { bucket: "up1", key: "readme.txt", content: "x", serverSideEncryption: "aws:kms" });
            });

            it("a key whose policy does not let the deploying role use it refuses an upload under it; the default key policy or a deleted bucket policy accepts", async function () {
                const k = await key(a, "k", { policy: adminOnly(A) });
                await create(a, T.bucket, "b", { bucket: "up2", region: "eu-west-1" });
                await create(a, T.sse, "sse", { bucket: "up2", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: k["arn"] }, bucketKeyEnabled: true }] });
                await refused(a, T.object, "o", { bucket: "up2", key: "a.txt", content: "x" }, /AccessDenied: User: arn:aws:sts::111111111111:assumed-role\/encrypted-buckets-deploy\/s is not authorized to perform: kms:GenerateDataKey/);
                // A KeyPolicy that delegates to the account root lets the (administrator) deploying role use the key.
                await create(a, T.keyPolicy, "kp", { keyId: k["keyId"], policy: doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" }) });
                await create(a, T.object, "o", { bucket: "up2", key: "a.txt", content: "x" });
                // A key created without a policy gets KMS's default key policy: the account's IAM policies decide.
                const plain = await key(a, "plain");
                await create(a, T.object, "o2", { bucket: "up2", key: "b.txt", content: "x", kmsKeyId: plain["arn"] });
            });

            it("the key header names the key S3 uses, not the bucket's default; SSE-S3 and aws/s3 call no key policy", async function () {
                const k = await key(a, "k", { policy: adminOnly(A) });
                await create(a, T.bucket, "b", { bucket: "up3", region: "eu-west-1" });
                await refused(a, T.object, "o", { bucket: "up3", key: "a.txt", content: "x", kmsKeyId: k["arn"] }, /kms:GenerateDataKey/);
                await create(a, T.object, "o", { bucket: "up3", key: "a.txt", content: "x" });
                await create(a, T.object, "o2", { bucket: "up3", key: "b.txt", content: "x", serverSideEncryption: "aws:kms" });
            });

            it("a request the IAM engine cannot evaluate is let through (no refusal AWS would not give), saying so on stderr", async function () {
                const written: string[] = [];
                const original = process.stderr.write.bind(process.stderr);
                process.stderr.write = ((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; }) as typeof process.stderr.write;
                let answer: string | undefined = "not called";
                try {
                    answer = await policyDecision({
                        principal: DEPLOY(A), action: "s3:PutObject", resource: "arn:aws:s3:::up5/a.txt", resourceAccount: A, context: {}, identityPolicies: [],
                        resourcePolicy: { name: "odd", document: { Version: "2012-10-17", Statement: [{ Effect: "Maybe" as "Allow", Principal: "*", Action: "s3:PutObject", Resource: "*" }] } },
                    });
                } finally {
                    process.stderr.write = original;
                }
                assert.equal(answer, undefined);
                assert.match(written.join(""), /could not evaluate s3:PutObject on arn:aws:s3:::up5\/a\.txt with the IAM engine .*the call is let through/);
            });

            it("another account's upload needs the bucket policy's Allow", async function () {
                await create(a, T.bucket, "b", { bucket: "up4", region: "eu-west-1" });
                await refused(b, T.object, "o", { bucket: "up4", key: "a.txt", content: "x" }, /AccessDenied: Access Denied[\s\S]*ImplicitlyDenied/);
                await create(a, T.policy, "p", { bucket: "up4", policy: doc({ Sid: "PartnerWrites", Effect: "Allow", Principal: { AWS: DEPLOY(B) }, Action: "s3:PutObject", Resource: "arn:aws:s3:::up4/*" }) });
                await create(b, T.object, "o", { bucket: "up4", key: "a.txt", content: "x" });
            });
        });

        describe("replication", function () {
            const replicationTo = (destination: string, rules: Record<string, unknown>[] = [{}]) => ({
                bucket: "src",
                region: "eu-west-1",
                role: `arn:aws:iam::${A}:role/rep`,
                rules: rules.map((r, i) => ({ id: `r${i}`, priority: i, status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" }, destination: { bucket: `arn:aws:s3:::${destination}` }, ...r })),
            });

            beforeEach(async function () {
                await create(a, T.bucket, "src", { bucket: "src", region: "eu-west-1" });
                await create(b, T.bucket, "dst", { bucket: "dst", region: "eu-central-1" });
                await create(a, T.role, "rep", { name: "rep", assumeRolePolicy: TRUST });
            });

            it("needs versioning Enabled on the source when the configuration is put", async function () {
                await create(b, T.versioning, "dst", { bucket: "dst", versioningConfiguration: { status: "Enabled" } });
                await refused(a, T.replication, "r", replicationTo("dst"), /InvalidRequest: Versioning must be 'Enabled' on the bucket/);
                await create(a, T.versioning, "src", { bucket: "src", versioningConfiguration: { status: "Enabled" } });
                await create(a, T.replication, "r", replicationTo("dst"));
            });

            it("needs existing, versioned destinations (in another account too)", async function () {
                await create(a, T.versioning, "src", { bucket: "src", versioningConfiguration: { status: "Enabled" } });
                await refused(a, T.replication, "r", replicationTo("nowhere"), /InvalidRequest: Destination bucket must exist\./);
                await refused(a, T.replication, "r", replicationTo("dst"), /InvalidRequest: Destination bucket must have versioning enabled\./);
                await create(b, T.versioning, "dst", { bucket: "dst", versioningConfiguration: { status: "Enabled" } });
                await create(a, T.replication, "r", replicationTo("dst"));
            });

            it("takes a bucket of another account that no stack created as another owner's (externalReplicas), but not one of its own account", async function () {
                await create(a, T.versioning, "src", { bucket: "src", versioningConfiguration: { status: "Enabled" } });
                await refused(a, T.replication, "r", replicationTo("partner-dr"), /InvalidRequest: Destination bucket must exist\./);
                await refused(a, T.replication, "r", replicationTo("partner-dr", [{ destination: { bucket: "arn:aws:s3:::partner-dr", account: A } }]), /InvalidRequest: Destination bucket must exist\./);
                await create(a, T.replication, "r", replicationTo("partner-dr", [{ destination: { bucket: "arn:aws:s3:::partner-dr", account: "444444444444", accessControlTranslation: { owner: "Destination" } } }]));
            });

            it("counts the legacy inline versioning of a Bucket (versioning.enabled) and a BucketV2 (versionings[0].enabled) as S3 does", async function () {
                await create(a, T.bucket, "legacy-src", { bucket: "legacy-src", region: "eu-west-1", versioning: { enabled: true } });
                await create(b, "aws:s3/bucketV2:BucketV2", "legacy-dst", { bucket: "legacy-dst", region: "eu-central-1", versionings: [{ enabled: true }] });
                await create(a, T.replication, "r", { ...replicationTo("legacy-dst"), bucket: "legacy-src" });
                await create(a, T.bucket, "unversioned", { bucket: "unversioned-src", region: "eu-west-1", versioning: { enabled: false } });
                await refused(a, T.replication, "u", { ...replicationTo("legacy-dst"), bucket: "unversioned-src" }, /Versioning must be 'Enabled'/);
            });

            it("accepts a role no stack created (a brought role, taken to exist like any principal outside the stack)", async function () {
                await create(a, T.versioning, "src", { bucket: "src", versioningConfiguration: { status: "Enabled" } });
                await create(b, T.versioning, "dst", { bucket: "dst", versioningConfiguration: { status: "Enabled" } });
                await create(a, T.replication, "r", { ...replicationTo("dst"), role: `arn:aws:iam::${A}:role/platform/brought` });
            });

            it("SSE-KMS objects are replicated only under a named replica key; RTC goes with metrics, and a metrics event threshold with RTC", async function () {
                await create(a, T.versioning, "src", { bucket: "src", versioningConfiguration: { status: "Enabled" } });
                await create(b, T.versioning, "dst", { bucket: "dst", versioningConfiguration: { status: "Enabled" } });
                const kms = { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } } };
                const replicaKey = `arn:aws:kms:eu-central-1:${B}:key/0e0e0e0e-1111-4222-8333-666666666666`;
                const to = (destination: Record<string, unknown>) => ({ destination: { bucket: "arn:aws:s3:::dst", ...destination } });
                await refused(a, T.replication, "r", replicationTo("dst", [{ ...kms, ...to({}) }]), /PutBucketReplication.*InvalidRequest: ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present/);
                const encrypted = { ...kms, ...to({ encryptionConfiguration: { replicaKmsKeyId: replicaKey } }) };
                const rtc = { replicationTime: { status: "Enabled", time: { minutes: 15 } } };
                const metrics = { metrics: { status: "Enabled", eventThreshold: { minutes: 15 } } };
                await refused(a, T.replication, "r", replicationTo("dst", [{ ...kms, ...to({ encryptionConfiguration: { replicaKmsKeyId: replicaKey }, ...rtc }) }]), /InvalidRequest: ReplicationTime must be specified together with a Metrics block/);
                await refused(a, T.replication, "r", replicationTo("dst", [{ ...kms, ...to({ encryptionConfiguration: { replicaKmsKeyId: replicaKey }, ...metrics }) }]), /InvalidArgument: Metrics cannot contain an event threshold when ReplicationTime is not specified or Disabled/);
                await create(a, T.replication, "r", replicationTo("dst", [encrypted]));
                await create(a, T.replication, "rtc", replicationTo("dst", [{ ...kms, ...to({ encryptionConfiguration: { replicaKmsKeyId: replicaKey }, ...rtc, ...metrics }) }]));
                await create(a, T.replication, "metrics-only", replicationTo("dst", [{ ...kms, ...to({ encryptionConfiguration: { replicaKmsKeyId: replicaKey }, metrics: { status: "Enabled" } }) }]));
            });

            it("needs a role that exists, unique priorities, and no delete-marker replication with a tag filter", async function () {
                await create(a, T.versioning, "src", { bucket: "src", versioningConfiguration: { status: "Enabled" } });
                await create(b, T.versioning, "dst", { bucket: "dst", versioningConfiguration: { status: "Enabled" } });
                await a.check(urn(T.role, "later"), {}, { name: "later", assumeRolePolicy: TRUST });
                await refused(a, T.replication, "r", { ...replicationTo("dst"), role: `arn:aws:iam::${A}:role/later` }, /InvalidArgument: Invalid ReplicationConfiguration role/);
                await refused(a, T.replication, "r", replicationTo("dst", [{ priority: 1 }, { priority: 1 }]), /InvalidArgument: Found overlapping priorities/);
                await refused(a, T.replication, "r", replicationTo("dst", [{ filter: { tag: { key: "k", value: "v" } } }]), /InvalidRequest: DeleteMarkerReplication is not supported if any Tag filter is specified/);
                await create(a, T.replication, "r", replicationTo("dst", [{ filter: { tag: { key: "k", value: "v" } }, deleteMarkerReplication: { status: "Disabled" } }]));
            });

            it("checks the configuration's schema: filtered rules say whether delete markers replicate and have distinct priorities (0 when not given), an owner override names the account, 1-1,000 rules", async function () {
                await create(a, T.versioning, "src", { bucket: "src", versioningConfiguration: { status: "Enabled" } });
                await create(b, T.versioning, "dst", { bucket: "dst", versioningConfiguration: { status: "Enabled" } });
                const replicaKey = `arn:aws:kms:eu-central-1:${B}:key/0e0e0e0e-1111-4222-8333-666666666666`;
                await refused(a, T.replication, "r", replicationTo("dst", [{ deleteMarkerReplication: undefined }]), /PutBucketReplication.*InvalidRequest: DeleteMarkerReplication must be specified for this version of Cross Region Replication configuration schema/);
                await refused(a, T.replication, "r", replicationTo("dst", [{ priority: undefined }, { priority: undefined, filter: { prefix: "b/" } }]), /InvalidArgument: Found overlapping priorities/);
                await refused(a, T.replication, "r", replicationTo("dst", [{ destination: { bucket: "arn:aws:s3:::dst", accessControlTranslation: { owner: "Destination" } } }]), /InvalidRequest: Account is required when AccessControlTranslation is specified/);
                await refused(a, T.replication, "r", replicationTo("dst", []), /MalformedXML/);
                await refused(a, T.replication, "r", replicationTo("dst", Array.from({ length: 1001 }, (_, i) => ({ priority: i }))), /MalformedXML[\s\S]*1001 rules/);
                // V1 rules (a prefix, no filter) carry no DeleteMarkerReplication and no priority.
                await create(a, T.replication, "v1", replicationTo("dst", [{ filter: undefined, deleteMarkerReplication: undefined, priority: undefined, prefix: "a/" }]));
                await create(a, T.replication, "owner", replicationTo("dst", [{ destination: { bucket: "arn:aws:s3:::dst", account: B, accessControlTranslation: { owner: "Destination" } } }]));
                await create(a, T.replication, "kms", replicationTo("dst", [{ sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } }, destination: { bucket: "arn:aws:s3:::dst", encryptionConfiguration: { replicaKmsKeyId: replicaKey } } }]));
                await create(a, T.replication, "many", replicationTo("dst", Array.from({ length: 1000 }, (_, i) => ({ priority: i }))));
            });
        });
    });

    describe("IAM", function () {
        it("role name, path and trust policy", async function () {
            await refused(a, T.role, "r", { name: "r".repeat(65), assumeRolePolicy: TRUST }, /CreateRole.*ValidationError/);
            await refused(a, T.role, "r", { name: "r", path: "service/", assumeRolePolicy: TRUST }, /ValidationError/);
            await refused(a, T.role, "r", { name: "r", assumeRolePolicy: doc({ Effect: "Allow", Action: "sts:AssumeRole" }) }, /MalformedPolicyDocument/);
            await create(a, T.role, "r", { name: "r", path: "/service-role/", assumeRolePolicy: TRUST });
        });

        it("role names are unique in an account whatever their case (EntityAlreadyExists), free in another account, and free again once deleted", async function () {
            const outs = await create(a, T.role, "first", { name: "copier", assumeRolePolicy: TRUST });
            await refused(a, T.role, "second", { name: "Copier", path: "/other/", assumeRolePolicy: TRUST }, /CreateRole.*EntityAlreadyExists[\s\S]*Role with name Copier already exists/);
            await create(b, T.role, "elsewhere", { name: "copier", assumeRolePolicy: TRUST });
            await a.delete(String(outs["id"] ?? "copier"), urn(T.role, "first"), outs);
            await create(a, T.role, "second", { name: "Copier", assumeRolePolicy: TRUST });
        });

        it("inline policies of a role count together against 10,240 characters; managed policies 6,144", async function () {
            const sized = (n: number) => doc({ Sid: "x".repeat(n), Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
            await create(a, T.rolePolicy, "one", { role: "r", name: "one", policy: sized(6000) });
            await refused(a, T.rolePolicy, "two", { role: "r", name: "two", policy: sized(5000) }, /PutRolePolicy.*LimitExceeded[\s\S]*total \d+ characters/);
            await create(a, T.rolePolicy, "small", { role: "r", name: "small", policy: sized(1000) });
            await refused(a, T.managed, "m", { name: "m", policy: sized(6200) }, /CreatePolicy.*LimitExceeded/);
            await create(a, T.managed, "m", { name: "m", policy: sized(6000) });
        });
    });

    describe("regions, unmodelled types and the switches", function () {
        it("a region that does not exist fails the call", async function () {
            await refused(a, T.bucket, "b", { bucket: "r-bucket", region: "eu-west-9" }, /InvalidLocationConstraint/);
            await refused(a, T.key, "k", { region: "ap-southeast-10" }, /InvalidRegion: invalid AWS Region: ap-southeast-10/);
        });

        it("a type fake AWS does not model is reported in one line naming the types; STANDIN_AWS_UNMODELLED=echo accepts it", async function () {
            await assert.rejects(a.check(urn("aws:ec2/vpc:Vpc", "v"), {}, {}), /^Error: stand-in aws provider: resource types not modelled: aws:ec2\/vpc:Vpc \(/);
            await assert.rejects(a.check(urn("aws:sqs/queue:Queue", "q"), {}, {}), /not modelled: aws:ec2\/vpc:Vpc, aws:sqs\/queue:Queue \(/);
            await a.check(urn(T.bucket, "b"), {}, { bucket: "fine" });
            process.env["STANDIN_AWS_UNMODELLED"] = "echo";
            await providerFor(A).check(urn("aws:ec2/vpc:Vpc", "v"), {}, {});
        });

        it("a function fake AWS does not model is refused, naming it; STANDIN_AWS_UNMODELLED=echo accepts it", async function () {
            await assert.rejects(a.invoke("aws:ec2/getVpc:getVpc", { id: "vpc-1" }), /^Error: stand-in aws provider: function not modelled: aws:ec2\/getVpc:getVpc \(/);
            const org = await a.invoke("aws:organizations/getOrganization:getOrganization", {});
            assert.match(String(org.outputs?.["id"]), /^o-[a-z0-9]{10,32}$/);
            process.env["STANDIN_AWS_UNMODELLED"] = "echo";
            assert.deepStrictEqual((await providerFor(A).invoke("aws:ec2/getVpc:getVpc", { id: "vpc-1" })).outputs, { id: "vpc-1" });
        });

        it("getBucket answers a bucket of the world in its Region, and takes any other to exist in the caller's", async function () {
            await create(b, T.bucket, "b", { bucket: "lookup-far", region: "eu-central-1" });
            const far = await a.invoke("aws:s3/getBucket:getBucket", { bucket: "lookup-far" });
            assert.equal(far.outputs?.["region"], "eu-central-1");
            assert.equal(far.outputs?.["arn"], "arn:aws:s3:::lookup-far");
            const other = await a.invoke("aws:s3/getBucket:getBucket", { bucket: "someone-elses" });
            assert.equal(other.outputs?.["region"], "eu-west-1");
            const role = await a.invoke("aws:iam/getRole:getRole", { name: "ops" });
            assert.equal(role.outputs?.["arn"], `arn:aws:iam::${A}:role/ops`);
        });

        it("STANDIN_AWS_RULES=off refuses nothing", async function () {
            process.env["STANDIN_AWS_RULES"] = "off";
            const lax = providerFor(A);
            await create(lax, T.bucket, "b", { bucket: "abc.-def", region: "eu-west-1" });
            const k = await key(lax, "k");
            await create(lax, T.keyPolicy, "p", { keyId: k["keyId"], policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:role/other` }, Action: "kms:*", Resource: "*" }) });
        });
    });
});
