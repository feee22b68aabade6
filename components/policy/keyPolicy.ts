// Key policy statements built from role lists (the terraform-aws-kms model), specialised for S3:
// users may only use the key through S3 in the key's region. Statements that grants and
// replications add later come from their own builders (grants.ts, replication*.ts).
import { KEY_ADMINISTRATION_ACTIONS, KEY_DELETION_ACTIONS, KEY_SERVICE_GRANT_ACTIONS, KEY_USER_CRYPTO_ACTIONS, KEY_USER_DESCRIBE_ACTIONS } from "./actions";
import { accountRootArn, parseIamPrincipalArn, s3ViaService } from "./arns";
import { PolicyDocument, policyDocument, PolicyStatement } from "./types";

/** Stable Sids of the base key policy; tests, the policy pack and the IAM oracle refer to them. */
export const KEY_POLICY_SIDS = {
    rootDelegation: "EnableIamPoliciesForKeyAccount",
    administration: "KeyAdministration",
    usageViaS3: "KeyUsageViaS3",
    usageDescribe: "KeyUsageDescribeKey",
    serviceGrants: "KeyServiceGrantsForAwsResources",
} as const;

export interface KeyPolicyRoles {
    /** The account that owns the key. */
    accountId: string;
    /** The key's region; users are limited to `s3.<region>.amazonaws.com`. */
    region: string;
    /** Account-root `kms:*` statement so IAM policies in the key's account can grant use of the key. */
    rootDelegation: boolean;
    administrators: readonly string[];
    /** Whether administrators may schedule (and cancel) key deletion (the console's "Allow key administrators to delete this key", AWS KMS Developer Guide, "Create a KMS key"). */
    administratorsMayDeleteKey: boolean;
    users: readonly string[];
    serviceUsers: readonly string[];
}

/** `string` for one value, array for several: the shape AWS itself returns, and easier to read. */
function oneOrMany(values: readonly string[]): string | string[] {
    return values.length === 1 ? values[0] : [...values];
}

function unique(values: readonly string[]): string[] {
    return [...new Set(values)];
}

/**
 * Lets IAM policies in the key's account grant use of the key. Without it, only principals named
 * in the key policy can use or manage the key, even in the same account.
 */
export function rootDelegationStatement(accountId: string): PolicyStatement {
    return {
        Sid: KEY_POLICY_SIDS.rootDelegation,
        Effect: "Allow",
        Principal: { AWS: accountRootArn(accountId) },
        Action: "kms:*",
        Resource: "*",
    };
}

export function keyAdministratorsStatement(administrators: readonly string[], mayDeleteKey: boolean): PolicyStatement {
    const actions = mayDeleteKey ? [...KEY_ADMINISTRATION_ACTIONS, ...KEY_DELETION_ACTIONS] : [...KEY_ADMINISTRATION_ACTIONS];
    return {
        Sid: KEY_POLICY_SIDS.administration,
        Effect: "Allow",
        Principal: { AWS: oneOrMany(unique(administrators)) },
        Action: actions,
        Resource: "*",
    };
}

/**
 * The default key policy's key-user statement (AWS KMS Developer Guide, "Default key policy"), split in two: the cryptographic actions only through S3 in the key's
 * region and only for the users' own accounts (kms:CallerAccount), and DescribeKey, which callers
 * invoke directly and which would never match a kms:ViaService condition.
 */
export function keyUsersStatements(users: readonly string[], region: string): PolicyStatement[] {
    const principals = unique(users);
    const callerAccounts = unique(principals.map((arn) => parseIamPrincipalArn(arn)?.accountId ?? arn.split(":")[4] ?? ""));
    return [
        {
            Sid: KEY_POLICY_SIDS.usageViaS3,
            Effect: "Allow",
            Principal: { AWS: oneOrMany(principals) },
            Action: [...KEY_USER_CRYPTO_ACTIONS],
            Resource: "*",
            Condition: {
                StringEquals: {
                    "kms:ViaService": s3ViaService(region),
                    "kms:CallerAccount": oneOrMany(callerAccounts),
                },
            },
        },
        {
            Sid: KEY_POLICY_SIDS.usageDescribe,
            Effect: "Allow",
            Principal: { AWS: oneOrMany(principals) },
            Action: [...KEY_USER_DESCRIBE_ACTIONS],
            Resource: "*",
        },
    ];
}

/** Lets integrated AWS services attach grants for these principals, and nothing else. */
export function keyServiceUsersStatement(serviceUsers: readonly string[]): PolicyStatement {
    return {
        Sid: KEY_POLICY_SIDS.serviceGrants,
        Effect: "Allow",
        Principal: { AWS: oneOrMany(unique(serviceUsers)) },
        Action: [...KEY_SERVICE_GRANT_ACTIONS],
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    };
}

/** The base key policy, in reading order; empty role lists produce no statement. */
export function keyPolicyStatements(roles: KeyPolicyRoles): PolicyStatement[] {
    const statements: PolicyStatement[] = [];
    if (roles.rootDelegation) {
        statements.push(rootDelegationStatement(roles.accountId));
    }
    if (roles.administrators.length > 0) {
        statements.push(keyAdministratorsStatement(roles.administrators, roles.administratorsMayDeleteKey));
    }
    if (roles.users.length > 0) {
        statements.push(...keyUsersStatements(roles.users, roles.region));
    }
    if (roles.serviceUsers.length > 0) {
        statements.push(keyServiceUsersStatement(roles.serviceUsers));
    }
    return statements;
}

export function keyPolicyDocument(roles: KeyPolicyRoles, extra: readonly PolicyStatement[] = []): PolicyDocument {
    return policyDocument([...keyPolicyStatements(roles), ...extra]);
}
