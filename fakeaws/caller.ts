// Who the stand-in's AWS calls come from: the provider's assumed role, as STS names its session
// (IAM User Guide, "IAM identifiers", section "IAM ARNs": arn:aws:sts::<account>:assumed-role/<role
// name>/<session name>), or, with no role to assume, an IAM user of the provider's account standing
// for ambient credentials.
import type { AwsContext } from "./context";
import { assumedRoleOf } from "./context";

export interface Caller {
    /** The principal as services see it in a request (session ARN for a role). */
    principal: string;
    /** The IAM role or user ARN a policy would name. */
    arn: string;
    accountId: string;
    /** The role's session name; absent for a user. */
    sessionName?: string;
}

export const AMBIENT_CALLER_NAME = "standin-ambient-credentials";

/** An IAM role ARN, path or not: account and role name. */
export const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

export function callerOf(providerInputs: Record<string, unknown>, ctx: AwsContext): Caller {
    const role = assumedRoleOf(providerInputs);
    const match = role === undefined ? null : ROLE_ARN.exec(role.roleArn);
    if (role === undefined || match === null) {
        const arn = `arn:aws:iam::${ctx.accountId}:user/${AMBIENT_CALLER_NAME}`;
        return { principal: arn, arn, accountId: ctx.accountId };
    }
    const sessionName = role.sessionName ?? "pulumi";
    return { principal: `arn:aws:sts::${match[1]}:assumed-role/${match[2]}/${sessionName}`, arn: role.roleArn, accountId: match[1], sessionName };
}
