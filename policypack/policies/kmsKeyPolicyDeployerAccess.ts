import { accountOfPrincipal } from "../model/arn";
import { allows, isAllow, KEY_ABSENT, RequestContext, withRoleSession } from "../model/iam";
import { documentOf, KEY_POLICY_TYPES } from "./documentFacts";
import { InvalidPolicyDocument, Maybe, Statement } from "../model/policyDocument";
import { asString, isUnknown, UNKNOWN } from "../model/values";
import { describe, resourcePolicy, ResourceView } from "./framework";
import { cannotVerifyProviderSetting } from "./cannotVerify";
import { runMode } from "../model/runMode";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { jsonOf } from "../fixtures/format";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const KMS_KEY_POLICY_DEPLOYER_ACCESS = "kms-key-policy-deployer-access";

const FIX = "keep the account root delegation ({\"Principal\":{\"AWS\":\"arn:aws:iam::<account>:root\"},\"Action\":\"kms:*\"}) or name the deploying role among the key administrators with kms:PutKeyPolicy";

// The deployer calls KMS directly, not through an AWS service: an Allow limited by kms:ViaService doesn't cover its
// kms:PutKeyPolicy ("AWS KMS condition keys", kms:ViaService).
const DIRECT_CALL: RequestContext = new Map([["kms:viaservice", KEY_ABSENT]]);

/**
 * An Allow that may admit an IAM principal: not a Deny, and not one whose principals are all known service
 * principals (a service never deploys the key). NotPrincipal, a wildcard, an AWS principal or an unknown block may.
 */
function mayAdmitIamPrincipal(s: Statement): boolean {
    if (isAllow(s) === false) {
        return false;
    }
    const p = s.principal;
    return p === undefined || p.unknown || p.wildcard !== false || p.aws.length > 0 || p.service.length === 0;
}

/** The partition a Region belongs to ("Identify AWS resources with Amazon Resource Names (ARNs)", partition). */
function partitionOf(region: string): string {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/**
 * The key the policy is attached to, as its statements' Resource may name it. "In a key policy, the value of the
 * Resource element is "*", which means "this KMS key"" ("Key policies in AWS KMS", Elements in a key policy); a
 * statement may name the key by its ARN instead. A KeyPolicy's keyId (an ID or an ARN, known during `up`) and its
 * provider's Region and account give that ARN; otherwise (a key's inline policy, a preview) it is unknown, and a
 * statement naming a key ARN is a "can't tell", never a statement that doesn't apply.
 */
function thisKey(resource: ResourceView): Maybe<string> {
    const keyId = asString(resource.props["keyId"]);
    if (typeof keyId !== "string") {
        return UNKNOWN;
    }
    if (keyId.startsWith("arn:")) {
        return keyId;
    }
    const { region, account } = resource.provider;
    return typeof region === "string" && typeof account === "string" && !keyId.startsWith("alias/")
        ? `arn:${partitionOf(region)}:kms:${region}:${account}:key/${keyId}`
        : UNKNOWN;
}

/**
 * The deploying role is the role the key's provider assumes (`assumeRoles[].roleArn`, the last of a role chain;
 * aws-native `assumeRole.roleArn`). KMS's policy lockout safety check ("AWS KMS Developer Guide: Default key policy",
 * "PutKeyPolicy: BypassPolicyLockoutSafetyCheck") requires that principal to be able to call
 * kms:PutKeyPolicy under the new policy, directly or through the account root delegation to IAM.
 */
export const kmsKeyPolicyDeployerAccess = resourcePolicy<ExemptionConfig>(
    {
        name: KMS_KEY_POLICY_DEPLOYER_ACCESS,
        description: "A key policy lets the role that deploys the key (its provider's assumed role) call kms:PutKeyPolicy, directly or through the account root, so the stack can still manage the key.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: FIX,
    },
    KEY_POLICY_TYPES,
    {},
    (resource, _config, report) => {
        const role = resource.provider.deployRole;
        if (typeof role !== "string") {
            // A role the pack can't read is not a pass.
            const unreadable = cannotVerifyProviderSetting(runMode(), resource, "its provider's assumed role (the deploying role)", role);
            if (unreadable !== undefined) {
                report(unreadable);
                return;
            }
        }
        const statements = documentOf(resource.type, resource.props);
        if (statements === undefined || isUnknown(statements) || statements instanceof InvalidPolicyDocument) {
            return; // no document, not known yet, or not a document (kms-key-policy-no-public-principal says so)
        }
        if (typeof role !== "string") {
            // No role named (ambient credentials): whoever deploys, KMS's lockout check needs some Allow that can let an
            // IAM principal call kms:PutKeyPolicy directly. When none can, it refuses every deployer. Denies are left out:
            // without the deployer's identity their conditions can't be read for it.
            if (allows(statements.filter(mayAdmitIamPrincipal), "kms:PutKeyPolicy", thisKey(resource), undefined, DIRECT_CALL) === false) {
                report(`${describe(resource)} has a key policy under which no principal can call kms:PutKeyPolicy (no Allow of an IAM principal or account root covers it on a direct call), so whoever deploys it (its provider names no role) is locked out: KMS refuses the policy, or with the safety check bypassed the stack loses control of the key. Fix: ${FIX}`);
            }
            return;
        }
        const who = { arn: role, account: accountOfPrincipal(role), referencedByDocument: false };
        if (allows(statements, "kms:PutKeyPolicy", thisKey(resource), who, withRoleSession(DIRECT_CALL, role, who.account)) === false) {
            report(`${describe(resource)} has a key policy under which the deploying role ${role} (its provider's assumed role) can't call kms:PutKeyPolicy, neither by name nor through arn:aws:iam::${who.account ?? "<account>"}:root: KMS refuses the policy, or with the safety check bypassed the stack loses control of the key. Fix: ${FIX}`);
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyPolicyDeployerAccess,
    doc: {
        checks: "The key policy lets the deploying role (the key's provider's assumed role) call `kms:PutKeyPolicy`, by name or through its account root (`arn:aws:iam::<account>:root` with `kms:PutKeyPolicy`, `kms:Put*` or `kms:*`), and no Deny takes it away (a Deny's conditions on `aws:PrincipalArn`, `aws:PrincipalAccount` or `kms:CallerAccount`, such as IAM's replacement for a `NotPrincipal` deny, `Principal \"*\"` with `ArnNotLike` `aws:PrincipalArn`, are evaluated for the deploying role, and its call carries no `kms:ViaService` (it calls KMS directly), so an Allow limited to requests through a service doesn't let it in and a Deny of requests not through one (`StringNotEquals`, `Null` `true`) stops it; conditions on other keys don't stop it). A statement applies to the key when its Resource is `*` or the key's own ARN (known during `up` from a KeyPolicy's keyId and its provider; until then a statement naming a key ARN is a \"can't tell\"). A document with no statements grants it nothing. When the provider names no role (ambient credentials), the deployer is unknown, so only a policy under which nobody can call `kms:PutKeyPolicy` is flagged (no Allow of an AWS principal, account root, `*` or NotPrincipal covers it on a direct call: KMS refuses such a policy whoever deploys it); silent when the document is unknown, or it is not a policy document (`kms-key-policy-no-public-principal` reports that). Outside a preview, a provider role the pack can't read (a secret `assumeRoles` in an export) is a \"cannot verify\", not a pass.",
        shapes: "`Key.policy`, `KeyPolicy`, `ReplicaKey.policy`, `ExternalKey.policy`, `ReplicaExternalKey.policy`, native `Key.keyPolicy`",
        config: "—",
    },
    compliant: [
        { title: "a key policy that keeps the account root delegation", resources: dataBucket() },
        {
            title: "a deny of key-policy changes to everyone aws:PrincipalArn doesn't name, naming the deploying role",
            resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
                { Sid: "EnableRootAccess", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" },
                { Sid: "OnlyPipelineChangesTheKey", Effect: "Deny", Principal: "*", Action: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"], Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/deployer", "arn:aws:iam::111111111111:role/break-glass"] } } },
            ] }) })),
        },
        {
            title: "a key policy naming the deploying role among the administrators",
            resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
                { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/deployer" }, Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], Resource: "*" },
            ] }) })),
        },
    ],
    violating: [{
        title: "a key policy with no statements (nobody can manage the key)",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [] }) })),
    }, {
        title: "a deny of key-policy changes to everyone aws:PrincipalArn doesn't name, naming only a break-glass role",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            { Sid: "EnableRootAccess", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" },
            { Sid: "OnlyBreakGlassChangesTheKey", Effect: "Deny", Principal: "*", Action: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"], Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/break-glass" } } },
        ] }) })),
    }, {
        title: "a key policy whose only administrator is another role",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/someone-else" }, Action: "kms:*", Resource: "*" },
        ] }) })),
    }],
});
