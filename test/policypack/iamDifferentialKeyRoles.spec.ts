// Differential test of kms-key-policy-admin-separation against the IAM policy engine (@cloud-copilot/iam-simulate).
// A seeded generator writes key policies from the pieces users write (the account root, key administrators with the
// default key policy's list or kms:* / kms:Create* / kms:Delete* wildcards, key users with and without conditions,
// service users with the kms:GrantIsForAWSResource grant statement, NotAction, Allows to everyone, Deny statements
// naming a principal, everyone or the account). For every principal the document names, the engine is asked every
// KMS management action and every cryptographic operation, directly and through S3; the pack's per-principal answer
// (policies/keyRoleFacts.ts) and the policy's verdict must agree with it.
//
// What the engine is asked is the policy's scope, not a copy of the pack's reasoning: the caller has no identity
// policy, so the account-root delegation grants nothing (the policy exempts it), and Allows to everyone are taken out
// of the document (kms-key-policy-no-public-principal judges those). Grant actions are asked for a grant that is not
// for an AWS resource (kms:GrantIsForAWSResource false): the default key policy gives key users the other kind.
import * as assert from "assert";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateResourcePolicy } from "@cloud-copilot/iam-policy";
import { ExportResource } from "../../policypack/harness";
import { parsePolicy } from "../../policypack/model/policyDocument";
import { cryptoActionsFor, KEY_MANAGEMENT_ACTIONS, keyRoles } from "../../policypack/policies/keyRoleFacts";
import { run } from "./support/run";
import { prng } from "./support/prng";
import { StackBuilder, T } from "./support/stackBuilder";

const ACCOUNT = "111111111111";
const PARTNER = "222222222222";
const REGION = "eu-west-1";
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/key-admin`;
const APP = `arn:aws:iam::${ACCOUNT}:role/app`;
const SERVICE_USER = `arn:aws:iam::${ACCOUNT}:role/ebs-user`;
const OPS = `arn:aws:iam::${ACCOUNT}:user/ops`;
const READER = `arn:aws:iam::${PARTNER}:role/reader`;
const PRINCIPALS = [ADMIN, APP, SERVICE_USER, OPS, READER];
const POLICY = "kms-key-policy-admin-separation";
const S3_VIA = `s3.${REGION}.amazonaws.com`;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Doc = { Version: string; Statement: Json[] };
type Rand = () => number;

function pick<T>(r: Rand, items: readonly T[]): T {
    return items[Math.floor(r() * items.length)];
}

// ---- generator --------------------------------------------------------------------------------------------------

/** AWS KMS Developer Guide, "Default key policy": the key administrators' actions. */
const DEFAULT_ADMIN_ACTIONS = ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"];
/** The same page: the key users' actions. */
const DEFAULT_USER_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
const ALL_CRYPTO = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Sign", "kms:Verify", "kms:GenerateMac", "kms:VerifyMac", "kms:DeriveSharedSecret"];

function named(r: Rand, pool: readonly string[] = PRINCIPALS): Json {
    const first = pick(r, pool);
    if (r() < 0.25) {
        const second = pick(r, pool);
        return { AWS: second === first ? [first] : [first, second] };
    }
    return { AWS: r() < 0.5 ? first : [first] };
}

function adminStatement(r: Rand, i: number): Json {
    const action = pick(r, [
        () => ({ Action: DEFAULT_ADMIN_ACTIONS }),
        () => ({ Action: "kms:*" }),
        () => ({ Action: "KMS:*" }),
        () => ({ Action: "kms:Create*" }),
        () => ({ Action: ["kms:Put*", "kms:ScheduleKeyDeletion"] }),
        () => ({ Action: ["kms:Describe*", "kms:Get*", "kms:List*"] }),
        () => ({ Action: "kms:Delete*" }),
        () => ({ Action: "kms:*Key*" }),
        () => ({ Action: ["kms:TagResource", "kms:UntagResource"] }),
        () => ({ Action: "*" }),
        () => ({ NotAction: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"] }),
    ])();
    return { Sid: `Admin${i}`, Effect: "Allow", Principal: named(r, [ADMIN, ADMIN, OPS, APP]), ...action, Resource: "*" };
}

function userCondition(r: Rand): Record<string, Json> {
    return pick(r, [
        () => ({}),
        () => ({}),
        () => ({ Condition: { StringEquals: { "kms:ViaService": S3_VIA, "kms:CallerAccount": ACCOUNT } } }),
        () => ({ Condition: { StringEquals: { "kms:CallerAccount": pick(r, [ACCOUNT, PARTNER]) } } }),
        () => ({ Condition: { ArnEquals: { "aws:PrincipalArn": APP } } }),
        () => ({ Condition: { ArnNotLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/key-*` } } }),
        () => ({ Condition: { StringNotEquals: { "aws:PrincipalAccount": ACCOUNT } } }),
        () => ({ Condition: { Bool: { "aws:SecureTransport": "true" } } }),
    ])();
}

function userStatement(r: Rand, i: number): Json {
    const action = pick(r, [
        () => ({ Action: DEFAULT_USER_ACTIONS }),
        () => ({ Action: "kms:Decrypt" }),
        () => ({ Action: "kms:GenerateDataKey*" }),
        () => ({ Action: ["kms:ReEncrypt*"] }),
        () => ({ Action: "kms:Sign" }),
        () => ({ Action: "kms:DescribeKey" }),
        () => ({ NotAction: "kms:Decrypt" }),
        () => ({ Action: ["kms:Decrypt", "kms:CreateGrant"] }),
    ])();
    return { Sid: `Use${i}`, Effect: "Allow", Principal: named(r, [APP, APP, SERVICE_USER, ADMIN, READER, OPS]), ...action, Resource: "*", ...userCondition(r) };
}

function serviceUserStatement(r: Rand, i: number): Json {
    const condition = pick(r, [
        () => ({ Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } }),
        () => ({ Condition: { Bool: { "kms:GrantIsForAWSResource": true } } }),
        () => ({}),
    ])();
    return { Sid: `Grants${i}`, Effect: "Allow", Principal: named(r, [SERVICE_USER, APP, ADMIN]), Action: pick(r, [["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "kms:CreateGrant", "kms:RevokeGrant"] as Json[]), Resource: "*", ...condition };
}

function denyStatement(r: Rand, i: number): Json {
    const who = pick(r, [
        () => ({ Principal: named(r, [ADMIN, OPS, APP]) }),
        () => ({ Principal: "*", Condition: { ArnEquals: { "aws:PrincipalArn": pick(r, [ADMIN, OPS]) } } }),
        () => ({ Principal: "*", Condition: { StringLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/key-*` } } }),
        () => ({ Principal: { AWS: ROOT } }),
        () => ({ Principal: "*", Condition: { StringNotEquals: { "kms:ViaService": S3_VIA } } }),
        () => ({ NotPrincipal: { AWS: [ROOT, APP] } }),
    ])() as Record<string, Json>;
    const action = pick(r, [
        () => ({ Action: ALL_CRYPTO }),
        () => ({ Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"] }),
        () => ({ Action: "kms:Decrypt" }),
        () => ({ Action: ["kms:Put*", "kms:ScheduleKeyDeletion", "kms:Disable*"] }),
        () => ({ Action: "kms:*" }),
    ])();
    return { Sid: `Deny${i}`, Effect: "Deny", ...who, ...action, Resource: "*" };
}

function everyoneStatement(r: Rand, i: number): Json {
    return { Sid: `Everyone${i}`, Effect: "Allow", Principal: pick(r, ["*", { AWS: "*" }] as Json[]), Action: pick(r, ["kms:*", ["kms:Decrypt", "kms:GenerateDataKey*"]] as Json[]), Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": S3_VIA } } };
}

function keyPolicy(r: Rand): Doc {
    const statements: Json[] = [];
    if (r() < 0.7) {
        statements.push({ Sid: "Root", Effect: "Allow", Principal: { AWS: pick(r, [ROOT, ACCOUNT]) }, Action: "kms:*", Resource: "*" });
    }
    const makers = [adminStatement, adminStatement, userStatement, userStatement, serviceUserStatement, denyStatement, denyStatement, everyoneStatement];
    const count = 1 + Math.floor(r() * 4);
    for (let i = 0; i < count; i++) {
        statements.push(pick(r, makers)(r, i));
    }
    return { Version: "2012-10-17", Statement: statements };
}

// ---- the engine side --------------------------------------------------------------------------------------------

const everyone = (s: Record<string, Json>): boolean =>
    s["NotPrincipal"] !== undefined || s["Principal"] === "*" || JSON.stringify(s["Principal"]) === JSON.stringify({ AWS: "*" });

/** The document the question is about: the Allows to everyone taken out (see the header). */
function namedOnly(doc: Doc): Doc {
    return { ...doc, Statement: doc.Statement.filter((s) => !((s as Record<string, Json>)["Effect"] === "Allow" && everyone(s as Record<string, Json>))) };
}

/** The principals an Allow names (not the account root, not everyone). */
function namedPrincipals(doc: Doc): string[] {
    const names = new Set<string>();
    for (const s of doc.Statement as Record<string, Json>[]) {
        if (s["Effect"] === "Allow" && !everyone(s)) {
            const aws = (s["Principal"] as { AWS: Json }).AWS;
            for (const p of Array.isArray(aws) ? aws : [aws]) {
                if (typeof p === "string" && p !== ROOT && p !== ACCOUNT) {
                    names.add(p);
                }
            }
        }
    }
    return [...names];
}

function callerOf(arn: string): { principal: string; account: string; type: string } {
    const account = arn.split(":")[4];
    const role = /:role\/(?:.*\/)?([^/]+)$/.exec(arn);
    return role ? { principal: `arn:aws:sts::${account}:assumed-role/${role[1]}/s`, account, type: "AssumedRole" } : { principal: arn, account, type: "User" };
}

const GRANT_ACTIONS = new Set(["kms:CreateGrant", "kms:RevokeGrant"]);

async function allowed(doc: Doc, arn: string, action: string, viaS3: boolean): Promise<boolean> {
    const caller = callerOf(arn);
    const context: Record<string, string> = {
        "aws:SecureTransport": "true", "aws:PrincipalAccount": caller.account, "aws:PrincipalArn": arn, "aws:PrincipalType": caller.type, "kms:CallerAccount": caller.account,
        ...(viaS3 ? { "kms:ViaService": S3_VIA } : {}),
        ...(GRANT_ACTIONS.has(action) ? { "kms:GrantIsForAWSResource": "false" } : {}),
    };
    // Another account's principal needs its own IAM allow too ("Allowing users in other accounts to use a KMS key"):
    // give it one, so the key policy decides. The key's own account gets none, so root delegation grants nothing.
    const identity = caller.account === ACCOUNT ? [] : [{ name: "caller", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] } }];
    const simulation: Simulation = {
        request: { principal: caller.principal, action, resource: { resource: KEY_ARN, accountId: ACCOUNT }, contextVariables: context },
        identityPolicies: identity,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: createValidatedPolicy(doc, validateResourcePolicy, { name: "key policy" }),
    };
    const res = await runSimulation(simulation, {});
    if (res.resultType !== "single") {
        throw new Error(`engine rejected ${action}: ${JSON.stringify(res.resultType === "error" ? res.errors : res.resultType)}\n${JSON.stringify(doc)}`);
    }
    assert.deepStrictEqual(res.result.ignoredContextKeys ?? [], [], `ignored context keys for ${action}`);
    return res.overallResult === "Allowed";
}

/** The first of `actions` the engine allows `arn`, directly or through S3. */
async function firstAllowed(doc: Doc, arn: string, actions: readonly string[]): Promise<string | undefined> {
    for (const action of actions) {
        for (const viaS3 of [false, true]) {
            if (await allowed(doc, arn, action, viaS3)) {
                return `${action}${viaS3 ? " through S3" : ""}`;
            }
        }
    }
    return undefined;
}

function keyStack(doc: Doc, usage: string | undefined): ExportResource[] {
    const b = new StackBuilder();
    b.add(T.key, "key", { description: "diff", deletionWindowInDays: 30, policy: JSON.stringify(doc), ...(usage === undefined ? { enableKeyRotation: true } : { keyUsage: usage, customerMasterKeySpec: "ECC_NIST_P256" }) });
    return b.build();
}

// ---- the comparison ---------------------------------------------------------------------------------------------

const SEEDS = 90;

describe("policy pack: kms-key-policy-admin-separation against the IAM policy engine (differential)", function () {
    this.timeout(60000);
    it(`agrees per principal and per document on ${SEEDS} generated key policies`, async () => {
        const disagreements: string[] = [];
        const seen = { manages: 0, uses: 0, both: 0, flagged: 0 };
        for (let seed = 1; seed <= SEEDS; seed++) {
            const r = prng(seed * 15485863);
            const doc = keyPolicy(r);
            // Mostly encryption keys (the default usage); a signing key now and then, whose operations are Sign and Verify.
            const usage = r() < 0.2 ? "SIGN_VERIFY" : undefined;
            const crypto = cryptoActionsFor(usage);
            const statements = parsePolicy(JSON.stringify(doc));
            assert.ok(Array.isArray(statements), `seed ${seed}: the pack could not parse ${JSON.stringify(doc)}`);
            const roles = new Map(keyRoles(statements, crypto).map((role) => [role.principal, role]));
            const engineDoc = namedOnly(doc);
            const names = namedPrincipals(doc);
            assert.deepStrictEqual([...roles.keys()].sort(), [...names].sort(), `seed ${seed}: named principals`);
            let engineViolation = false;
            for (const arn of names) {
                const uses = await firstAllowed(engineDoc, arn, crypto);
                const manages = await firstAllowed(engineDoc, arn, KEY_MANAGEMENT_ACTIONS);
                const pack = roles.get(arn);
                seen.uses += uses === undefined ? 0 : 1;
                seen.manages += manages === undefined ? 0 : 1;
                engineViolation ||= uses !== undefined && manages !== undefined;
                if (pack?.uses !== (uses !== undefined) || pack?.manages !== (manages !== undefined)) {
                    disagreements.push(`seed ${seed}: ${arn}: pack manages ${String(pack?.manages)} uses ${String(pack?.uses)}; engine manages ${manages ?? "nothing"}, uses ${uses ?? "nothing"}\n  ${JSON.stringify(doc)}`);
                }
            }
            const flagged = (await run(keyStack(doc, usage))).some((v) => v.policyName === POLICY);
            seen.both += engineViolation ? 1 : 0;
            seen.flagged += flagged ? 1 : 0;
            if (flagged !== engineViolation) {
                disagreements.push(`seed ${seed}: the policy ${flagged ? "flags" : "passes"} it, the engine shows ${engineViolation ? "a principal that manages and uses the key" : "no such principal"}\n  ${JSON.stringify(doc)}`);
            }
        }
        // Both sides must be exercised, or agreement proves nothing.
        assert.ok(seen.both > 0 && seen.both < SEEDS && seen.manages > seen.both && seen.uses > seen.both, `generator exercised ${JSON.stringify(seen)}`);
        assert.ok(disagreements.length === 0, `${disagreements.length} disagreements:\n${disagreements.slice(0, 12).join("\n")}`);
    });
});
