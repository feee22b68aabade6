// The one place that talks to @cloud-copilot/iam-simulate (AGPL: test-only, never shipped).
// It hides the library's measured traps (each measured against the behaviour AWS documents):
//   L1  runSimulation silently drops kms:EncryptionContext:* keys -> the decision for such requests
//       comes from runUnsafeSimulation (runSimulation still runs first, for validation).
//   L2  runUnsafeSimulation crashes on plain resource policies -> always pass a ValidatedPolicy.
//   L6  a misspelled or inapplicable context key is dropped silently -> any other ignored key throws.
//   L8  runUnsafeSimulation drops the session policy (it passes none to its engine) -> on that path the
//       session policy is evaluated as the role's permissions boundary (see unsafeRun), which limits a
//       role session the same way as long as resource policies name the role, never the session ARN.
//   The unsafe path returns no analysis, so deciding statements are found by evaluating each Deny
//   on its own (see decidingDenies); that is exact because an explicit deny needs one matching Deny.
import {
    allowedContextKeysForRequest,
    getDenialReasons,
    runSimulation,
    runUnsafeSimulation,
    type EvaluationResult,
    type Simulation,
} from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateResourcePolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import type { PolicyDocument, PolicyStatement } from "../../../components/policy/types";

export type Decision = EvaluationResult;

export type RequestContext = Record<string, string | string[]>;

/** A policy together with the name a failing test should print (which resource it came from). */
export interface NamedPolicy {
    name: string;
    document: PolicyDocument;
}

/**
 * What limits a caller beyond its own IAM policies (IAM User Guide, "Policy evaluation logic"): a permissions
 * boundary on the user or role, a session policy passed when the role was assumed, and the SCPs of its account.
 * Each only limits: an action needs an Allow in every one present, and any Deny in them refuses it.
 */
export interface CallerLimits {
    permissionsBoundary?: NamedPolicy;
    /** Only for role sessions (AssumeRole's Policy parameter). */
    sessionPolicy?: NamedPolicy;
    /** The caller account's SCPs, as one level: include an Allow (AWS's FullAWSAccess) or they allow nothing. */
    serviceControlPolicies?: readonly NamedPolicy[];
}

export interface OracleRequest {
    /** The caller as the service sees it: an IAM user ARN or an assumed-role session ARN. */
    principal: string;
    action: string;
    resource: string;
    /** Owner of the resource. S3 ARNs carry no account, so this alone decides cross-account (L7). */
    resourceAccount: string;
    context: RequestContext;
    identityPolicies: readonly NamedPolicy[];
    /** Bucket policy, key policy or trust policy; absent when the resource has none. */
    resourcePolicy?: NamedPolicy;
    /** `trust` validates the resource policy as a role trust policy (sts:AssumeRole). */
    resourcePolicyKind?: "resource" | "trust";
    /** Permissions boundary, session policy and SCPs of the caller; absent when it has none. */
    callerLimits?: CallerLimits;
}

/** A statement that decided an explicit deny. */
export interface DecidingDeny {
    side: "identity" | "resource" | "limits";
    policy: string;
    sid: string;
}

export interface OracleAnswer {
    decision: Decision;
    /** Every Deny statement that matched, when the decision is ExplicitlyDenied. */
    decidingDenies: DecidingDeny[];
    /** For ImplicitlyDenied: the sides on which no Allow matched (identity / resource). */
    missingAllowOn: Array<"identity" | "resource" | "limits">;
    /** True when the decision came from runUnsafeSimulation because of L1. */
    viaUnsafePath: boolean;
}

const ENCRYPTION_CONTEXT_KEY = /^kms:encryptioncontext:/i;

const ALLOW_EVERYTHING: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Sid: "OracleAllowAll", Effect: "Allow", Action: "*", Resource: "*" }],
};

function allowEveryoneResourcePolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "OracleAllowAll", Effect: "Allow", Principal: { AWS: "*" }, Action: "*", Resource: "*" }],
    };
}

function toSimulation(
    req: OracleRequest,
    identity: readonly NamedPolicy[],
    resource: NamedPolicy | undefined,
    limits: CallerLimits | undefined = req.callerLimits,
): Simulation {
    const validate = req.resourcePolicyKind === "trust" ? validateTrustPolicy : validateResourcePolicy;
    const asPolicy = (p: NamedPolicy) => ({ name: p.name, policy: p.document });
    const scps = limits?.serviceControlPolicies ?? [];
    return {
        request: {
            principal: req.principal,
            action: req.action,
            resource: { resource: req.resource, accountId: req.resourceAccount },
            contextVariables: req.context,
        },
        identityPolicies: identity.map(asPolicy),
        permissionBoundaryPolicies: limits?.permissionsBoundary === undefined ? undefined : [asPolicy(limits.permissionsBoundary)],
        sessionPolicy: limits?.sessionPolicy?.document,
        serviceControlPolicies: scps.length === 0 ? [] : [{ orgIdentifier: "caller-account", policies: scps.map(asPolicy) }],
        resourceControlPolicies: [],
        resourcePolicy:
            resource === undefined ? undefined : createValidatedPolicy(resource.document, validate, { name: resource.name }),
    };
}

/**
 * runUnsafeSimulation with L8 worked around: a session policy becomes the permissions boundary. A role with
 * both cannot be expressed that way, so it throws rather than drop one of them.
 */
function unsafeRun(simulation: Simulation): Decision {
    if (simulation.sessionPolicy === undefined) {
        return runUnsafeSimulation(simulation, {});
    }
    if (simulation.permissionBoundaryPolicies !== undefined) {
        throw new Error("the oracle cannot evaluate a session policy together with a permissions boundary on the unsafe path (L8)");
    }
    const { sessionPolicy, ...rest } = simulation;
    return runUnsafeSimulation({ ...rest, permissionBoundaryPolicies: [{ name: "session policy", policy: sessionPolicy }] }, {});
}

function unsafeDecision(
    req: OracleRequest,
    identity: readonly NamedPolicy[],
    resource: NamedPolicy | undefined,
    limits: CallerLimits | undefined = req.callerLimits,
): Decision {
    return unsafeRun(toSimulation(req, identity, resource, limits));
}

/** The identity and resource sides judged alone: no boundary, session policy or SCP. */
const NO_LIMITS: CallerLimits = {};

/** Each limit policy of the caller with the slot it fills, so one can be replaced on its own. */
function limitPolicies(limits: CallerLimits | undefined): Array<{ policy: NamedPolicy; alone: (p: NamedPolicy) => CallerLimits }> {
    if (limits === undefined) {
        return [];
    }
    const found: Array<{ policy: NamedPolicy; alone: (p: NamedPolicy) => CallerLimits }> = [];
    if (limits.permissionsBoundary !== undefined) {
        found.push({ policy: limits.permissionsBoundary, alone: (p) => ({ permissionsBoundary: p }) });
    }
    if (limits.sessionPolicy !== undefined) {
        found.push({ policy: limits.sessionPolicy, alone: (p) => ({ sessionPolicy: p }) });
    }
    for (const scp of limits.serviceControlPolicies ?? []) {
        found.push({ policy: scp, alone: (p) => ({ serviceControlPolicies: [p] }) });
    }
    return found;
}

function only(policy: NamedPolicy, statement: PolicyStatement): NamedPolicy {
    return { name: policy.name, document: { Version: "2012-10-17", Statement: [statement] } };
}

/**
 * Finds every Deny statement that matches the request by evaluating it alone next to an allow-all
 * policy on the other side. Used on the unsafe path, and on the safe path as a cross-check.
 */
function decidingDenies(req: OracleRequest): DecidingDeny[] {
    const found: DecidingDeny[] = [];
    const allowAllIdentity = [{ name: "oracle-allow-all", document: ALLOW_EVERYTHING }];
    const allowAllResource = { name: "oracle-allow-all", document: allowEveryoneResourcePolicy() };
    for (const policy of req.identityPolicies) {
        for (const statement of policy.document.Statement.filter((s) => s.Effect === "Deny")) {
            if (unsafeDecision(req, [only(policy, statement)], allowAllResource, NO_LIMITS) === "ExplicitlyDenied") {
                found.push({ side: "identity", policy: policy.name, sid: statement.Sid ?? "(no Sid)" });
            }
        }
    }
    const resource = req.resourcePolicy;
    if (resource !== undefined) {
        for (const statement of resource.document.Statement.filter((s) => s.Effect === "Deny")) {
            if (unsafeDecision(req, allowAllIdentity, only(resource, statement), NO_LIMITS) === "ExplicitlyDenied") {
                found.push({ side: "resource", policy: resource.name, sid: statement.Sid ?? "(no Sid)" });
            }
        }
    }
    // A limit allows nothing by itself, so each Deny is evaluated next to an allow-all statement in the same policy.
    for (const { policy, alone } of limitPolicies(req.callerLimits)) {
        for (const statement of policy.document.Statement.filter((s) => s.Effect === "Deny")) {
            const denyAndAllowAll: NamedPolicy = { name: policy.name, document: { Version: "2012-10-17", Statement: [statement, ...ALLOW_EVERYTHING.Statement] } };
            if (unsafeDecision(req, allowAllIdentity, allowAllResource, alone(denyAndAllowAll)) === "ExplicitlyDenied") {
                found.push({ side: "limits", policy: policy.name, sid: statement.Sid ?? "(no Sid)" });
            }
        }
    }
    return found;
}

/**
 * Which side lacks an Allow. Resource side: give the caller an allow-all identity policy. Identity
 * side: replace the resource policy with one that only delegates to the caller's account root,
 * which never grants on its own (S3 and KMS, same or cross account), so only an identity Allow passes.
 */
function missingAllowSides(req: OracleRequest, callerAccount: string | undefined): Array<"identity" | "resource" | "limits"> {
    const missing: Array<"identity" | "resource" | "limits"> = [];
    if (callerAccount === undefined) {
        // A service principal has no identity policies: only the resource policy can grant.
        return unsafeDecision(req, [], req.resourcePolicy) === "Allowed" ? [] : ["resource"];
    }
    const allowAllIdentity = [{ name: "oracle-allow-all", document: ALLOW_EVERYTHING }];
    const delegateToCallerAccount: NamedPolicy = {
        name: "oracle-delegate-to-caller-account",
        document: {
            Version: "2012-10-17",
            Statement: [
                { Sid: "OracleDelegate", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${callerAccount}:root` }, Action: "*", Resource: "*" },
            ],
        },
    };
    // The identity and resource sides are judged without the caller's limits, which are a side of their own.
    if (unsafeDecision(req, allowAllIdentity, req.resourcePolicy, NO_LIMITS) !== "Allowed") {
        missing.push("resource");
    }
    if (unsafeDecision(req, req.identityPolicies, delegateToCallerAccount, NO_LIMITS) !== "Allowed") {
        missing.push("identity");
    }
    // Limits: everything else allows, and the resource policy grants nothing on its own (a resource policy naming
    // the caller could pass a boundary's implicit deny in the caller's own account).
    if (req.callerLimits !== undefined && unsafeDecision(req, allowAllIdentity, delegateToCallerAccount, req.callerLimits) !== "Allowed") {
        missing.push("limits");
    }
    return missing;
}

/** The caller's account for IAM users and role sessions; undefined for service principals. */
function callerAccountOf(principal: string): string | undefined {
    return /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

const encryptionContextActions = new Map<string, Promise<boolean>>();

/** L1 only excuses dropped kms:EncryptionContext:* keys on actions that really take one. */
function acceptsEncryptionContext(req: OracleRequest): Promise<boolean> {
    const [service, action] = req.action.split(":");
    let known = encryptionContextActions.get(req.action);
    if (known === undefined) {
        known = allowedContextKeysForRequest(service, action, req.resource, false, undefined).then((keys) =>
            [...keys].some((key) => ENCRYPTION_CONTEXT_KEY.test(key)),
        );
        encryptionContextActions.set(req.action, known);
    }
    return known;
}

/** Evaluates one request; throws on invalid input or silently dropped context keys. */
export async function decide(req: OracleRequest): Promise<OracleAnswer> {
    const simulation = toSimulation(req, req.identityPolicies, req.resourcePolicy);
    const checked = await runSimulation(simulation, {});
    if (checked.resultType === "error") {
        throw new Error(`iam-simulate rejected the input for ${req.action} on ${req.resource}: ${JSON.stringify(checked.errors)}`);
    }
    if (checked.resultType !== "single") {
        throw new Error(`request resource must be a concrete ARN, got a wildcard: ${req.resource}`);
    }
    const ignored = checked.result.ignoredContextKeys ?? [];
    const unexpected = ignored.filter((key) => !ENCRYPTION_CONTEXT_KEY.test(key));
    if (unexpected.length > 0) {
        throw new Error(
            `context keys ignored by the simulator for ${req.action} (misspelled or not applicable): ${unexpected.join(", ")}`,
        );
    }
    const viaUnsafePath = ignored.length > 0;
    if (viaUnsafePath && !(await acceptsEncryptionContext(req))) {
        throw new Error(`${req.action} takes no encryption context, but the request sets ${ignored.join(", ")}`);
    }
    const decision = viaUnsafePath ? unsafeRun(simulation) : checked.overallResult;
    if (!viaUnsafePath) {
        // The safe and unsafe engines agreed on every measured case; a disagreement here means this
        // wrapper built the two inputs differently, so fail loudly instead of trusting either.
        const unsafe = unsafeRun(simulation);
        if (unsafe !== decision) {
            throw new Error(`oracle paths disagree for ${req.action}: runSimulation=${decision}, runUnsafeSimulation=${unsafe}`);
        }
    }
    const denies = decision === "ExplicitlyDenied" ? decidingDenies(req) : [];
    if (!viaUnsafePath && decision === "ExplicitlyDenied") {
        const reported = getDenialReasons(checked.result.analysis).flatMap((d) =>
            d.denialType === "Explicit" ? [d.statementId ?? "(no Sid)"] : [],
        );
        const missed = reported.filter((sid) => !denies.some((d) => d.sid === sid));
        if (missed.length > 0) {
            throw new Error(`deny ablation missed statements the simulator reported: ${missed.join(", ")}`);
        }
    }
    return {
        decision,
        decidingDenies: denies,
        missingAllowOn: decision === "ImplicitlyDenied" ? missingAllowSides(req, callerAccountOf(req.principal)) : [],
        viaUnsafePath,
    };
}
