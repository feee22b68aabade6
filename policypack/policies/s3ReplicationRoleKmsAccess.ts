import { destinationKeyReplication, shown, sourceKeyReplication } from "../model/fixStatements";
import { isKmsKeyArn } from "../model/arn";
import { allows, PrincipalRef, RequestContext, withRoleSession } from "../model/iam";
import { Maybe, Statement, UNKNOWN_STATEMENT } from "../model/policyDocument";
import { KeyGrant, KeyModel, regionOfKeyRef, ReplicationConfig, RoleModel } from "../model/stackIndex";
import { Tri } from "../model/tri";
import { isUnknown, Unknown, UNKNOWN } from "../model/values";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { activeRules, allReplications, externalSource, judgedReplicaKeys } from "./replicationFacts";
import { isKmsAlgorithm, keyArnOf, sseRules } from "./sseFacts";
import { definePolicy } from "./definition";
import { EXTERNAL_SOURCE_ARN, replicated, replicatedFromExternal, replicationRoleS3Statements, withInputs } from "../fixtures/stacks";
import { jsonOf, ref } from "../fixtures/format";

export const S3_REPLICATION_ROLE_KMS_ACCESS = "s3-replication-role-kms-access";

interface KeyUse {
    key: KeyModel | undefined;
    arn: Maybe<string>;
    action: "kms:Decrypt" | "kms:Encrypt";
    side: "source" | "destination";
    /** The KMS request S3 makes with the key: through S3 in the key's region (kms:ViaService, aws:RequestedRegion). */
    context: RequestContext;
}

/**
 * Every statement of the documents, a document that is unknown in preview standing in as one statement
 * that may say anything: a literal Deny next to it still decides.
 */
export function statementsOf(policies: readonly { statements: Statement[] | Unknown | undefined }[]): Statement[] {
    const out: Statement[] = [];
    for (const p of policies) {
        if (isUnknown(p.statements)) {
            out.push(UNKNOWN_STATEMENT);
        } else {
            out.push(...(p.statements ?? []));
        }
    }
    return out;
}

function keyStatements(key: KeyModel): Statement[] | undefined {
    return key.policies.length === 0 ? undefined : statementsOf(key.policies);
}

/** The region of a key used by replication: its resource's region, else the region in its ARN. */
function keyRegion(key: KeyModel | undefined, arn: Maybe<string>): Maybe<string> | undefined {
    if (key && key.resource.region !== undefined) {
        return key.resource.region;
    }
    return typeof arn === "string" ? regionOfKeyRef(arn) : isUnknown(arn) ? UNKNOWN : undefined;
}

/** S3 calls KMS in the key's region on the role's behalf ("AWS KMS condition keys": kms:ViaService). */
function s3RequestContext(region: Maybe<string> | undefined): RequestContext {
    if (region === undefined) {
        return new Map();
    }
    return new Map<string, Maybe<string>>([
        ["kms:viaservice", isUnknown(region) ? UNKNOWN : `s3.${region}.amazonaws.com`],
        ["aws:requestedregion", region],
    ]);
}

function keyUse(key: KeyModel | undefined, arn: Maybe<string>, action: KeyUse["action"], side: KeyUse["side"]): KeyUse {
    return { key, arn, action, side, context: s3RequestContext(keyRegion(key, arn)) };
}

function principalOf(role: RoleModel, key: KeyModel): PrincipalRef {
    const referenced = key.policies.some((p) =>
        p.resource.dependencies.includes(role.resource.urn)
        || [...p.resource.propertyDependencies.values()].some((urns) => urns.includes(role.resource.urn)));
    return { arn: role.arn, account: role.resource.account, referencedByDocument: referenced };
}

/** Key policy verdict: a key without a policy in the stack has the default policy (account root → IAM decides). */
function keyPolicyAllows(key: KeyModel, role: RoleModel, use: KeyUse, context: RequestContext): Tri {
    const statements = keyStatements(key);
    if (statements === undefined) {
        const a = role.resource.account;
        const b = key.resource.account;
        return isUnknown(a) || isUnknown(b) || a === undefined || b === undefined ? UNKNOWN : a === b;
    }
    return allows(statements, use.action, use.arn, principalOf(role, key), context);
}

/**
 * The keys S3 uses for the replication with the role: the source's default encryption key (when the stack declares
 * the source: another bucket's encryption is not the stack's to see), and each active rule's replica key.
 */
function keyUses(replication: ReplicationConfig): KeyUse[] {
    const uses: KeyUse[] = [];
    for (const { rule } of replication.source ? sseRules(replication.source) : []) {
        if (!isKmsAlgorithm(rule.algorithm)) {
            continue;
        }
        const keys = rule.keys.length > 0 ? rule.keys : [undefined];
        for (const key of keys) {
            const arn = keyArnOf(rule, key);
            if (arn !== undefined) {
                uses.push(keyUse(key, arn, "kms:Decrypt", "source"));
            }
        }
    }
    if (!isUnknown(replication.rules)) {
        if (replication.rules.length > 0 && activeRules(replication).length === 0) {
            return []; // every rule is Disabled: S3 neither reads nor writes objects for it
        }
        for (const rule of activeRules(replication)) {
            const replicaKeys = judgedReplicaKeys(rule);
            if (replicaKeys.length > 0) {
                for (const key of replicaKeys) {
                    uses.push(keyUse(key, key.arn ?? UNKNOWN, "kms:Encrypt", "destination"));
                }
            } else if (typeof rule.replicaKmsKeyId === "string" && isKmsKeyArn(rule.replicaKmsKeyId)) {
                uses.push(keyUse(undefined, rule.replicaKmsKeyId, "kms:Encrypt", "destination"));
            }
        }
    }
    return uses;
}

/** Names the request when it is the conditions that refuse it (a kms:ViaService, region or Deny condition). */
function through(use: KeyUse, verdictWithoutConditions: Tri): string {
    const via = use.context.get("kms:viaservice");
    return typeof via === "string" && verdictWithoutConditions !== false
        ? ` for S3's request through ${via} (a condition on kms:ViaService or aws:RequestedRegion, or a conditional Deny, refuses it)`
        : "";
}

function keyName(use: KeyUse): string {
    return use.key ? describe(use.key.resource) : `key ${String(use.arn)}`;
}

/**
 * Does the key's policy delegate `use` to the role's account root ("Default key policy": IAM policies then
 * decide)? True only when the delegation alone lets the role's account in, whoever the role is.
 */
function delegatesToRoleAccount(key: KeyModel, role: RoleModel, use: KeyUse): boolean {
    const statements = keyStatements(key);
    if (statements === undefined) {
        return keyPolicyAllows(key, role, use, use.context) === true;
    }
    return allows(statements, use.action, use.arn, { arn: undefined, account: role.resource.account, referencedByDocument: false }, use.context) === true;
}

/**
 * A managed policy attached by the ARN of a policy outside the stack can't be read: the finding says the verdict is
 * about the policies the stack declares, and names the others, so an owner who knows them grants here or exempts.
 */
function inThisStack(role: RoleModel): string {
    const outside = role.externalPolicyArns;
    return outside.length === 0
        ? ""
        : `in this stack (the managed ${outside.length === 1 ? "policy" : "policies"} ${outside.join(", ")} attached to it ${outside.length === 1 ? "is" : "are"} outside the stack and can't be read) `;
}

/** What the role's IAM policy must get; for a key that delegates to the role's account, that is the whole fix. */
function identityFix(use: KeyUse, role: RoleModel): string {
    const grant = `add to the role's policy {"Effect":"Allow","Action":["${use.action}"${use.action === "kms:Encrypt" ? ',"kms:GenerateDataKey"' : ""}],"Resource":"<${use.side} key ARN>"} (optionally with kms:ViaService = s3.<region>.amazonaws.com)`;
    return use.key && delegatesToRoleAccount(use.key, role, use)
        ? `${grant}; the ${use.side} key's policy delegates to its account root, so this IAM policy is what grants the role the key: no key policy statement is needed`
        : grant;
}

/** The key policy statement to add; a key that delegates only to its own account root doesn't reach a role of another account. */
function keyPolicyFix(use: KeyUse, role: RoleModel): string {
    const statement = shown(use.side === "source" ? sourceKeyReplication() : destinationKeyReplication());
    const keyAccount = use.key?.resource.account;
    const roleAccount = role.resource.account;
    if (typeof keyAccount === "string" && typeof roleAccount === "string" && keyAccount !== roleAccount) {
        return `the key's account root (${keyAccount}) doesn't cover a role of account ${roleAccount}: add ${statement} to this key policy, and grant the same actions in the role's IAM policy`;
    }
    return `add the paired key policy statement ${statement} to both the source and the destination key, or let the key policy delegate to its account root and grant the actions in the role's IAM policy`;
}

/** Allows everything to everyone: appended to a document, `allows` is then false only where an explicit Deny applies. */
const ALLOW_ALL: Statement = {
    effect: "Allow", principal: { wildcard: true, aws: ["*"], service: [], unknown: false }, actions: ["*"], resources: ["*"], conditions: [],
};

/** Is the grant's grantee the role: its ARN, or (an unknown on a fresh stack) an output of the role? */
function granteeIsRole(grant: KeyGrant, role: RoleModel): boolean {
    if (typeof grant.grantee === "string" && !isUnknown(grant.grantee)) {
        return typeof role.arn === "string" && !isUnknown(role.arn) && grant.grantee === role.arn;
    }
    return (grant.resource.propertyDependencies.get("granteePrincipal") ?? []).includes(role.resource.urn);
}

/**
 * A grant of the key to the role for the use's operation, without encryption-context constraints, and no explicit
 * Deny of the request in the role's IAM policies or the key policy: KMS then allows it whatever else those policies
 * say ("AWS KMS Developer Guide", "Grants in AWS KMS"; "Determining access to an AWS KMS key").
 */
function grantedByKmsGrant(use: KeyUse, role: RoleModel, identity: Statement[]): boolean {
    const key = use.key;
    const operation = use.action.slice("kms:".length);
    if (!key || !key.grants.some((g) => !g.constrained && !isUnknown(g.operations) && g.operations.includes(operation) && granteeIsRole(g, role))) {
        return false;
    }
    const keyDocument = keyStatements(key) ?? [];
    return allows([...identity, ALLOW_ALL], use.action, use.arn, undefined, use.context) === true
        && allows([...keyDocument, ALLOW_ALL], use.action, use.arn, principalOf(role, key), use.context) === true;
}

/** The request S3 makes with the role's session: the key's context plus the role's own condition keys. */
function roleRequest(use: KeyUse, role: RoleModel): KeyUse {
    return { ...use, context: withRoleSession(use.context, role.arn, role.resource.account) };
}

function checkReplication(replication: ReplicationConfig, report: (f: Finding) => void): void {
    const uses = keyUses(replication);
    const of = `${describe(replication.resource)}${externalSource(replication)}`;
    for (const role of replication.roles) {
        const identity = statementsOf(role.policies);
        for (const keyRequest of uses) {
            const use = roleRequest(keyRequest, role);
            if (grantedByKmsGrant(use, role, identity)) {
                continue;
            }
            const verb = use.action === "kms:Decrypt" ? "decrypt source objects" : "encrypt replicas";
            if (allows(identity, use.action, use.arn, undefined, use.context) === false) {
                const plain = allows(identity, use.action, use.arn);
                report(findingOn(role.resource, role.resource,
                    `is the replication role of ${of} but its IAM policies ${inThisStack(role)}don't allow ${use.action} on the ${use.side} ${keyName(use)}${through(use, plain)}, so S3 can't ${verb}`,
                    identityFix(use, role)));
            }
            if (use.key && keyPolicyAllows(use.key, role, use, use.context) === false) {
                const plain = keyPolicyAllows(use.key, role, use, new Map());
                const at = use.key.policies[use.key.policies.length - 1]?.resource ?? use.key.resource;
                report(findingOn(use.key.resource, at,
                    `(policy of the ${use.side} ${keyName(use)}) doesn't allow replication role ${describe(role.resource)} ${use.action}${through(use, plain)}, so S3 can't ${verb} for ${of}`,
                    keyPolicyFix(use, role)));
            }
        }
    }
}

export const s3ReplicationRoleKmsAccess = stackPolicy<ExemptionConfig>(
    {
        name: S3_REPLICATION_ROLE_KMS_ACCESS,
        description: "The replication role can kms:Decrypt with the source bucket's key and kms:Encrypt with every replica key, in both its IAM policies and the keys' policies.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "grant the replication role kms:Decrypt on the source key and kms:Encrypt on each destination key in its role policy (for a key whose policy delegates to its account root, the AWS default, that is all it needs); a key whose policy names principals, or a role in another account than the key, also needs the paired statement in the key policy",
    },
    {},
    (index, _config, report) => {
        for (const replication of allReplications(index)) {
            checkReplication(replication, report);
        }
    },
);

export const definition = definePolicy({
    policy: s3ReplicationRoleKmsAccess,
    doc: {
        checks: "The replication role can `kms:Decrypt` with the source key and `kms:Encrypt` with every replica key, in its IAM policies and in both key policies (the paired key-policy statements of the Amazon S3 User Guide, \"Replicating encrypted objects\"; account-root delegation counts for a same-account role; a key without a policy in the stack has the default policy), for the request S3 makes in the key's region: a `kms:ViaService`/`aws:RequestedRegion` condition for another region, or a Deny whose condition holds (also one on the role's `aws:PrincipalArn`, `aws:PrincipalAccount` or `kms:CallerAccount`, such as `Principal \"*\"` with `ArnNotLike` `aws:PrincipalArn` naming other roles), fails it. An `aws.kms.Grant` of the key to the role for the operation (`Decrypt`, `Encrypt`), without constraints, stands in for both policies unless one of them denies the request explicitly. A managed policy attached by the ARN of a policy outside the stack (an AWS managed policy, another stack's) can't be read: the verdict is about the policies the stack declares, and the finding names the others (grant the actions in a policy of the stack, or exempt the role).",
        shapes: "IAM shapes, keys, replication (of a bucket the stack does not declare: the replica keys only, that bucket's own key can't be seen)",
        config: "—",
    },
    compliant: [
        replicated("the role's policy and both key policies grant the KMS actions", true),
        replicatedFromExternal("the role of a replication of a bucket not declared in the stack may encrypt with the replica key", true),
    ],
    violating: [
        replicated("a role policy without KMS actions (the role ARN in the key policies is unknown in preview)", false, (r) => withInputs(r, "replication-role-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            ...replicationRoleS3Statements(),
        ] }) })),
        replicatedFromExternal("the role of a replication of a bucket not declared in the stack without kms:Encrypt on the replica key (the role ARN in the key policy is unknown in preview)", false,
            (r) => withInputs(r, "replication-role-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: replicationRoleS3Statements(true, EXTERNAL_SOURCE_ARN) }) })),
    ],
});
