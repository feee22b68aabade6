import { coversAction, coversResource, isAllow } from "../model/iam";
import { Statement } from "../model/policyDocument";
import { isUnknown } from "../model/values";
import { describe, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { allReplications } from "./replicationFacts";
import { EXTERNAL_SOURCE_ARN, replicated, replicatedFromExternal, replicationRoleS3Statements, withInputs } from "../fixtures/stacks";
import { jsonOf, ref } from "../fixtures/format";

export const S3_REPLICATION_ROLE_KMS_LEAST_PRIVILEGE = "s3-replication-role-kms-least-privilege";

const FIX = "scope the role's kms:Decrypt / kms:Encrypt / kms:GenerateDataKey statements to the source and replica key ARNs (optionally with kms:ViaService = s3.<region>.amazonaws.com)";

/** An Allow of a KMS data action on every key (`Resource: "*"`) with no condition narrowing it. */
function grantsAllKeys(s: Statement): boolean {
    if (isAllow(s) !== true || isUnknown(s.conditions) || s.conditions.length > 0) {
        return false;
    }
    const everyKey = coversResource(s, "arn:aws:kms:any-region:000000000000:key/any-key") === true
        && coversResource(s, "arn:aws:kms:other-region:999999999999:key/other-key") === true;
    return everyKey && ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"].some((a) => coversAction(s, a) === true);
}

export const s3ReplicationRoleKmsLeastPrivilege = stackPolicy<ExemptionConfig>(
    {
        name: S3_REPLICATION_ROLE_KMS_LEAST_PRIVILEGE,
        description: "Replication roles use only the replication's keys: no KMS data actions on every key (Resource \"*\") without a condition.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        const seen = new Set<string>();
        for (const replication of allReplications(index)) {
            for (const role of replication.roles) {
                if (seen.has(role.resource.urn)) {
                    continue;
                }
                seen.add(role.resource.urn);
                for (const policy of role.policies) {
                    if (isUnknown(policy.statements) || !policy.statements) {
                        continue;
                    }
                    if (policy.statements.some(grantsAllKeys)) {
                        report(findingOn(role.resource, policy.resource,
                            `lets replication role ${describe(role.resource)} use every KMS key in every account that trusts it`, FIX));
                    }
                }
            }
        }
    },
);

const EVERY_KEY = { Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], Resource: "*" };

export const definition = definePolicy({
    policy: s3ReplicationRoleKmsLeastPrivilege,
    doc: {
        checks: "The replication role has no unconditioned KMS data action on every key (`Resource: \"*\"`).",
        shapes: "IAM shapes (roles of replications of buckets the stack declares or not)",
        config: "—",
    },
    compliant: [
        replicated("KMS actions on the two keys only", true),
        replicatedFromExternal("the role of a replication of a bucket not declared in the stack with KMS actions on the replica key only", true),
    ],
    violating: [
        replicated("kms:Decrypt on every key (the policy JSON embeds bucket ARNs: unknown in preview)", false, (r) => withInputs(r, "replication-role-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            ...replicationRoleS3Statements(), EVERY_KEY,
        ] }) })),
        replicatedFromExternal("KMS actions on every key for the role of a replication of a bucket not declared in the stack (the policy JSON embeds the destination's ARN: unknown in preview)", false,
            (r) => withInputs(r, "replication-role-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [...replicationRoleS3Statements(true, EXTERNAL_SOURCE_ARN), EVERY_KEY] }) })),
    ],
});
