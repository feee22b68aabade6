// The IAM roles the stack's replications create, named before anything is registered, so a name used twice in
// one account is refused up front. IAM role names are unique per account whatever their case ("Names are not
// distinguished by case", IAM API Reference, "CreateRole", RoleName): a second CreateRole with the same name fails
// with EntityAlreadyExists halfway through `pulumi up`, and with a brought role of that name, the stack's own
// inline policy would land on someone else's role. Each BucketReplication checks its own roles; this checks them
// across buckets, against the roles brought with `replicationRoleArn`, and against each account's deploying role.
import { BucketConfig, ConfigProblem, configPath, ReplicaConfig, StackConfig } from "../config";
import { batchRoleName, defaultReturnRoleName } from "../components/policy/replicationNames";
import { SourceContinuity } from "./continuity";

/** IAM role names are per account, so the stack name keeps dev and prod apart in a shared account. */
export function defaultReplicationRoleName(stack: string, bucket: string): string {
    return `${stack}-${bucket}-replication`.slice(0, 64);
}

/** The BucketReplication a bucket's replicas are declared with (program/replications.ts). */
export function replicationComponentName(bucket: BucketConfig): string {
    return `${bucket.name}-replication`;
}

/** A replica's destination name inside its bucket's replication (rule ids, Sids, the return role's default name). */
export function replicaDestinationName(replica: ReplicaConfig): string {
    return `${replica.account}-${replica.region}`;
}

/** The forward role's name: configured, else the deployed one, else `<stack>-<bucket>-replication`. */
export function forwardRoleName(bucket: BucketConfig, stack: string, continuity: Pick<SourceContinuity, "roleName">): string {
    return bucket.replicas.find((r) => r.roleName !== undefined)?.roleName ?? continuity.roleName ?? defaultReplicationRoleName(stack, bucket.name);
}

interface NamedRole {
    accountId: string;
    roleName: string;
    /** e.g. `the replication role of bucket raw`. */
    what: string;
    /** The config field that sets (or would set) the name; undefined when no field can change it. */
    field?: readonly PropertyKey[];
    /** Brought with `replicationRoleArn`, or an account's deploying role: it exists already, the stack does not create it. */
    brought?: true;
}

/** A role's name: the last segment of its ARN (a path, `role/ops/deploy`, comes before it). */
function roleNameOf(roleArn: string): string {
    return roleArn.split("/").pop() ?? roleArn;
}

/**
 * The role each account's provider assumes (`accounts.<alias>.roleArn`) exists before the stack runs, so a
 * replication role the stack would create under its name fails CreateRole with EntityAlreadyExists halfway
 * through `pulumi up` (IAM API Reference, "CreateRole": role names are unique in an account whatever their case).
 */
function deployRoles(config: StackConfig): NamedRole[] {
    return Object.entries(config.accounts).map(([alias, account]) => ({
        accountId: account.accountId,
        roleName: roleNameOf(account.roleArn),
        what: `the role accounts.${alias} deploys with (roleArn)`,
        brought: true,
    }));
}

function rolesOf(bucket: BucketConfig, i: number, config: StackConfig, stack: string, continuity: SourceContinuity | undefined): NamedRole[] {
    if (bucket.replicas.length === 0 && bucket.externalReplicas.length === 0) {
        return [];
    }
    const accountId = config.accounts[bucket.account].accountId;
    if (bucket.replicationRoleArn !== undefined) {
        const name = roleNameOf(bucket.replicationRoleArn);
        return [{ accountId, roleName: name, what: `the replication role bucket ${bucket.name} brings (replicationRoleArn)`, field: ["buckets", i, "replicationRoleArn"], brought: true }];
    }
    const configured = bucket.replicas.findIndex((r) => r.roleName !== undefined);
    const roleField = ["buckets", i, "replicas", configured < 0 ? 0 : configured, "roleName"];
    const forward = forwardRoleName(bucket, stack, continuity ?? {});
    const roles: NamedRole[] = [
        { accountId, roleName: forward, what: `the replication role of bucket ${bucket.name}`, field: roleField },
        { accountId, roleName: batchRoleName(forward), what: `the S3 Batch Operations role of bucket ${bucket.name}`, field: roleField },
    ];
    bucket.replicas.forEach((replica, j) => {
        if (!replica.bidirectional) return;
        const name = continuity?.replicas[j]?.roleName ?? defaultReturnRoleName(replicationComponentName(bucket), replicaDestinationName(replica));
        roles.push({ accountId: config.accounts[replica.account].accountId, roleName: name, what: `the return role of bucket ${bucket.name}'s replica in ${replica.account}/${replica.region}` });
    });
    return roles;
}

/** One problem per role whose name an earlier role of the same account already has. */
export function duplicateReplicationRoleNames(config: StackConfig, stack: string, continuity: readonly SourceContinuity[]): ConfigProblem[] {
    const roles = config.buckets.flatMap((bucket, i) => rolesOf(bucket, i, config, stack, continuity[i]));
    const keyOf = (role: NamedRole): string => `${role.accountId}:${role.roleName.toLowerCase()}`;
    // Deploying roles are only compared with the roles the stack creates: two aliases of one account may share one,
    // and a brought role that is also a deploying role creates nothing.
    const deploying = new Map(deployRoles(config).map((role) => [keyOf(role), role]));
    const first = new Map<string, NamedRole>();
    const problems: ConfigProblem[] = [];
    for (const role of roles) {
        const key = keyOf(role);
        const earlier = first.get(key) ?? (role.brought === undefined ? deploying.get(key) : undefined);
        if (earlier === undefined) {
            first.set(key, role);
            continue;
        }
        // Report on a role the stack creates and a field names (the later one first); a brought role exists already.
        const reportable = (r: NamedRole): boolean => r.field !== undefined && r.brought === undefined;
        const [at, other] = reportable(role) || !reportable(earlier) ? [role, earlier] : [earlier, role];
        const path = configPath(at.field ?? ["buckets"]);
        if (problems.some((p) => p.path === path)) {
            // A role and its Batch Operations role clash together: one fix, one problem.
            continue;
        }
        problems.push({
            path,
            message:
                `${at.what} would be named "${at.roleName}" in account ${at.accountId}, like ${other.what} ("${other.roleName}"; IAM role names are unique ` +
                `in an account whatever their case). Fix: give one of them another roleName`,
        });
    }
    return problems;
}
