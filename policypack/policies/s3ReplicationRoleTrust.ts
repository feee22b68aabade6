import { coversAction, isAllow, isDeny } from "../model/iam";
import { InvalidPolicyDocument, parsePolicy, PrincipalSet, Statement } from "../model/policyDocument";
import { RoleModel } from "../model/stackIndex";
import { andTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN } from "../model/values";
import { describe, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { allReplications, externalSource } from "./replicationFacts";
import { definePolicy } from "./definition";
import { replicated, replicatedFromExternal, withInputs } from "../fixtures/stacks";
import { jsonOf } from "../fixtures/format";
import { trustsEveryone } from "./publicTrustFacts";

export const S3_REPLICATION_ROLE_TRUST = "s3-replication-role-trust";

/** The service that assumes a replication configuration's role ("Setting up permissions for live replication"). */
const S3_SERVICE = "s3.amazonaws.com";
const ASSUME_ROLE = "sts:AssumeRole";
const TRUST_STATEMENT = `{"Effect":"Allow","Principal":{"Service":"${S3_SERVICE}"},"Action":"${ASSUME_ROLE}"}`;
const FIX = `add ${TRUST_STATEMENT} to the role's assumeRolePolicy (optionally with an aws:SourceAccount condition naming the source bucket's account)`;
const PUBLIC_FIX = `name the principals that may assume the role (for replication, ${TRUST_STATEMENT}), or pin the caller with a condition such as {"StringEquals":{"aws:PrincipalOrgID":"<organization id>"}} or {"StringEquals":{"aws:SourceAccount":"<source account>"}}`;

/** Does the principal block name S3, or everyone? */
function namesS3(set: PrincipalSet | undefined): Tri {
    if (set === undefined) {
        return false;
    }
    if (set.wildcard === true) {
        return true;
    }
    const named = set.service.some((s) => typeof s === "string" && s.toLowerCase() === S3_SERVICE);
    return named ? true : set.unknown || isUnknown(set.wildcard) ? UNKNOWN : false;
}

/**
 * May S3 assume the role under these trust statements? An Allow naming S3 (its conditions, e.g. aws:SourceAccount,
 * are trusted) unless a Deny for S3 without conditions takes it away; anything the pack can't read is a maybe.
 */
export function trustsS3(statements: readonly Statement[]): Tri {
    let allowed: Tri = false;
    for (const s of statements) {
        // An Allow with NotPrincipal (IAM discourages it in trust policies) may name S3 by omission: a maybe.
        const who: Tri = s.notPrincipal !== undefined ? UNKNOWN : namesS3(s.principal);
        const action = who === false ? false : coversAction(s, ASSUME_ROLE);
        if (action === false) {
            continue;
        }
        const applies = andTri(who, action);
        if (isDeny(s) === true) {
            // Deny wins; one with conditions (or unreadable ones) may not apply to S3's request: it doesn't decide.
            if (applies === true && !isUnknown(s.conditions) && s.conditions.length === 0) {
                return false;
            }
            continue;
        }
        const allow = isAllow(s);
        if (allow === true && applies === true) {
            allowed = true;
        } else if (allow !== false && allowed === false) {
            allowed = UNKNOWN;
        }
    }
    return allowed;
}

function checkRole(role: RoleModel, of: string, report: (problem: string, fix: string) => void): void {
    const raw = role.resource.props["assumeRolePolicy"];
    let statements;
    try {
        statements = parsePolicy(raw);
    } catch (e) {
        if (e instanceof InvalidPolicyDocument) {
            report(`is the replication role of ${of} but its assumeRolePolicy is not a policy document (${e.message}), so IAM refuses it`, FIX);
        }
        return;
    }
    if (statements === undefined || isUnknown(statements)) {
        return; // absent (the provider refuses a role without one) or not known yet
    }
    if (trustsS3(statements) === false) {
        report(`is the replication role of ${of} but its trust policy doesn't let ${S3_SERVICE} call ${ASSUME_ROLE}, so S3 can't assume it: PutBucketReplication succeeds and then no object replicates`, FIX);
    }
    for (const s of statements) {
        if (trustsEveryone(s) === true) {
            report(`is the replication role of ${of} and its trust policy statement${s.sid ? ` "${s.sid}"` : ""} lets ${s.principal === undefined ? "everyone but its NotPrincipal" : "Principal \"*\""} call ${ASSUME_ROLE} without a condition that pins the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, ...), so any AWS account can assume it and read the source bucket with its key`, PUBLIC_FIX);
        }
    }
}

export const s3ReplicationRoleTrust = stackPolicy<ExemptionConfig>(
    {
        name: S3_REPLICATION_ROLE_TRUST,
        description: "The role of a replication configuration trusts the S3 service (s3.amazonaws.com may call sts:AssumeRole), so S3 can act with it, and does not trust everyone.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        const judged = new Set<RoleModel>();
        for (const replication of allReplications(index)) {
            for (const role of replication.roles) {
                if (judged.has(role)) {
                    continue;
                }
                judged.add(role);
                checkRole(role, `${describe(replication.resource)}${externalSource(replication)}`, (problem, fix) =>
                    report(findingOn(role.resource, role.resource, problem, fix)));
            }
        }
    },
);

const TRUST_EC2 = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ASSUME_ROLE }] };

export const definition = definePolicy({
    policy: s3ReplicationRoleTrust,
    doc: {
        checks: "An in-stack role named by a replication configuration has a trust policy (`assumeRolePolicy`) with an Allow for `Service: s3.amazonaws.com` (or `\"*\"`) covering `sts:AssumeRole` (its conditions, such as `aws:SourceAccount`, are trusted), and no unconditional Deny of it; and no trust Allow of `sts:AssumeRole` to everyone (`Principal \"*\"`, `{\"AWS\": \"*\"}`, `NotPrincipal`) without a condition pinning the caller to fixed values of `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:userid`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID` or a network key (operators and fixed values as for bucket policies), since IAM accepts such a trust and any account could then assume the role. S3 does not check the trust when the configuration is written: replication fails object by object afterwards. A role the stack only names by ARN is not judged (its trust can't be seen).",
        shapes: "`aws.iam.Role.assumeRolePolicy` (JSON text or object) of the role of a `BucketReplicationConfig`, inline `replicationConfiguration(s)` or native `replicationConfiguration`",
        config: "—",
    },
    compliant: [
        replicated("a replication role trusted by s3.amazonaws.com", true),
        replicated("a replication role trusted by S3 with an aws:SourceAccount condition", true, (r) => withInputs(r, "replication-role", {
            assumeRolePolicy: jsonOf({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Principal: { Service: [S3_SERVICE, "batchoperations.s3.amazonaws.com"] }, Action: ASSUME_ROLE, Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } } },
            ] }),
        })),
        replicated("a replication role trusted by S3 and by any principal of one organization", true, (r) => withInputs(r, "replication-role", {
            assumeRolePolicy: jsonOf({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Principal: { Service: S3_SERVICE }, Action: ASSUME_ROLE },
                { Sid: "Organization", Effect: "Allow", Principal: { AWS: "*" }, Action: ASSUME_ROLE, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
            ] }),
        })),
    ],
    violating: [
        replicated("a replication role only EC2 may assume", true, (r) => withInputs(r, "replication-role", { assumeRolePolicy: jsonOf(TRUST_EC2) })),
        replicated("a replication role whose trust Allow for S3 is taken away by a Deny", true, (r) => withInputs(r, "replication-role", {
            assumeRolePolicy: jsonOf({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Principal: { Service: S3_SERVICE }, Action: ASSUME_ROLE },
                { Effect: "Deny", Principal: "*", Action: "sts:*" },
            ] }),
        })),
        replicated("a replication role every AWS account may assume (Principal \"*\" next to the S3 trust)", true, (r) => withInputs(r, "replication-role", {
            assumeRolePolicy: jsonOf({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Principal: { Service: S3_SERVICE }, Action: ASSUME_ROLE },
                { Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: ASSUME_ROLE },
            ] }),
        })),
        replicatedFromExternal("the role of a replication of a bucket not declared in the stack, trusted only by EC2", true,
            (r) => withInputs(r, "replication-role", { assumeRolePolicy: jsonOf(TRUST_EC2) })),
    ],
});
