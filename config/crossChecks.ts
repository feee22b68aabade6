// Rules that relate fields to each other: references to accounts and shared keys, keys in the
// bucket's account and region, replica regions, and names that must be unique.
import { configPath, ConfigProblem } from "./errors";
import { ROLE_ARN } from "./primitives";
import { parseIamPrincipalArn } from "../components/policy/arns";
import { generatedBucketNameProblem } from "../components/args/fields";
import { deleteMarkerReplicationProblem, duplicatePriorities, duplicatePriorityProblem, sameRegionProblem } from "../components/replicationRules";
import { ParsedKeyChoice, ParsedStackConfig } from "./schema";
import { tagRuleBroken } from "../awsrules";
import { bucketResourceName } from "../components/resourceNames";
import { checkObjectLockReplication } from "./objectLockChecks";
import { checkServiceGrants } from "./serviceGrants";
import { externalKeyRegionProblem } from "./externalKey";
import { checkAccessLogs } from "./accessLogs";
import { checkReplicationMonitoring } from "./replicationMonitoring";
import { checkPackToggles } from "./packToggles";
import { checkExternalReplicas } from "./externalReplicas";
import { checkKeyRoleSeparation } from "../components/customerManagedKeyArgs";
import { defaultKeyAlias, defaultReplicaKeyAlias, replicaBucketComponentName } from "./naming";

type Path = PropertyKey[];

class Problems {
    readonly list: ConfigProblem[] = [];
    add(path: Path, message: string): void {
        this.list.push({ path: configPath(path), message });
    }
}

function accountList(config: ParsedStackConfig): string {
    return Object.keys(config.accounts).join(", ");
}

function checkAccountReference(config: ParsedStackConfig, alias: string, path: Path, problems: Problems): boolean {
    if (Object.prototype.hasOwnProperty.call(config.accounts, alias)) {
        return true;
    }
    problems.add(path, `account alias "${alias}" has no entry in encrypted-buckets:accounts; add accounts.${alias} or use one of: ${accountList(config)}`);
    return false;
}

function checkAccounts(config: ParsedStackConfig, problems: Problems): void {
    for (const [alias, account] of Object.entries(config.accounts)) {
        const roleAccount = ROLE_ARN.exec(account.roleArn)?.[1];
        if (roleAccount !== undefined && roleAccount !== account.accountId) {
            problems.add(
                ["accounts", alias, "roleArn"],
                `the role is in account ${roleAccount} but accounts.${alias}.accountId is ${account.accountId}; the provider must assume a role in the account it deploys to`,
            );
        }
    }
}

/** A shared key may only serve buckets of its own account and region (SSE-KMS needs a same-region key). */
function checkSharedKeyUse(
    config: ParsedStackConfig,
    choice: ParsedKeyChoice,
    account: string,
    region: string | undefined,
    path: Path,
    problems: Problems,
): void {
    if (choice.kind === "external") {
        const problem = externalKeyRegionProblem(choice, region);
        if (problem !== undefined) problems.add(path, problem);
        return;
    }
    if (choice.kind !== "shared") {
        return;
    }
    // Own entries only: a key named like an Object.prototype member ("constructor") is not a shared key.
    const shared = Object.prototype.hasOwnProperty.call(config.keys, choice.name) ? config.keys[choice.name] : undefined;
    if (shared === undefined) {
        const known = Object.keys(config.keys);
        problems.add(path, `shared key "${choice.name}" has no entry in encrypted-buckets:keys; add keys.${choice.name} or use ${known.length ? `one of: ${known.join(", ")}` : "key settings ({ alias: ... })"}`);
        return;
    }
    const keyRegion = shared.region ?? config.accounts[shared.account]?.region;
    if (shared.account !== account) {
        problems.add(path, `shared key "${choice.name}" is in account ${shared.account} but this bucket is in account ${account}; use a key of account ${account} or give the bucket its own key`);
    } else if (region !== undefined && keyRegion !== undefined && keyRegion !== region) {
        problems.add(path, `shared key "${choice.name}" is in ${keyRegion} but this bucket is in ${region}; S3 needs a key in the bucket's region: use a key of ${region} or give the bucket its own key`);
    }
}

interface AliasUse {
    path: Path;
    alias: string;
}

function checkUniqueAliases(config: ParsedStackConfig, problems: Problems): void {
    const uses = new Map<string, AliasUse>();
    const note = (account: string, region: string | undefined, alias: string, path: Path) => {
        if (region === undefined) return;
        const key = `${config.accounts[account]?.accountId ?? account}/${region}/${alias}`;
        const first = uses.get(key);
        if (first !== undefined) {
            problems.add(path, `KMS alias ${alias} is already used by ${configPath(first.path)} in the same account and region; choose another alias`);
        } else {
            uses.set(key, { path, alias });
        }
    };
    for (const [name, key] of Object.entries(config.keys)) {
        note(key.account, key.region ?? config.accounts[key.account]?.region, key.alias, ["keys", name, "alias"]);
    }
    config.buckets.forEach((bucket, i) => {
        const region = bucket.region ?? config.accounts[bucket.account]?.region;
        if (bucket.key.kind === "own") {
            note(bucket.account, region, bucket.key.spec.alias ?? defaultKeyAlias(bucket.name), ["buckets", i, "key", "alias"]);
        }
        bucket.replicas.forEach((replica, j) => {
            if (replica.key.kind === "own") {
                const replicaRegion = replica.region ?? config.accounts[replica.account]?.region;
                note(replica.account, replicaRegion, replica.key.spec.alias ?? defaultReplicaKeyAlias(bucket.name, replica.account, replicaRegion ?? ""), ["buckets", i, "replicas", j, "key", "alias"]);
            }
        });
    });
}

/**
 * Every physical bucket name the configuration sets, with its field: buckets, their replicas and log buckets.
 * S3 bucket names are global to the partition (Amazon S3 User Guide, "General purpose bucket naming rules"),
 * so a name set twice fails the second CreateBucket halfway through `pulumi up`.
 */
function declaredBucketNames(config: ParsedStackConfig): { name: string; path: Path }[] {
    const named: { name: string; path: Path }[] = [];
    const note = (name: string | undefined, path: Path) => {
        if (name !== undefined) named.push({ name, path });
    };
    config.buckets.forEach((bucket, i) => {
        note(bucket.bucketName, ["buckets", i, "bucketName"]);
        bucket.replicas.forEach((replica, j) => note(replica.bucketName, ["buckets", i, "replicas", j, "bucketName"]));
    });
    config.logBuckets.forEach((log, i) => note(log.bucketName, ["logBuckets", i, "bucketName"]));
    return named;
}

/** The first field that sets each physical bucket name (what external replicas are compared with). */
function firstDeclaredBucketNames(config: ParsedStackConfig): Map<string, Path> {
    const first = new Map<string, Path>();
    for (const { name, path } of declaredBucketNames(config)) {
        if (!first.has(name)) first.set(name, path);
    }
    return first;
}

function checkUniqueBucketNames(config: ParsedStackConfig, problems: Problems): void {
    const logical = new Map<string, number>();
    config.buckets.forEach((bucket, i) => {
        const first = logical.get(bucket.name);
        if (first !== undefined) {
            problems.add(["buckets", i, "name"], `duplicate bucket name "${bucket.name}" (also buckets[${first}].name); give each bucket a unique name`);
        } else {
            logical.set(bucket.name, i);
        }
    });
    const physical = new Map<string, Path>();
    for (const { name, path } of declaredBucketNames(config)) {
        const first = physical.get(name);
        if (first !== undefined) {
            problems.add(path, `bucket name "${name}" is also used by ${configPath(first)}; S3 bucket names are global, give each bucket its own`);
        } else {
            physical.set(name, path);
        }
    }
}

function checkGrants(config: ParsedStackConfig, i: number, problems: Problems): void {
    const bucket = config.buckets[i];
    const bucketAccountId = config.accounts[bucket.account]?.accountId;
    const seen = new Map<string, number>();
    bucket.grants.forEach((grant, j) => {
        const path: Path = ["buckets", i, "grants", j];
        const principalAccount = parseIamPrincipalArn(grant.principal)?.accountId;
        const identity = `${grant.principal}|${grant.prefix ?? ""}`;
        const first = seen.get(identity);
        if (first !== undefined) {
            problems.add([...path, "principal"], `${grant.principal} already has a grant on this prefix (grants[${first}]); merge them into one (access: read-write)`);
        } else {
            seen.set(identity, j);
        }
        if (grant.consumerAccount === undefined || !checkAccountReference(config, grant.consumerAccount, [...path, "consumerAccount"], problems)) {
            return;
        }
        const consumerId = config.accounts[grant.consumerAccount].accountId;
        if (principalAccount !== undefined && consumerId !== principalAccount) {
            problems.add(
                [...path, "consumerAccount"],
                `accounts.${grant.consumerAccount} is account ${consumerId} but the principal is in account ${principalAccount}; name the alias of account ${principalAccount}, or omit consumerAccount to export the consumer policy as JSON`,
            );
        } else if (principalAccount === bucketAccountId && grant.consumerAccount !== bucket.account) {
            problems.add([...path, "consumerAccount"], `the principal is in the bucket's own account; omit consumerAccount (same-account grants use the bucket's provider)`);
        }
    });
}

function checkReplicas(config: ParsedStackConfig, i: number, region: string | undefined, declared: ReadonlyMap<string, Path>, problems: Problems): void {
    const bucket = config.buckets[i];
    const destinations = new Map<string, number>();
    let roleName: { value: string; index: number } | undefined;
    bucket.replicas.forEach((replica, j) => {
        const path: Path = ["buckets", i, "replicas", j];
        if (replica.roleName !== undefined) {
            if (roleName !== undefined && roleName.value !== replica.roleName) {
                problems.add(
                    [...path, "roleName"],
                    `is "${replica.roleName}" but replicas[${roleName.index}].roleName is "${roleName.value}"; one role replicates a bucket to all its replicas, so give the same roleName (or set it on one replica only)`,
                );
            }
            roleName ??= { value: replica.roleName, index: j };
        }
        const deleteMarkers = deleteMarkerReplicationProblem(replica.filter, replica.deleteMarkerReplication);
        if (deleteMarkers !== undefined) {
            problems.add([...path, "deleteMarkerReplication"], deleteMarkers);
        }
        if (!checkAccountReference(config, replica.account, [...path, "account"], problems)) {
            return;
        }
        const replicaRegion = replica.region ?? config.accounts[replica.account].region;
        const sameRegion = region === undefined ? undefined : sameRegionProblem(region, replicaRegion, replica.allowSameRegion);
        if (sameRegion !== undefined) {
            problems.add([...path, "region"], sameRegion);
        }
        const destination = `${config.accounts[replica.account].accountId}/${replicaRegion}`;
        const firstDestination = destinations.get(destination);
        if (firstDestination !== undefined) {
            problems.add([...path, "region"], `replicas[${firstDestination}] already replicates to account ${replica.account} in ${replicaRegion}; keep one replica per account and region`);
        } else {
            destinations.set(destination, j);
        }
        checkSharedKeyUse(config, replica.key, replica.account, replicaRegion, [...path, "key"], problems);
    });
    checkExternalReplicas(config, i, region, declared, (path, message) => problems.add(path, message));
    // The program gives each rule this priority (normalize.ts): its own, or its position (external replicas after the owned ones).
    const rules = [
        ...bucket.replicas.map((replica, j) => ({ priority: replica.priority ?? j, field: `replicas[${j}]`, path: ["buckets", i, "replicas", j, "priority"] })),
        ...bucket.externalReplicas.map((entry, k) => ({
            priority: entry.priority ?? bucket.replicas.length + k,
            field: `externalReplicas[${k}]`,
            path: ["buckets", i, "externalReplicas", k, "priority"],
        })),
    ];
    for (const { index, first } of duplicatePriorities(rules.map((rule) => rule.priority))) {
        problems.add(rules[index].path, duplicatePriorityProblem(rules[index].priority, `${rules[first].field}.priority`));
    }
}

/**
 * Without the root statement, only principals named in the policy could ever change it (KMS lockout); and the
 * administrators and users of one key stay apart (separation of duties).
 */
function checkKeyAdministrators(
    config: ParsedStackConfig, spec: { rootDelegation: boolean; administrators: string[]; users: string[] }, account: string, path: Path, problems: Problems,
): void {
    if (!spec.rootDelegation && spec.administrators.length === 0) {
        problems.add([...path, "administrators"], "is empty while rootDelegation is false, so nobody could manage the key; name at least one administrator or keep rootDelegation: true");
    }
    checkKeyRoleSeparation({ ...spec, deployRoleArn: config.accounts[account]?.roleArn }, (at, message) => problems.add([...path, ...at], message));
}

function checkAllKeyAdministrators(config: ParsedStackConfig, problems: Problems): void {
    for (const [name, key] of Object.entries(config.keys)) {
        checkKeyAdministrators(config, key, key.account, ["keys", name], problems);
    }
    config.buckets.forEach((bucket, i) => {
        if (bucket.key.kind === "own") checkKeyAdministrators(config, bucket.key.spec, bucket.account, ["buckets", i, "key"], problems);
        bucket.replicas.forEach((replica, j) => {
            if (replica.key.kind === "own") checkKeyAdministrators(config, replica.key.spec, replica.account, ["buckets", i, "replicas", j, "key"], problems);
        });
    });
}

/**
 * Without bucketName, Pulumi names the bucket `<resource name>-<7 hex>`; a long logical name (replicas
 * add `-replica-<account>-<region>`) would make CreateBucket fail after other resources exist.
 */
function checkGeneratedBucketNames(config: ParsedStackConfig, problems: Problems): void {
    const check = (componentName: string, path: Path) => {
        const problem = generatedBucketNameProblem(bucketResourceName(componentName), "the bucket's name or account alias");
        if (problem !== undefined) {
            problems.add(path, problem);
        }
    };
    config.buckets.forEach((bucket, i) => {
        if (bucket.bucketName === undefined) check(bucket.name, ["buckets", i, "bucketName"]);
        bucket.replicas.forEach((replica, j) => {
            const region = replica.region ?? config.accounts[replica.account]?.region;
            if (replica.bucketName === undefined && region !== undefined) {
                check(replicaBucketComponentName(bucket.name, replica.account, region), ["buckets", i, "replicas", j, "bucketName"]);
            }
        });
    });
}

/** Stack tags go on every resource next to the bucket's own: together they must stay within AWS's limits. */
function checkMergedTags(config: ParsedStackConfig, problems: Problems): void {
    if (config.tags === undefined) return;
    config.buckets.forEach((bucket, i) => {
        if (bucket.tags === undefined) return;
        const broken = tagRuleBroken({ ...config.tags, ...bucket.tags });
        if (broken !== undefined) {
            problems.add(["buckets", i, "tags"], `together with encrypted-buckets:tags ${broken} (AWS tagging rules); drop tags here or from encrypted-buckets:tags`);
        }
    });
}

/**
 * forceDestroy lets S3 delete a bucket with every object and version in it. In a protected stack (prod)
 * it is refused unless the bucket's entry acknowledges it, for the bucket and for each replica alike.
 */
function checkForceDestroy(config: ParsedStackConfig, problems: Problems): void {
    if (!config.protect) {
        return;
    }
    config.buckets.forEach((bucket, i) => {
        if (bucket.acknowledge.forceDestroy) return;
        const fix =
            "this stack is protected (encrypted-buckets:protect is true), and forceDestroy deletes every object and version with the bucket; " +
            "set it to false, or acknowledge it on this bucket with acknowledge: { forceDestroy: true }";
        if (bucket.forceDestroy) {
            problems.add(["buckets", i, "forceDestroy"], `is true; ${fix}`);
        }
        bucket.replicas.forEach((replica, j) => {
            if (replica.forceDestroy) problems.add(["buckets", i, "replicas", j, "forceDestroy"], `is true; ${fix}`);
        });
    });
    config.logBuckets.forEach((log, i) => {
        if (log.forceDestroy && !log.acknowledge.forceDestroy) {
            problems.add(
                ["logBuckets", i, "forceDestroy"],
                "is true; this stack is protected (encrypted-buckets:protect is true), and forceDestroy deletes every access log with the bucket; " +
                    "set it to false, or acknowledge it on this log bucket with acknowledge: { forceDestroy: true }",
            );
        }
    });
}

/** Every cross-field problem of a schema-valid configuration; empty when the config is usable. */
export function crossCheck(config: ParsedStackConfig): ConfigProblem[] {
    const problems = new Problems();
    checkAccounts(config, problems);
    for (const [name, key] of Object.entries(config.keys)) {
        checkAccountReference(config, key.account, ["keys", name, "account"], problems);
    }
    checkUniqueBucketNames(config, problems);
    const declared = firstDeclaredBucketNames(config);
    config.buckets.forEach((bucket, i) => {
        const known = checkAccountReference(config, bucket.account, ["buckets", i, "account"], problems);
        const region = bucket.region ?? (known ? config.accounts[bucket.account].region : undefined);
        checkSharedKeyUse(config, bucket.key, bucket.account, region, ["buckets", i, "key"], problems);
        checkGrants(config, i, problems);
        if (known) problems.list.push(...checkServiceGrants(config, i));
        checkReplicas(config, i, region, declared, problems);
    });
    checkUniqueAliases(config, problems);
    checkAllKeyAdministrators(config, problems);
    checkGeneratedBucketNames(config, problems);
    checkMergedTags(config, problems);
    checkForceDestroy(config, problems);
    problems.list.push(...checkObjectLockReplication(config));
    checkAccessLogs(config, (path, message) => problems.add(path, message));
    checkReplicationMonitoring(config, (path, message) => problems.add(path, message));
    checkPackToggles(config, (path, message) => problems.add(path, message));
    return problems.list;
}
