import { destinationBucketReplication, OWNER_OVERRIDE_ACTION, REPLICATION_DESTINATION_OBJECT_ACTIONS, shown } from "../model/fixStatements";
import { accountOfPrincipal } from "../model/arn";
import { allows } from "../model/iam";
import { Maybe } from "../model/policyDocument";
import { BucketModel, ReplicationConfig, ReplicationRule } from "../model/stackIndex";
import { isUnknown } from "../model/values";
import { bucketStatements, objectArn } from "./bucketPolicyFacts";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { judgedDestinations, replicationRules, ruleName } from "./replicationFacts";
import { definePolicy } from "./definition";
import { cannotVerifyProviderSetting, PROVIDER_ACCOUNT_SETTING } from "./cannotVerify";
import { runMode } from "../model/runMode";
import { replicated, replicatedFromExternal, withInputs, withReplicaDestination } from "../fixtures/stacks";
import { ref } from "../fixtures/format";

export const S3_REPLICATION_CROSS_ACCOUNT = "s3-replication-cross-account";

function differ(a: Maybe<string> | undefined, b: Maybe<string> | undefined): boolean {
    return typeof a === "string" && typeof b === "string" && a !== b;
}

/**
 * The source side's account: the source bucket's provider, else the replication resource's, else the
 * replication role's ARN (a stack on default credentials names no account in its providers). For a source the
 * stack does not declare, the replication resource's provider (the account that puts the configuration) comes first.
 */
function sourceAccount(replication: ReplicationConfig): Maybe<string> | undefined {
    const known = [replication.source?.resource.account, replication.resource.account, ...replication.roles.map((r) => r.resource.account)];
    const roleArn = typeof replication.roleRef === "string" ? accountOfPrincipal(replication.roleRef) : undefined;
    return known.find((a) => typeof a === "string") ?? roleArn ?? known.find((a) => a !== undefined);
}

/** Cross-account when the rule says so (`account`) or the providers' accounts differ. */
function isCrossAccount(replication: ReplicationConfig, rule: ReplicationRule): boolean {
    const source = sourceAccount(replication);
    if (typeof rule.account === "string" && rule.account !== "") {
        return source === undefined || isUnknown(source) || rule.account !== source;
    }
    // Several destinations only when a fresh preview can't pair rules with buckets yet (stackIndex's
    // assignUnresolved): cross-account only if every candidate is, so an unknown never blocks a compliant stack.
    const destinations = judgedDestinations(rule);
    return destinations.length > 0 && destinations.every((d) => differ(d.resource.account, source));
}

/**
 * The destinations whose bucket policy must grant the rule's role. Candidates a fresh preview can't pair with one
 * rule yet (stackIndex's assignUnresolved) count only when in the rule's destination account: a same-account
 * candidate is another rule's, and its policy owes this role nothing.
 */
function grantingDestinations(replication: ReplicationConfig, rule: ReplicationRule): BucketModel[] {
    const destinations = judgedDestinations(rule);
    if (rule.destinationPool.length === 0) {
        return destinations;
    }
    const account = typeof rule.account === "string" && rule.account !== "" ? rule.account : undefined;
    const source = sourceAccount(replication);
    return destinations.filter((d) => account !== undefined ? d.resource.account === account : differ(d.resource.account, source));
}

function checkDestinationPolicy(replication: ReplicationConfig, dest: BucketModel, name: string, report: (f: Finding) => void): void {
    const statements = bucketStatements(dest);
    if (isUnknown(statements)) {
        return;
    }
    for (const role of replication.roles) {
        const referenced = dest.policies.some((p) => [...p.resource.propertyDependencies.values()].some((u) => u.includes(role.resource.urn)) || p.resource.dependencies.includes(role.resource.urn));
        const who = { arn: role.arn, account: role.resource.account, referencedByDocument: referenced };
        for (const action of [REPLICATION_DESTINATION_OBJECT_ACTIONS[0], OWNER_OVERRIDE_ACTION]) {
            if (allows(statements, action, objectArn(dest), who) === false) {
                const at = dest.policies[dest.policies.length - 1]?.resource ?? dest.resource;
                report(findingOn(dest.resource, at,
                    `${dest.policies.length === 0 ? "has no bucket policy, so it" : "for the destination of cross-account " + name + " of " + describe(replication.resource)} doesn't allow the source account's replication role ${describe(role.resource)} ${action}`,
                    `add to the destination bucket policy ${shown(...destinationBucketReplication())}`));
                break;
            }
        }
    }
}

export const s3ReplicationCrossAccount = stackPolicy<ExemptionConfig>(
    {
        name: S3_REPLICATION_CROSS_ACCOUNT,
        description: "Cross-account replication rules set the destination account and the owner override (accessControlTranslation.owner = Destination), and the destination bucket policy allows the replication role.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "set destination.account and destination.accessControlTranslation = { owner: \"Destination\" }, and allow the replication role in the destination bucket policy",
    },
    {},
    (index, _config, report) => {
        const mode = runMode();
        for (const { replication, rule, subject } of replicationRules(index)) {
            if (!isCrossAccount(replication, rule)) {
                // Same account only as far as the pack can read: an account it can't (a secret provider role) is no pass.
                const unreadable = typeof rule.account === "string" && rule.account !== "" ? undefined
                    : [replication.source?.resource, ...rule.destinations.map((d) => d.resource)]
                        .map((r) => r && cannotVerifyProviderSetting(mode, r, PROVIDER_ACCOUNT_SETTING, r.account))
                        .find((reason) => reason !== undefined);
                if (unreadable !== undefined) {
                    report({ subject, urn: replication.resource.urn, message: unreadable });
                }
                continue;
            }
            const name = ruleName(rule, replication);
            const destAccount = rule.destinations.map((d) => d.resource.account).find((a): a is string => typeof a === "string");
            if (rule.account === undefined || rule.account === "") {
                report(findingOn(subject, replication.resource, `${name} replicates to another account${destAccount ? ` (${destAccount})` : ""} without destination.account`,
                    `set destination.account to ${destAccount ?? "the destination bucket's account id"}`));
            }
            if (rule.owner !== "Destination" && !isUnknown(rule.owner)) {
                report(findingOn(subject, replication.resource, `${name} replicates to another account without the owner override, so replicas stay owned by the source account`,
                    "set destination.accessControlTranslation = { owner: \"Destination\" } (with destination.account)"));
            }
            for (const dest of grantingDestinations(replication, rule)) {
                checkDestinationPolicy(replication, dest, name, report);
            }
        }
    },
);

export const definition = definePolicy({
    policy: s3ReplicationCrossAccount,
    doc: {
        checks: "A rule that replicates to another account (its `account`, or the destination's provider account against the source side's: the source bucket's or replication's provider, else the replication role's ARN) sets `destination.account` and `accessControlTranslation.owner = \"Destination\"`, and the destination bucket policy allows the role `s3:ReplicateObject` and `s3:ObjectOwnerOverrideToBucketOwner`. Outside a preview, a rule without `account` whose source or destination account the pack can't read (a secret provider `assumeRoles`) is a \"cannot verify\", not same-account.",
        shapes: "v7 replication (also of a bucket the stack does not declare: its provider's account is the source side's), inline/V2 (`accountId`, `accessControlTranslations`)",
        config: "—",
    },
    compliant: [
        replicated("a cross-account rule with owner override and the destination's grant", true, undefined, true),
        replicatedFromExternal("a cross-account replication of a bucket not declared in the stack, with owner override and the destination's grant", true, undefined, true),
    ],
    violating: [
        replicated("a cross-account rule without the owner override", true, (r) => withInputs(r, "replication", { rules: [{
        id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: { bucket: ref("destination", "arn"), account: "222222222222", storageClass: "STANDARD", encryptionConfiguration: { replicaKmsKeyId: ref("destination-key", "arn") } },
    }] }), true),
        replicatedFromExternal("a cross-account replication of a bucket not declared in the stack without the owner override", true,
            (r) => withReplicaDestination(r, { accessControlTranslation: undefined }), true),
    ],
});
