// Who the stand-in's AWS calls come from: the provider's assumed role, as STS names its session
// (IAM User Guide, "IAM identifiers", section "IAM ARNs": arn:aws:sts::<account>:assumed-role/<role
// name>/<session name>), or, with no role to assume, an IAM user of the provider's account standing
// for ambient credentials.
import { assumedRoleOf, AwsContext } from "../../fakeaws";

export interface Caller {
    /** The principal as services see it in a request (session ARN for a role). */
    principal: string;
    /** The IAM role or user ARN a policy would name. */
    arn: string;
    accountId: string;
}

export const AMBIENT_CALLER_NAME = "standin-ambient-credentials";

export function callerOf(providerInputs: Record<string, unknown>, ctx: AwsContext): Caller {
    const role = assumedRoleOf(providerInputs);
    const match = role === undefined ? null : /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(role.roleArn);
    if (role === undefined || match === null) {
        const arn = `arn:aws:iam::${ctx.accountId}:user/${AMBIENT_CALLER_NAME}`;
        return { principal: arn, arn, accountId: ctx.accountId };
    }
    return { principal: `arn:aws:sts::${match[1]}:assumed-role/${match[2]}/${role.sessionName ?? "pulumi"}`, arn: role.roleArn, accountId: match[1] };
}
