// Differential testing of the pack's own IAM reasoning against the IAM policy engine the IAM tier uses as its oracle
// (@cloud-copilot/iam-simulate). A seeded generator builds bucket and key policy documents from realistic pieces and
// hostile variations (Statement as one object, Action/Resource as a string, action case and wildcards, NotAction /
// NotResource / NotPrincipal, every Principal form, `...IfExists`, key and value case, boolean values, Allow next to
// Deny). For each document the pack answers its question ("does the policy deny every request made without TLS?",
// "does it allow the public?", "does the key policy let everyone use the key?") and the engine answers the concrete
// requests that question is about. A pack "compliant" where the engine shows a violating request is a recall defect;
// a pack "violation" where no request violates is a precision defect. Deterministic and sampled: a failure names the
// seed and prints the document.
import * as assert from "assert";
import { anonymousPrincipal, runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateResourcePolicy } from "@cloud-copilot/iam-policy";
import { publicStatements } from "../../awsrules";
import { ExportResource } from "../../policypack/harness";
import { allows, withRoleSession } from "../../policypack/model/iam";
import { parsePolicy } from "../../policypack/model/policyDocument";
import { run } from "./support/run";
import { prng } from "./support/prng";
import { out, StackBuilder, T } from "./support/stackBuilder";

const ACCOUNT = "111111111111";
const OUTSIDER = "999999999999";
const PARTNER = "222222222222";
const REGION = "eu-west-1";
const BUCKET = "diff-data";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const OBJECT_ARN = `${BUCKET_ARN}/reports/2026.csv`;
// An object outside every prefix the generator writes, so a deny on `reports/*` alone shows as the gap it is.
const TOP_OBJECT_ARN = `${BUCKET_ARN}/top-level.bin`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/admin`;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Doc = { Version: string; Statement: Json };
type Rand = () => number;

function pick<T>(r: Rand, items: readonly T[]): T {
    return items[Math.floor(r() * items.length)];
}

/** A list of one, written as the bare value half the time (both are valid IAM). */
function oneOrList(r: Rand, values: Json[]): Json {
    return values.length === 1 && r() < 0.5 ? values[0] : values;
}

function document(r: Rand, statements: Json[]): Doc {
    return { Version: "2012-10-17", Statement: statements.length === 1 && r() < 0.4 ? statements[0] : statements };
}

// ---- the engine side --------------------------------------------------------------------------------------------

/** Who calls: a role session of the bucket's account, of an unrelated account, or nobody signed in. */
interface Caller {
    label: string;
    principal: string | typeof anonymousPrincipal;
    account?: string;
    roleArn?: string;
}

const INSIDER: Caller = { label: "own-account role", principal: `arn:aws:sts::${ACCOUNT}:assumed-role/app/s`, account: ACCOUNT, roleArn: `arn:aws:iam::${ACCOUNT}:role/app` };
const STRANGER: Caller = { label: "unrelated-account role", principal: `arn:aws:sts::${OUTSIDER}:assumed-role/app/s`, account: OUTSIDER, roleArn: `arn:aws:iam::${OUTSIDER}:role/app` };
const ANONYMOUS: Caller = { label: "anonymous", principal: anonymousPrincipal };
// The role a NotPrincipal Deny spares: its plain-HTTP requests are the ones such a statement leaves open.
// Trap (engine vs AWS's documentation), in the safe direction: the engine spares the role's sessions when the
// NotPrincipal names only the role, but AWS "might validate the account first, then the role, and then the assumed-role
// user" and advises naming the account and the session too ("IAM JSON policy elements: NotPrincipal"), so AWS may deny
// the session as well. Reading the role as spared, as the pack does, can only flag more, never pass a policy AWS
// leaves open.
const ADMIN: Caller = { label: "own-account admin role", principal: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/s`, account: ACCOUNT, roleArn: ADMIN_ROLE };
// An AWS service principal calling for a resource of its own: it signs, but no account of the customer's is its
// account, so kms:CallerAccount and aws:PrincipalAccount are not in its request ("AWS global condition context keys").
const SERVICE: Caller = { label: "AWS service principal", principal: "cloudtrail.amazonaws.com" };

type Outcome = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** One request, the caller's own identity policy allowing every S3 and KMS action (so the resource policy decides). */
async function engine(doc: Doc, caller: Caller, action: string, resource: string, resourceAccount: string, context: Record<string, string>): Promise<Outcome> {
    const keys: Record<string, string> = { ...context };
    if (caller.account !== undefined && caller.roleArn !== undefined) {
        keys["aws:PrincipalAccount"] = caller.account;
        keys["aws:PrincipalArn"] = caller.roleArn;
        keys["aws:PrincipalType"] = "AssumedRole";
        if (action.startsWith("kms:")) {
            keys["kms:CallerAccount"] = caller.account;
        }
    }
    const simulation: Simulation = {
        request: { principal: caller.principal, action, resource: { resource, accountId: resourceAccount }, contextVariables: keys },
        identityPolicies: caller.account === undefined ? [] : [{ name: "caller", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*", "kms:*"], Resource: "*" }] } }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: createValidatedPolicy(doc, validateResourcePolicy, { name: "under test" }),
    };
    const res = await runSimulation(simulation, {});
    if (res.resultType !== "single") {
        throw new Error(`engine rejected ${action} on ${resource}: ${JSON.stringify(res.resultType === "error" ? res.errors : res.resultType)}\n${JSON.stringify(doc)}`);
    }
    // A context key the engine drops silently would decide the comparison by accident (reference notes, L6).
    assert.deepStrictEqual(res.result.ignoredContextKeys ?? [], [], `ignored context keys for ${action}`);
    return res.overallResult;
}

function s3Context(secure: boolean): Record<string, string> {
    // A caller on the internet: an address outside every private range the generator pins to, and no VPC endpoint.
    return { "aws:SecureTransport": String(secure), "aws:SourceIp": "203.0.113.9", ...(secure ? { "s3:TlsVersion": "1.2" } : {}) };
}

// ---- the pack side ----------------------------------------------------------------------------------------------

// The upload question in the "strict" mode (AWS's DenyUnEncryptedObjectUploads: the algorithm header is required), the
// key-id deny left out: the generated documents speak of the algorithm only.
const STRICT = { "s3-bucket-policy-require-sse-kms": { mode: "strict", requireKeyCondition: false } };

async function packViolations(resources: ExportResource[], policyName: string): Promise<boolean> {
    const vs = await run(resources, { config: STRICT });
    return vs.some((v) => v.policyName === policyName);
}

function bucketPolicyStack(doc: Doc): ExportResource[] {
    const b = new StackBuilder();
    b.add(T.bucketPolicy, "policy", { bucket: BUCKET, policy: JSON.stringify(doc) });
    return b.build();
}

/** A declared bucket and its policy (the upload question is asked of the stack's own buckets). */
function declaredBucketStack(doc: Doc): ExportResource[] {
    const b = new StackBuilder();
    const bucket = b.add(T.bucket, "data", { bucket: BUCKET });
    b.add(T.bucketPolicy, "policy", { bucket: out(bucket, "bucket"), policy: JSON.stringify(doc) });
    return b.build();
}

function keyStack(doc: Doc): ExportResource[] {
    const b = new StackBuilder();
    b.add(T.key, "key", { description: "diff", enableKeyRotation: true, deletionWindowInDays: 30, policy: JSON.stringify(doc) });
    return b.build();
}

// ---- generators -------------------------------------------------------------------------------------------------

const EVERYONE: Json[] = ["*", { AWS: "*" }, { AWS: ["*"] }];

/** Deny principals: everyone in its forms, or only the own account (which leaves outsiders and anonymous callers). */
function denyPrincipal(r: Rand): Record<string, Json> {
    const roll = r();
    if (roll < 0.75) {
        return { Principal: pick(r, EVERYONE) };
    }
    if (roll < 0.82) {
        return { Principal: { AWS: pick(r, [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT]) } };
    }
    // The role a NotPrincipal Deny spares, named in a Deny of its own: together they deny everyone.
    if (roll < 0.88) {
        return { Principal: { AWS: ADMIN_ROLE } };
    }
    return { NotPrincipal: { AWS: ADMIN_ROLE } };
}

function tlsActions(r: Rand): Record<string, Json> {
    return pick(r, [
        () => ({ Action: oneOrList(r, ["s3:*"]) }),
        () => ({ Action: "S3:*" }),
        () => ({ Action: "*" }),
        () => ({ Action: ["s3:Get*", "s3:Put*", "s3:List*", "s3:Delete*"] }),
        () => ({ Action: ["s3:*Object", "s3:ListBucket"] }),
        () => ({ Action: ["s3:Get*", "s3:Put*", "s3:List*", "s3:Delete*", "s3:*Object"] }),
        () => ({ Action: "s3:Get*" }),
        () => ({ NotAction: oneOrList(r, ["iam:*"]) }),
        () => ({ NotAction: "s3:GetObject" }),
    ])();
}

function tlsResources(r: Rand): Record<string, Json> {
    return pick(r, [
        () => ({ Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`] }),
        () => ({ Resource: `${BUCKET_ARN}/*` }),
        () => ({ Resource: "*" }),
        () => ({ Resource: "arn:aws:s3:::*" }),
        () => ({ Resource: [`${BUCKET_ARN}*`] }),
        () => ({ NotResource: "arn:aws:s3:::other-bucket/*" }),
    ])();
}

function tlsCondition(r: Rand): Json {
    const key = pick(r, ["aws:SecureTransport", "aws:securetransport", "AWS:SecureTransport"]);
    const value: Json = pick(r, ["false", false, "False", ["false"]] as Json[]);
    const base = pick(r, [
        () => ({ Bool: { [key]: value } }),
        () => ({ BoolIfExists: { [key]: value } }),
        () => ({ Bool: { [key]: "true" } }),
        () => ({ Bool: { [key]: value }, StringNotEquals: { "aws:PrincipalAccount": ACCOUNT } }),
        () => ({ NumericLessThan: { "s3:TlsVersion": "1.2" } }),
        () => ({ Bool: { [key]: ["false", "true"] } }),
        () => ({ Bool: { [key]: "FALSE" } }),
        () => ({ "ForAnyValue:Bool": { [key]: "false" } }),
        // A string operator on the Boolean key: IAM compares the context's `false` as text, so these deny plain HTTP
        // (and `"False"` does not: the comparison is case-sensitive); the pack reads them as IAM evaluates them.
        () => ({ StringEquals: { [key]: "false" } }),
        () => ({ StringNotEquals: { [key]: "true" } }),
    ])() as Json;
    return base;
}

function tlsDocument(r: Rand): Doc {
    const statements: Json[] = [];
    if (r() < 0.5) {
        statements.push({ Sid: "Readers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ["s3:GetObject", "s3:ListBucket"], Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`] });
    }
    const deny = (): Json => {
        const condition = tlsCondition(r);
        return { Sid: `Tls${statements.length}`, Effect: "Deny", ...denyPrincipal(r), ...tlsActions(r), ...tlsResources(r), Condition: condition };
    };
    if (r() < 0.2) {
        // A Deny with NotPrincipal next to one for the role it spares (by name, or its account), as IAM reads them:
        // everyone is denied when the second covers what the first does for that role.
        const insecure: Json = { Bool: { "aws:SecureTransport": "false" } };
        statements.push(
            { Sid: "TlsAllButAdmin", Effect: "Deny", NotPrincipal: { AWS: ADMIN_ROLE }, Action: "s3:*", Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`], Condition: insecure },
            { Sid: "TlsAdmin", Effect: "Deny", Principal: { AWS: pick(r, [ADMIN_ROLE, `arn:aws:iam::${ACCOUNT}:root`, ACCOUNT, `arn:aws:iam::${PARTNER}:root`]) }, ...tlsActions(r), ...tlsResources(r), Condition: insecure },
        );
    } else {
        statements.push(deny());
        if (r() < 0.3) {
            statements.push(deny());
        }
    }
    return document(r, statements);
}

// The pack samples these; the engine is asked about more, so a deny that covers the samples but not S3 as a whole shows.
const TLS_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:PutObjectAcl", "s3:RestoreObject", "s3:AbortMultipartUpload", "s3:UpdateObjectEncryption", "s3:ObjectOwnerOverrideToBucketOwner"];
const TLS_BUCKET_ACTIONS = ["s3:ListBucket", "s3:PutBucketPolicy", "s3:DeleteBucket", "s3:GetBucketPolicy", "s3:PutBucketAcl", "s3:PutLifecycleConfiguration", "s3:UntagResource"];

/** The first request made without TLS that the policy doesn't explicitly deny, if any. */
async function insecureRequestLeftOpen(doc: Doc): Promise<string | undefined> {
    for (const caller of [INSIDER, ADMIN, STRANGER, ANONYMOUS]) {
        for (const [actions, resource] of [[TLS_OBJECT_ACTIONS, OBJECT_ARN], [TLS_BUCKET_ACTIONS, BUCKET_ARN]] as const) {
            for (const action of actions) {
                const outcome = await engine(doc, caller, action, resource, ACCOUNT, s3Context(false));
                if (outcome !== "ExplicitlyDenied") {
                    return `${caller.label} ${action} on ${resource} over plain HTTP: ${outcome}`;
                }
            }
        }
    }
    return undefined;
}

function publicPrincipal(r: Rand): Record<string, Json> {
    const roll = r();
    if (roll < 0.6) {
        return { Principal: pick(r, EVERYONE) };
    }
    if (roll < 0.7) {
        return { NotPrincipal: { AWS: `arn:aws:iam::${PARTNER}:root` } };
    }
    return { Principal: { AWS: pick(r, [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT, `arn:aws:iam::${PARTNER}:role/reader`]) } };
}

/** Marks a generated statement S3's own meaning of public calls public whatever the engine says (stripped before use). */
const S3_DEEMS_PUBLIC = "__s3DeemsPublic";

function publicCondition(r: Rand): Record<string, Json> {
    return pick(r, [
        () => ({}),
        () => ({ Condition: { Bool: { "aws:SecureTransport": "true" } } }),
        () => ({ Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } }),
        () => ({ Condition: { StringEquals: { "aws:principalaccount": [ACCOUNT, PARTNER] } } }),
        () => ({ Condition: { StringEqualsIfExists: { "aws:PrincipalAccount": ACCOUNT } } }),
        () => ({ Condition: { "ForAnyValue:StringEquals": { "aws:PrincipalAccount": ACCOUNT } } }),
        () => ({ Condition: { "ForAllValues:StringEquals": { "aws:PrincipalAccount": ACCOUNT } } }),
        () => ({ Condition: { StringNotEquals: { "aws:PrincipalAccount": PARTNER } } }),
        // Trap (engine vs S3's definition): S3 calls a wildcard value of a restricting key public ("Blocking public
        // access to your Amazon S3 storage", The meaning of "public": fixed values only), so BlockPublicPolicy refuses
        // this policy, though the engine (rightly, for access) lets no outsider in. The pack must follow S3 here.
        () => ({ Condition: { StringLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } }, [S3_DEEMS_PUBLIC]: true }),
        () => ({ Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/app` } } }),
        () => ({ Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/app" } } }),
        () => ({ Condition: { Bool: { "aws:SecureTransport": true } } }),
        () => ({ Condition: { IpAddress: { "aws:SourceIp": oneOrList(r, ["10.0.0.0/8"]) } } }),
        // The whole IPv4 internet as two halves: the engine matches nothing with a /0 CIDR (trap, tested below).
        () => ({ Condition: { IpAddress: { "aws:sourceip": ["0.0.0.0/1", "128.0.0.0/1"] } } }),
        () => ({ Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }),
        () => ({ Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }),
        () => ({ Condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }),
        () => ({ Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }),
    ])();
}

function publicActions(r: Rand): Record<string, Json> {
    return pick(r, [
        () => ({ Action: oneOrList(r, ["s3:GetObject"]) }),
        () => ({ Action: "S3:getobject" }),
        () => ({ Action: "s3:Get*" }),
        () => ({ Action: "*" }),
        () => ({ Action: ["s3:ListBucket", "s3:PutObject"] }),
        () => ({ NotAction: "s3:DeleteObject" }),
    ])();
}

/** Grants S3's meaning of public calls public though the engine lets no outsider in (see S3_DEEMS_PUBLIC). */
const deemedPublicDocs = new WeakSet<object>();

const ORG = "o-a1b2c3d4e5";

/**
 * A Deny next to the Allow: S3 judges what the whole policy grants ("Blocking public access to your Amazon S3
 * storage", The meaning of "public": a policy is non-public when it grants access "only to fixed values" of the keys
 * listed there), so a Deny for everyone outside one organization, account, endpoint, role or /8 makes an open Allow
 * non-public; one that leaves any request outside them (a set operator false on an absent key, another condition
 * ANDed in, a Deny for the own account only, a narrower scope) doesn't. A wildcard value is public for S3 even where
 * it lets no outsider in (S3_DEEMS_PUBLIC, as for an Allow's own condition).
 */
function publicDeny(r: Rand, grant: Record<string, Json>): Record<string, Json> {
    const restricting = pick(r, [
        () => ({ Principal: "*", Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } } }),
        () => ({ Principal: { AWS: "*" }, Condition: { StringNotEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }),
        () => ({ Principal: "*", Condition: { StringNotEquals: { "aws:principalaccount": ACCOUNT } } }),
        () => ({ Principal: "*", Condition: { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/app` } } }),
        () => ({ Principal: "*", Condition: { "ForAllValues:StringNotEquals": { "aws:PrincipalOrgID": ORG } } }),
        () => ({ Principal: "*", Condition: { "ForAnyValue:StringNotEquals": { "aws:PrincipalOrgID": ORG } } }),
        () => ({ Principal: "*", Condition: { StringNotLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } }, [S3_DEEMS_PUBLIC]: true }),
        () => ({ Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        () => ({ Principal: "*", Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG }, Bool: { "aws:SecureTransport": "false" } } }),
        () => ({ Principal: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }),
        () => ({ Principal: "*", Condition: { NotIpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } } }),
        () => ({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalAccount": OUTSIDER } } }),
        () => ({ Principal: "*" }),
        () => ({ NotPrincipal: { AWS: `arn:aws:iam::${PARTNER}:role/reader` } }),
        () => ({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } } }),
    ])() as Record<string, Json>;
    const action = grant["Action"] !== undefined && r() < 0.3 ? grant["Action"] : pick(r, ["s3:*", "*", "S3:*", "s3:GetObject"] as Json[]);
    const resource = r() < 0.3 ? grant["Resource"] : pick(r, ["*", "arn:aws:s3:::*", [BUCKET_ARN, `${BUCKET_ARN}/*`], `${BUCKET_ARN}/reports/*`] as Json[]);
    return { Sid: "OnlyInside", Effect: "Deny", ...restricting, Action: action, Resource: resource };
}

function publicDocument(r: Rand): Doc {
    const withDeny = r() < 0.4;
    // Next to a Deny, the Allow's own condition pins nothing, so the Deny alone decides S3's answer.
    const condition: Record<string, Json> = withDeny ? pick(r, [{}, { Condition: { Bool: { "aws:SecureTransport": "true" } } }] as Record<string, Json>[]) : publicCondition(r);
    const statements: Json[] = [
        { Sid: "Grant", Effect: "Allow", ...publicPrincipal(r), ...publicActions(r), Resource: pick(r, [[BUCKET_ARN, `${BUCKET_ARN}/*`], `${BUCKET_ARN}/*`, "*"] as Json[]), ...condition },
    ];
    const grant = statements[0] as Record<string, Json>;
    let deemedPublic = grant[S3_DEEMS_PUBLIC] === true;
    delete grant[S3_DEEMS_PUBLIC];
    if (withDeny) {
        const deny = publicDeny(r, grant);
        deemedPublic = deny[S3_DEEMS_PUBLIC] === true;
        delete deny[S3_DEEMS_PUBLIC];
        statements.push(deny);
    }
    // Only a grant to everyone is judged by the meaning of public; one naming an account or role is not public.
    if (deemedPublic && (grant["NotPrincipal"] !== undefined || EVERYONE.some((e) => JSON.stringify(e) === JSON.stringify(grant["Principal"])))) {
        deemedPublicDocs.add(grant);
    }
    if (r() < 0.3) {
        statements.push({ Sid: "Tls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } });
    }
    return document(r, statements);
}

// The top-level object too: a Deny on `reports/*` alone leaves it open.
const PUBLIC_ACTIONS: readonly [string, string][] = [["s3:GetObject", OBJECT_ARN], ["s3:GetObject", TOP_OBJECT_ARN], ["s3:PutObject", OBJECT_ARN], ["s3:ListBucket", BUCKET_ARN], ["s3:GetObjectAcl", OBJECT_ARN]];

/** The first request by someone outside the account (signed in elsewhere, or anonymous) the policy allows. */
async function publicRequestAllowed(doc: Doc): Promise<string | undefined> {
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    if (statements.some((s) => s !== null && typeof s === "object" && deemedPublicDocs.has(s))) {
        return "S3's meaning of public (a wildcard value of a restricting key)";
    }
    for (const caller of [STRANGER, ANONYMOUS]) {
        for (const [action, resource] of PUBLIC_ACTIONS) {
            if ((await engine(doc, caller, action, resource, ACCOUNT, s3Context(true))) === "Allowed") {
                return `${caller.label} ${action} on ${resource}`;
            }
        }
    }
    return undefined;
}

const SSE = "s3:x-amz-server-side-encryption";

function uploadCondition(r: Rand): Json {
    const key = pick(r, [SSE, "S3:X-Amz-Server-Side-Encryption"]);
    return pick(r, [
        () => ({ StringNotEquals: { [key]: oneOrList(r, ["aws:kms"]) } }),
        () => ({ StringNotEquals: { [key]: ["aws:kms", "aws:kms:dsse"] } }),
        () => ({ StringNotEqualsIfExists: { [key]: "aws:kms" } }),
        () => ({ StringNotLike: { [key]: "aws:kms*" } }),
        () => ({ StringNotEqualsIgnoreCase: { [key]: "AWS:KMS" } }),
        () => ({ StringNotEquals: { [key]: "aws:kms" }, Null: { [key]: "false" } }),
        () => ({ Null: { [key]: pick(r, ["true", true] as Json[]) } }),
        () => ({ StringEquals: { [key]: "AES256" } }),
        () => ({ "ForAnyValue:StringNotEquals": { [key]: "aws:kms" } }),
        () => ({ StringNotEquals: { [key]: "aws:kms", "aws:PrincipalAccount": OUTSIDER } }),
    ])() as Json;
}

function uploadDocument(r: Rand): Doc {
    const statements: Json[] = [];
    const count = r() < 0.35 ? 2 : 1;
    for (let i = 0; i < count; i++) {
        statements.push({
            Sid: `Upload${i}`, Effect: "Deny", ...denyPrincipal(r),
            Action: pick(r, ["s3:PutObject", ["s3:PutObject"], "S3:putobject", "s3:Put*", "s3:*"] as Json[]),
            Resource: pick(r, [`${BUCKET_ARN}/*`, [`${BUCKET_ARN}/*`], "*", `${BUCKET_ARN}/reports/*`] as Json[]),
            Condition: uploadCondition(r),
        });
    }
    return document(r, statements);
}

/** The first upload with no algorithm header or a non-KMS one that the policy doesn't explicitly deny, if any. */
async function plainUploadAllowed(doc: Doc): Promise<string | undefined> {
    for (const caller of [INSIDER, ADMIN, STRANGER]) {
        for (const algorithm of [undefined, "AES256"]) {
            for (const object of [OBJECT_ARN, TOP_OBJECT_ARN]) {
                const context = { ...s3Context(true), ...(algorithm === undefined ? {} : { [SSE]: algorithm }) };
                const outcome = await engine(doc, caller, "s3:PutObject", object, ACCOUNT, context);
                if (outcome !== "ExplicitlyDenied") {
                    return `${caller.label} s3:PutObject of ${object} with ${algorithm ?? "no algorithm header"}: ${outcome}`;
                }
            }
        }
    }
    return undefined;
}

function keyDocument(r: Rand): Doc {
    const statements: Json[] = [
        { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "Admins", Effect: "Allow", Principal: { AWS: ADMIN_ROLE }, Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], Resource: "*" },
    ];
    const principal = r() < 0.7 ? { Principal: pick(r, EVERYONE) } : { Principal: { AWS: pick(r, [`arn:aws:iam::${PARTNER}:root`, ACCOUNT]) } };
    const action = pick(r, [["kms:Decrypt", "kms:GenerateDataKey*"], "kms:*", "KMS:Decrypt", "kms:Decrypt", "*"] as Json[]);
    const condition = pick(r, [
        () => ({}),
        () => ({ Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } }),
        () => ({ Condition: { StringEquals: { "kms:calleraccount": ACCOUNT, "kms:ViaService": `s3.${REGION}.amazonaws.com` } } }),
        () => ({ Condition: { StringEqualsIfExists: { "kms:CallerAccount": ACCOUNT } } }),
        () => ({ Condition: { StringNotEquals: { "kms:CallerAccount": PARTNER } } }),
        () => ({ Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } }),
        () => ({ Condition: { Bool: { "aws:SecureTransport": "true" } } }),
    ])();
    statements.push({ Sid: "Use", Effect: "Allow", ...principal, Action: action, Resource: "*", ...condition });
    return document(r, statements);
}

/** The first use of the key by a role of an unrelated account that the key policy allows (through S3 or directly). */
async function strangerMayUseKey(doc: Doc): Promise<string | undefined> {
    for (const caller of [STRANGER, SERVICE]) {
        for (const viaS3 of [false, true]) {
            const context: Record<string, string> = { "aws:SecureTransport": "true", ...(viaS3 ? { "kms:ViaService": `s3.${REGION}.amazonaws.com` } : {}) };
            if ((await engine(doc, caller, "kms:Decrypt", KEY_ARN, ACCOUNT, context)) === "Allowed") {
                return `${caller.label} kms:Decrypt ${viaS3 ? "through S3" : "directly"}`;
            }
        }
    }
    return undefined;
}

// ---- the comparison ---------------------------------------------------------------------------------------------

interface Question {
    name: string;
    policy: string;
    seeds: number;
    generate: (r: Rand) => Doc;
    stack: (doc: Doc) => ExportResource[];
    /** The engine's witness of a violating request, or undefined when none of the sampled requests violates. */
    witness: (doc: Doc) => Promise<string | undefined>;
    /** The deploy-time stand-in's answer to the same question, where it has one (it must agree with the pack). */
    standIn?: (doc: Doc) => boolean;
}

const QUESTIONS: Question[] = [
    { name: "every request without TLS is denied", policy: "s3-bucket-policy-deny-insecure-transport", seeds: 200, generate: tlsDocument, stack: bucketPolicyStack, witness: insecureRequestLeftOpen },
    { name: "no one outside the account is allowed", policy: "s3-bucket-policy-no-public-allow", seeds: 250, generate: publicDocument, stack: bucketPolicyStack, witness: publicRequestAllowed, standIn: (doc) => publicStatements(doc).length > 0 },
    { name: "every upload without SSE-KMS is denied (strict mode)", policy: "s3-bucket-policy-require-sse-kms", seeds: 150, generate: uploadDocument, stack: declaredBucketStack, witness: plainUploadAllowed },
    { name: "no one outside the account may use the key", policy: "kms-key-policy-no-public-principal", seeds: 100, generate: keyDocument, stack: keyStack, witness: strangerMayUseKey },
];

describe("policy pack: its IAM reasoning against the IAM policy engine (differential)", function () {
    this.timeout(60000);
    for (const q of QUESTIONS) {
        it(`${q.policy}: "${q.name}" agrees with the engine on ${q.seeds} generated documents`, async () => {
            const disagreements: string[] = [];
            let violating = 0;
            for (let seed = 1; seed <= q.seeds; seed++) {
                const doc = q.generate(prng(seed * 7919 + q.policy.length));
                const packFlags = await packViolations(q.stack(doc), q.policy);
                const witness = await q.witness(doc);
                if (q.standIn !== undefined && q.standIn(doc) !== packFlags) {
                    disagreements.push(`seed ${seed}: the stand-in's BlockPublicPolicy ${packFlags ? "accepts" : "refuses"} what the pack ${packFlags ? "flags" : "passes"}\n  ${JSON.stringify(doc)}`);
                }
                violating += witness === undefined ? 0 : 1;
                if (!packFlags && witness !== undefined) {
                    disagreements.push(`seed ${seed}: recall, the pack passes it but the engine shows ${witness}\n  ${JSON.stringify(doc)}`);
                } else if (packFlags && witness === undefined) {
                    disagreements.push(`seed ${seed}: precision, the pack flags it but no sampled request violates\n  ${JSON.stringify(doc)}`);
                }
            }
            // The generator must exercise both sides, or agreement would prove nothing.
            assert.ok(violating > 0 && violating < q.seeds, `generator gave ${violating} violating documents of ${q.seeds}`);
            assert.ok(disagreements.length === 0, `${disagreements.length} disagreements:\n${disagreements.join("\n")}`);
        });
    }
});

// ---- the pack's `allows` on key policies, request by request ------------------------------------------------------
// The question behind kms-key-policy-deployer-access and the lockout check ("may this role still manage the key?"):
// the pack's three-valued `allows` against the engine, for a role of the key's account whose own policy allows kms:*.

const ROLES = [`arn:aws:iam::${ACCOUNT}:role/platform/deployer`, ADMIN_ROLE, `arn:aws:iam::${ACCOUNT}:role/app`];
const KEY_ACTIONS = ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:Decrypt", "kms:CreateGrant", "kms:DescribeKey"];

function keyPrincipal(r: Rand): Record<string, Json> {
    return pick(r, [
        () => ({ Principal: pick(r, EVERYONE) }),
        () => ({ Principal: { AWS: pick(r, [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT]) } }),
        () => ({ Principal: { AWS: oneOrList(r, [pick(r, ROLES)]) } }),
        () => ({ Principal: { AWS: [ROLES[0], ROLES[1]] } }),
        () => ({ NotPrincipal: { AWS: pick(r, ROLES) } }),
    ])();
}

function keyActions(r: Rand): Record<string, Json> {
    return pick(r, [
        () => ({ Action: oneOrList(r, ["kms:*"]) }),
        () => ({ Action: "KMS:PutKeyPolicy" }),
        () => ({ Action: ["kms:Put*", "kms:Schedule*"] }),
        () => ({ Action: "kms:*Key*" }),
        () => ({ Action: ["kms:Decrypt", "kms:GenerateDataKey*"] }),
        () => ({ Action: "*" }),
        () => ({ NotAction: oneOrList(r, ["kms:Decrypt"]) }),
        () => ({ NotAction: ["kms:Put*", "kms:ScheduleKeyDeletion"] }),
    ])();
}

function keyCondition(r: Rand): Record<string, Json> {
    const arnKey = pick(r, ["aws:PrincipalArn", "aws:principalarn", "AWS:PrincipalARN"]);
    const accountKey = pick(r, ["kms:CallerAccount", "aws:PrincipalAccount", "KMS:calleraccount"]);
    return pick(r, [
        () => ({}),
        () => ({}),
        () => ({ Condition: { ArnLike: { [arnKey]: `arn:aws:iam::${ACCOUNT}:role/platform/*` } } }),
        () => ({ Condition: { ArnNotEquals: { [arnKey]: oneOrList(r, [pick(r, ROLES)]) } } }),
        () => ({ Condition: { StringNotLike: { [arnKey]: [ROLES[0], ROLES[1]] } } }),
        () => ({ Condition: { StringEquals: { [arnKey]: ROLES[0].toUpperCase() } } }),
        () => ({ Condition: { StringEqualsIgnoreCase: { [arnKey]: ROLES[0].toUpperCase() } } }),
        () => ({ Condition: { StringNotEqualsIfExists: { [accountKey]: ACCOUNT } } }),
        () => ({ Condition: { StringEquals: { [accountKey]: oneOrList(r, [ACCOUNT]) } } }),
        () => ({ Condition: { StringNotEquals: { [accountKey]: OUTSIDER } } }),
        () => ({ Condition: { "ForAnyValue:StringLike": { [arnKey]: `arn:aws:iam::${ACCOUNT}:role/*` } } }),
        () => ({ Condition: { "ForAllValues:StringNotEquals": { [arnKey]: ROLES[2] } } }),
        () => ({ Condition: { Null: { [arnKey]: pick(r, ["false", "true", false] as Json[]) } } }),
        () => ({ Condition: { ArnLike: { [arnKey]: "arn:aws:iam::*" } } }),
    ])();
}

function managementKeyPolicy(r: Rand): Doc {
    const statements: Json[] = [];
    const count = 1 + Math.floor(r() * 3);
    for (let i = 0; i < count; i++) {
        statements.push({ Sid: `S${i}`, Effect: r() < 0.65 ? "Allow" : "Deny", ...keyPrincipal(r), ...keyActions(r), Resource: "*", ...keyCondition(r) });
    }
    return document(r, statements);
}

describe("policy pack: `allows` on key policies against the IAM policy engine (differential)", function () {
    this.timeout(60000);
    it("agrees, request by request, on 200 generated key policies", async () => {
        const disagreements: string[] = [];
        const seen = { allowed: 0, denied: 0, unknown: 0 };
        for (let seed = 1; seed <= 200; seed++) {
            const doc = managementKeyPolicy(prng(seed * 104729));
            const statements = parsePolicy(JSON.stringify(doc));
            assert.ok(Array.isArray(statements), `seed ${seed}: the pack could not parse ${JSON.stringify(doc)}`);
            for (const role of ROLES) {
                const caller: Caller = { label: role, principal: role.replace(":iam::", ":sts::").replace(/:role\/(?:.*\/)?([^/]+)$/, ":assumed-role/$1/s"), account: ACCOUNT, roleArn: role };
                for (const action of KEY_ACTIONS) {
                    const pack = allows(statements, action, "*", { arn: role, account: ACCOUNT, referencedByDocument: false }, withRoleSession(new Map(), role, ACCOUNT));
                    const outcome = await engine(doc, caller, action, KEY_ARN, ACCOUNT, { "aws:SecureTransport": "true" });
                    if (pack === true) {
                        seen.allowed++;
                    } else if (pack === false) {
                        seen.denied++;
                    } else {
                        seen.unknown++;
                    }
                    // Every value here is known: the pack must decide, and decide as the engine does.
                    if (pack !== (outcome === "Allowed")) {
                        disagreements.push(`seed ${seed}: ${role} ${action}: pack ${String(pack)}, engine ${outcome}\n  ${JSON.stringify(doc)}`);
                        break;
                    }
                }
            }
        }
        assert.ok(seen.allowed > 0 && seen.denied > 0, `generator exercised ${JSON.stringify(seen)}`);
        assert.ok(disagreements.length === 0, `${disagreements.length} disagreements:\n${disagreements.slice(0, 12).join("\n")}`);
    });
});

describe("IAM policy engine traps met by the differential", () => {
    // AWS: IP address condition operators take CIDR blocks (RFC 4632) ("IAM JSON policy elements: Condition operators",
    // IP address condition operators), and 0.0.0.0/0 is every IPv4 address. The engine matches no address with a /0
    // block, so the generator writes the internet as two /1 halves. If this test fails, the engine was fixed: the
    // generator may use /0 again.
    it("the engine reads IpAddress aws:SourceIp 0.0.0.0/0 as matching nothing (AWS: everything)", async () => {
        const doc: Doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*`, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } }] };
        const halves: Doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*`, Condition: { IpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } } }] };
        assert.strictEqual(await engine(doc, ANONYMOUS, "s3:GetObject", OBJECT_ARN, ACCOUNT, s3Context(true)), "ImplicitlyDenied");
        assert.strictEqual(await engine(halves, ANONYMOUS, "s3:GetObject", OBJECT_ARN, ACCOUNT, s3Context(true)), "Allowed");
    });
});
