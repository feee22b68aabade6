// STS GetCallerIdentity and the provider's `aws.iam.getSessionContext`, answered for the provider's own caller:
// its assumed role's session, else the ambient credentials' user (caller.ts), so a program that names "whoever
// deploys" from these functions names the principal the stand-in's AWS rules see making the calls.
import { Caller, ROLE_ARN } from "./caller";
import { fakeIamUniqueId } from "./deterministic";

// "IAM User Guide, IAM identifiers": an assumed-role session is arn:aws:sts::<account>:assumed-role/<role name>/<session name>.
const SESSION_ARN = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;

function uniqueIdOf(caller: Caller): string {
    const role = ROLE_ARN.exec(caller.arn);
    return role === null
        ? fakeIamUniqueId("AIDA", "aws:iam/user:User", caller.arn.slice(caller.arn.lastIndexOf("/") + 1), caller.accountId)
        : fakeIamUniqueId("AROA", "aws:iam/role:Role", role[2], role[1]);
}

/** "AWS STS API Reference, GetCallerIdentity": Account, Arn, and UserId (`<role id>:<session name>` for a role session). */
export function callerIdentity(caller: Caller): Record<string, unknown> {
    const uniqueId = uniqueIdOf(caller);
    return {
        accountId: caller.accountId,
        arn: caller.principal,
        userId: caller.sessionName === undefined ? uniqueId : `${uniqueId}:${caller.sessionName}`,
        id: caller.accountId,
    };
}

/**
 * `aws.iam.getSessionContext`: the IAM role behind an assumed-role session ARN (issuerArn with the role's path, which
 * the real function reads from IAM; the stand-in knows it for the provider's own role), or the ARN itself when it is
 * not a session.
 */
export function sessionContext(args: Record<string, unknown>, caller: Caller): Record<string, unknown> {
    const arn = args["arn"];
    if (typeof arn !== "string" || arn === "") {
        throw new Error("aws.iam.getSessionContext: arn is required");
    }
    const session = SESSION_ARN.exec(arn);
    if (session === null) {
        const name = arn.slice(arn.lastIndexOf("/") + 1);
        return { arn, id: arn, issuerArn: arn, issuerId: "", issuerName: name, sessionName: "" };
    }
    const [, account, roleName, sessionName] = session;
    const own = ROLE_ARN.exec(caller.arn);
    const issuerArn = own !== null && own[1] === account && own[2] === roleName ? caller.arn : `arn:aws:iam::${account}:role/${roleName}`;
    return {
        arn,
        id: arn,
        issuerArn,
        issuerId: fakeIamUniqueId("AROA", "aws:iam/role:Role", roleName, account),
        issuerName: roleName,
        sessionName,
    };
}
