// Compares the configuration with what the last deployment left (program/previousDeployment.ts), before
// anything is registered, so that no ordinary edit loses data:
// - a renamed bucket or log bucket (`name`), account alias or shared key keeps every resource: the new logical names
//   get Pulumi `aliases` to the deployed ones, and names that were defaulted from display names (own key
//   aliases, replication role names, grants' IAM policy names) keep their deployed value;
// - an edit that would replace or orphan a deployed bucket or log bucket (bucketName, region, account) or move a
//   bucket off the key its data is encrypted under is refused, unless the bucket entry acknowledges
//   that very bucket or key (`acknowledge.replaceBucket` / `acknowledge.retireKey`);
// - an entry that leaves `bucketName` unset keeps its deployed physical name (a generated one would replace it);
// - every deployed key the stack stops using is reported: it is retained, never scheduled for deletion.
import { BucketConfig, ConfigProblem, configPath, KeyChoice, LogBucketConfig, replicaBucketComponentName, ReplicaConfig, StackConfig } from "../config";
import { DeployedBucket, DeployedKey, DeployedLogBucket, DeployedSourceBucket, PreviousDeployment, RetainedKey } from "./previousDeployment";
import { sharedKeyResourceName } from "./keys";
import { objectLockChange } from "./objectLockContinuity";
import { providerName } from "./providers";

/** What one deployed bucket (source or replica) keeps across this update. */
export interface BucketContinuity {
    /** Earlier logical names of the bucket's component (its children follow by name prefix). */
    aliases: string[];
    /** The deployed alias of the bucket's own key, when the configured alias is only the default. */
    keyAlias?: string;
    /** Deployed replication role name (source: forward role; replica: return role), when not configured. */
    roleName?: string;
    /**
     * The deployed physical name, when the entry leaves `bucketName` unset: `bucket` is a replace-on-change input of
     * aws.s3.Bucket and an unset one is generated anew, so without it the deployed bucket would be replaced by an empty one.
     */
    bucketName?: string;
}

export interface SourceContinuity extends BucketContinuity {
    replicas: BucketContinuity[];
    /**
     * The entry's name in the last deployment, when it has been renamed since: its grants keep the IAM policy
     * names that were defaulted from it (the aws provider replaces an inline policy whose name changes).
     */
    grantNamesFrom?: string;
    /**
     * Shared keys of this stack the bucket has moved off (`acknowledge.retireKey` names their deployed ARN): the stack
     * still writes their policies, so its reading grants keep a Decrypt statement there for the objects written before.
     */
    retiredSharedKeys?: Array<{ name: string; arn: string }>;
    /**
     * The deployed replication alert topic's name, when the entry leaves `bucketName` unset: the name is otherwise derived
     * from the entry's (renamed) name or the dropped bucketName, and a new name replaces the topic with its subscriptions.
     */
    alertTopicName?: string;
}

export type { RetainedKey } from "./previousDeployment";

/** What one deployed log bucket keeps: its logs are data too. */
export interface LogBucketContinuity {
    /** Earlier logical names of the LogBucket component (its children follow by name prefix). */
    aliases: string[];
    /** The deployed physical name, when the entry leaves `bucketName` unset (as BucketContinuity's). */
    bucketName?: string;
}

export interface Continuity {
    /** By index of `config.buckets`. */
    buckets: SourceContinuity[];
    /** By index of `config.logBuckets`. */
    logBuckets: LogBucketContinuity[];
    /** Shared key name → earlier names. */
    sharedKeyAliases: Record<string, string[]>;
    /** Account alias → earlier aliases of the same account. */
    providerAliases: Record<string, string[]>;
    /** Edits refused for lack of an acknowledgement. */
    problems: ConfigProblem[];
    /** Deployed keys no longer used by the stack: retained by Pulumi, reported to the user. */
    retainedKeys: RetainedKey[];
    /**
     * Every key this stack has retained that still holds its alias: the ones retained now and the ones earlier updates
     * retained (their `retainedKeys` output), less those whose alias a key of the last deployment holds since (someone
     * deleted it, and the stack took the name again). Written back to the `retainedKeys` output.
     */
    keptRetainedKeys: RetainedKey[];
}

export const NO_CONTINUITY = (config: StackConfig): Continuity => ({
    buckets: config.buckets.map((b) => ({ aliases: [], replicas: b.replicas.map(() => ({ aliases: [] })) })),
    logBuckets: config.logBuckets.map(() => ({ aliases: [] })),
    sharedKeyAliases: {},
    providerAliases: {},
    problems: [],
    retainedKeys: [],
    keptRetainedKeys: [],
});

/** The bucket was encrypted by an existing key named by its ARN, which the stack does not own (its output has no alias). */
function deployedUnderExistingKey(deployed: DeployedBucket): boolean {
    return deployed.keyAlias === "";
}

function accountIdOfKeyArn(arn: string): string | undefined {
    return /^arn:[^:]+:kms:[^:]+:(\d{12}):key\//.exec(arn)?.[1];
}

function roleNameOfArn(arn: string | undefined): string | undefined {
    return arn === undefined ? undefined : arn.slice(arn.lastIndexOf("/") + 1) || undefined;
}

const PROCEDURE = 'docs/operations.md, "Move data to a new bucket"';

/** The deployed name to keep registering when the entry leaves bucketName unset, unless the bucket is replaced on purpose. */
function keptBucketName(configured: string | undefined, deployed: string, replacing: boolean): { bucketName?: string } {
    return configured === undefined && !replacing ? { bucketName: deployed } : {};
}

class Planner {
    readonly problems: ConfigProblem[] = [];
    /** Deployed key ARN → still the key of some resource of this stack. */
    private readonly continuing = new Set<string>();
    /** Current shared key name → the deployed shared key it continues. */
    private readonly sharedMatch = new Map<string, DeployedKey>();
    private readonly deployedSharedArns: Set<string>;

    constructor(private readonly config: StackConfig, private readonly previous: PreviousDeployment) {
        this.deployedSharedArns = new Set(previous.sharedKeys.map((k) => k.arn));
    }

    accountIdOf(alias: string): string {
        return this.config.accounts[alias].accountId;
    }

    /** Shared keys continue by name, or by alias in the same account and region when renamed. */
    matchSharedKeys(): Record<string, string[]> {
        const aliases: Record<string, string[]> = {};
        const unclaimed = new Set(this.previous.sharedKeys);
        const current = Object.values(this.config.keys);
        const claim = (name: string, deployed: DeployedKey) => {
            unclaimed.delete(deployed);
            const sameHome = accountIdOfKeyArn(deployed.arn) === this.accountIdOf(this.config.keys[name].account) && deployed.region === this.config.keys[name].region;
            // A key moved to another account or region is a new key (replacementTrigger / region): the deployed one is not continued.
            if (sameHome) {
                this.sharedMatch.set(name, deployed);
                this.continuing.add(deployed.arn);
            }
        };
        for (const key of current) {
            const byName = [...unclaimed].find((d) => d.name === key.name);
            if (byName !== undefined) claim(key.name, byName);
        }
        for (const key of current) {
            if (this.sharedMatch.has(key.name) || this.previous.sharedKeys.some((d) => d.name === key.name)) continue;
            const renamed = [...unclaimed].find(
                (d) => d.alias === key.alias && d.region === key.region && accountIdOfKeyArn(d.arn) === this.accountIdOf(key.account) && this.config.keys[d.name] === undefined,
            );
            if (renamed !== undefined) {
                claim(key.name, renamed);
                aliases[key.name] = [sharedKeyResourceName(renamed.name)];
            }
        }
        return aliases;
    }

    /** An account alias that is new in the config continues a deployed alias of the same account that is gone. */
    matchProviders(): Record<string, string[]> {
        const deployed = new Map<string, { accountId: string; regions: Set<string> }>();
        const note = (alias: string, accountId: string | undefined, region: string) => {
            if (accountId === undefined) return;
            const entry = deployed.get(alias) ?? { accountId, regions: new Set<string>() };
            entry.regions.add(region);
            deployed.set(alias, entry);
        };
        for (const b of this.previous.buckets) {
            note(b.account, b.accountId, b.region);
            b.replicas.forEach((r) => note(r.account, r.accountId, r.region));
        }
        this.previous.sharedKeys.forEach((k) => note(k.account, accountIdOfKeyArn(k.arn), k.region));
        this.previous.logBuckets.forEach((l) => note(l.account, l.accountId, l.region));
        const aliases: Record<string, string[]> = {};
        const gone = [...deployed.entries()].filter(([alias]) => this.config.accounts[alias] === undefined);
        for (const account of Object.values(this.config.accounts)) {
            if (deployed.has(account.alias)) continue;
            const candidates = gone.filter(([, d]) => d.accountId === account.accountId);
            const best = candidates.find(([, d]) => d.regions.has(account.region)) ?? (candidates.length === 1 ? candidates[0] : undefined);
            if (best !== undefined) {
                aliases[account.alias] = [providerName(best[0])];
                gone.splice(gone.indexOf(best), 1);
            }
        }
        return aliases;
    }

    /**
     * Whether `choice` is the deployed key `deployedArn` (so the data under it stays with its bucket).
     * A bucket's own key continues while the bucket does; a shared key continues through sharedMatch.
     */
    private keyContinues(choice: KeyChoice, deployed: DeployedBucket): boolean {
        if (choice.kind === "own") {
            // Its own key only if it had one: not a shared key of the stack, nor an existing key named by ARN.
            return !this.deployedSharedArns.has(deployed.keyArn) && !deployedUnderExistingKey(deployed);
        }
        if (choice.kind === "external") {
            return choice.arn === deployed.keyArn;
        }
        return this.sharedMatch.get(choice.name)?.arn === deployed.keyArn;
    }

    /**
     * Refuses (unless acknowledged) each change of physical name, account or region of a deployed bucket;
     * true when the bucket would be replaced.
     */
    private placementChanges(
        path: PropertyKey[],
        current: { account: string; region: string; bucketName?: string },
        deployed: { accountId: string; region: string; bucketName: string },
        replaceAcknowledged: boolean,
        entry: string,
    ): boolean {
        const accountId = this.accountIdOf(current.account);
        const refuse = (field: string, what: string) => {
            if (!replaceAcknowledged) {
                this.problems.push({
                    path: configPath([...path, field]),
                    message:
                        `${what}: S3 cannot move or rename a bucket, so this would create a new, empty bucket and replace (or orphan) the deployed bucket ` +
                        `${deployed.bucketName} with every object in it. Copy the data to a new ${entry} first (${PROCEDURE}); ` +
                        `to go ahead anyway, add acknowledge: { replaceBucket: [${deployed.bucketName}] } to this ${entry}`,
                });
            }
        };
        let replaced = false;
        if (current.bucketName !== undefined && current.bucketName !== deployed.bucketName) {
            refuse("bucketName", `changes from ${deployed.bucketName} to ${current.bucketName}`);
            replaced = true;
        }
        if (accountId !== deployed.accountId) {
            refuse("account", `moves the bucket from account ${deployed.accountId} to ${accountId} (${current.account})`);
            replaced = true;
        }
        if (current.region !== deployed.region) {
            refuse("region", `moves the bucket from ${deployed.region} to ${current.region}`);
            replaced = true;
        }
        return replaced;
    }

    /** A log bucket continues like a bucket, without a key: renamed entries get aliases, moves are refused. */
    planLogBucket(i: number, log: LogBucketConfig, deployed: DeployedLogBucket | undefined): LogBucketContinuity {
        if (deployed === undefined) {
            return { aliases: [] };
        }
        const replaceAcknowledged = log.acknowledge.replaceBucket.includes(deployed.bucketName);
        const replaced = this.placementChanges(["logBuckets", i], log, deployed, replaceAcknowledged, "log bucket entry");
        return {
            aliases: log.name !== deployed.configName ? [deployed.configName] : [],
            ...keptBucketName(log.bucketName, deployed.bucketName, replaced || replaceAcknowledged),
        };
    }

    /** Checks one matched bucket (source or replica) and returns what it keeps. */
    continueBucket(
        path: PropertyKey[],
        current: { account: string; region: string; bucketName?: string; key: KeyChoice; roleName?: string; objectLock?: unknown },
        deployed: DeployedBucket,
        componentName: string,
        deployedComponentName: string,
        acknowledge: BucketConfig["acknowledge"],
    ): BucketContinuity {
        const replaceAcknowledged = acknowledge.replaceBucket.includes(deployed.bucketName);
        let replaced = this.placementChanges(path, current, deployed, replaceAcknowledged, "bucket entry");
        const lockChange = replaced ? undefined : objectLockChange(deployed, current.objectLock !== undefined);
        if (lockChange !== undefined) {
            replaced = true;
            if (!replaceAcknowledged) {
                this.problems.push({ path: configPath([...path, "objectLock"]), message: lockChange });
            }
        }
        const keyContinues = !replaced && this.keyContinues(current.key, deployed);
        if (keyContinues) {
            this.continuing.add(deployed.keyArn);
        } else if (!replaced && !acknowledge.retireKey.includes(deployed.keyArn)) {
            this.problems.push({
                path: configPath([...path, "key"]),
                message:
                    `moves the bucket off its deployed key ${deployed.keyArn}${deployedUnderExistingKey(deployed) ? "" : ` (${deployed.keyAlias})`}: every object and version already stored stays encrypted under that key, ` +
                    `and only the key can decrypt it. ${deployedUnderExistingKey(deployed) ? "Its owner must keep it enabled and its policy open to this bucket's readers." : "The old key would be retained (never scheduled for deletion) but no longer managed by this stack."} ` +
                    `Re-encrypt the data first (docs/operations.md, "Move data to a new key"); to go ahead, add acknowledge: { retireKey: [${deployed.keyArn}] } to this bucket entry`,
            });
        }
        const own = current.key.kind === "own" ? current.key.spec : undefined;
        return {
            aliases: componentName !== deployedComponentName ? [deployedComponentName] : [],
            ...keptBucketName(current.bucketName, deployed.bucketName, replaced || replaceAcknowledged),
            ...(keyContinues && own?.aliasDefaulted === true && own.alias !== deployed.keyAlias ? { keyAlias: deployed.keyAlias } : {}),
        };
    }

    planBucket(i: number, bucket: BucketConfig, deployed: DeployedSourceBucket | undefined): SourceContinuity {
        const path: PropertyKey[] = ["buckets", i];
        if (deployed === undefined) {
            return { aliases: [], replicas: bucket.replicas.map(() => ({ aliases: [] })) };
        }
        const source = this.continueBucket(path, bucket, deployed, bucket.name, deployed.configName, bucket.acknowledge);
        const configuredRole = bucket.replicas.some((r) => r.roleName !== undefined);
        const deployedRole = roleNameOfArn(deployed.replicationRoleArn);
        const matches = this.matchReplicas(bucket, deployed);
        const replicas = bucket.replicas.map((replica, j) => this.planReplica(bucket, i, j, replica, deployed, matches[j]));
        const retiredSharedKeys = this.retiredSharedKeys(bucket);
        // Renamed in an earlier update too: the policies still carry the name they were first deployed with.
        const grantNamesFrom = deployed.grantNamesFrom ?? deployed.configName;
        return {
            ...source,
            ...(grantNamesFrom !== bucket.name ? { grantNamesFrom } : {}),
            ...(retiredSharedKeys.length > 0 ? { retiredSharedKeys } : {}),
            ...(bucket.bucketName === undefined && deployed.alertTopicName !== undefined ? { alertTopicName: deployed.alertTopicName } : {}),
            ...(!configuredRole && deployedRole !== undefined && (bucket.replicas.length > 0 || bucket.externalReplicas.length > 0) ? { roleName: deployedRole } : {}),
            replicas,
        };
    }

    /** The stack's shared keys whose deployed ARN the bucket retires, other than the key it uses now. */
    private retiredSharedKeys(bucket: BucketConfig): Array<{ name: string; arn: string }> {
        return [...this.sharedMatch.entries()]
            .filter(([name, deployed]) => bucket.acknowledge.retireKey.includes(deployed.arn) && !(bucket.key.kind === "shared" && bucket.key.name === name))
            .map(([name, deployed]) => ({ name, arn: deployed.arn }));
    }

    /**
     * The deployed replica each configured replica continues: by physical name, else by account and Region (every
     * entry first, so one entry's fallback never takes another's exact match). Last, a replica without bucketName
     * whose Region changed (explicitly, or with its account's default): the one deployed replica left in its account
     * is taken as the same bucket, so the move is refused like a named replica's instead of silently replacing it.
     */
    private matchReplicas(bucket: BucketConfig, source: DeployedSourceBucket): (DeployedBucket | undefined)[] {
        const unclaimed = new Set(source.replicas);
        const claim = (found: DeployedBucket | undefined) => {
            if (found !== undefined) unclaimed.delete(found);
            return found;
        };
        const matches = bucket.replicas.map((replica) => (replica.bucketName !== undefined ? claim([...unclaimed].find((d) => d.bucketName === replica.bucketName)) : undefined));
        bucket.replicas.forEach((replica, j) => {
            const accountId = this.accountIdOf(replica.account);
            matches[j] ??= claim([...unclaimed].find((d) => d.accountId === accountId && d.region === replica.region));
        });
        bucket.replicas.forEach((replica, j) => {
            if (matches[j] !== undefined || replica.bucketName !== undefined) return;
            const accountId = this.accountIdOf(replica.account);
            const sameAccount = bucket.replicas.filter((r, k) => matches[k] === undefined && r.bucketName === undefined && this.accountIdOf(r.account) === accountId);
            const candidates = [...unclaimed].filter((d) => d.accountId === accountId);
            if (sameAccount.length === 1 && candidates.length === 1) matches[j] = claim(candidates[0]);
        });
        return matches;
    }

    private planReplica(bucket: BucketConfig, i: number, j: number, replica: ReplicaConfig, source: DeployedSourceBucket, match: DeployedBucket | undefined): BucketContinuity {
        if (match === undefined) {
            return { aliases: [] };
        }
        const continued = this.continueBucket(
            ["buckets", i, "replicas", j],
            replica,
            match,
            replicaBucketComponentName(bucket.name, replica.account, replica.region),
            replicaBucketComponentName(source.configName, match.account, match.region),
            bucket.acknowledge,
        );
        const returnRole = roleNameOfArn(match.returnRoleArn);
        return { ...continued, ...(replica.bidirectional && returnRole !== undefined ? { roleName: returnRole } : {}) };
    }

    retainedKeys(): RetainedKey[] {
        const byArn = new Map<string, RetainedKey>();
        const note = (arn: string, alias: string, user: string) => {
            // An existing key named by ARN (no alias of the stack's) was never the stack's to retain.
            if (this.continuing.has(arn) || alias === "") return;
            const entry = byArn.get(arn) ?? { arn, alias, usedBy: [] };
            entry.usedBy.push(user);
            byArn.set(arn, entry);
        };
        for (const b of this.previous.buckets) {
            note(b.keyArn, b.keyAlias, `bucket ${b.bucketName}`);
            b.replicas.forEach((r) => note(r.keyArn, r.keyAlias, `replica bucket ${r.bucketName}`));
        }
        this.previous.sharedKeys.forEach((k) => note(k.arn, k.alias, `shared key entry ${k.name}`));
        return [...byArn.values()].sort((a, b) => a.arn.localeCompare(b.arn));
    }
}

/** Matches each configured entry to the deployed bucket it continues: by physical name first, then by `name`. */
function matchDeployed<D extends { configName: string; bucketName: string }>(entries: readonly { name: string; bucketName?: string }[], deployed: readonly D[]): (D | undefined)[] {
    const unclaimed = new Set(deployed);
    const matched: (D | undefined)[] = entries.map((entry) => {
        const byPhysical = entry.bucketName !== undefined ? [...unclaimed].find((d) => d.bucketName === entry.bucketName) : undefined;
        if (byPhysical !== undefined) unclaimed.delete(byPhysical);
        return byPhysical;
    });
    return matched.map((found, i) => {
        if (found !== undefined) return found;
        const byName = [...unclaimed].find((d) => d.configName === entries[i].name);
        if (byName !== undefined) unclaimed.delete(byName);
        return byName;
    });
}

/** Pure: what this update must keep, refuse and report, given the last deployment. */
export function planContinuity(config: StackConfig, previous: PreviousDeployment): Continuity {
    const planner = new Planner(config, previous);
    const sharedKeyAliases = planner.matchSharedKeys();
    const providerAliases = planner.matchProviders();
    const matched = matchDeployed(config.buckets, previous.buckets);
    const buckets = config.buckets.map((bucket, i) => planner.planBucket(i, bucket, matched[i]));
    const matchedLogs = matchDeployed(config.logBuckets, previous.logBuckets);
    const logBuckets = config.logBuckets.map((log, i) => planner.planLogBucket(i, log, matchedLogs[i]));
    const retainedKeys = planner.retainedKeys();
    return { buckets, logBuckets, sharedKeyAliases, providerAliases, problems: planner.problems, retainedKeys, keptRetainedKeys: keptRetainedKeys(previous, retainedKeys) };
}

/** The account and Region of a key ARN and an alias name: where KMS keeps the alias unique. */
export function aliasHome(keyArn: string, alias: string): string {
    const [, , , region, account] = keyArn.split(":");
    return `${account}/${region}/${alias}`;
}

function keptRetainedKeys(previous: PreviousDeployment, retainedNow: readonly RetainedKey[]): RetainedKey[] {
    // Aliases the last deployment's own keys hold: a retained key recorded with one of them no longer holds it.
    const held = new Set<string>();
    for (const b of previous.buckets) {
        for (const placed of [b, ...b.replicas]) if (placed.keyAlias !== "") held.add(aliasHome(placed.keyArn, placed.keyAlias));
    }
    previous.sharedKeys.forEach((k) => held.add(aliasHome(k.arn, k.alias)));
    const kept = new Map<string, RetainedKey>();
    for (const key of previous.retainedKeys) {
        if (!held.has(aliasHome(key.arn, key.alias))) kept.set(key.arn, key);
    }
    retainedNow.forEach((key) => kept.set(key.arn, key));
    return [...kept.values()].sort((a, b) => a.arn.localeCompare(b.arn));
}

/** Edits refused because they would replace or orphan deployed data. */
export class RefusedEditError extends Error {
    constructor(public readonly problems: readonly ConfigProblem[]) {
        super(
            `refused: ${problems.length} edit${problems.length === 1 ? "" : "s"} would replace or orphan deployed data (nothing was changed):\n` +
                problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n"),
        );
        this.name = "RefusedEditError";
    }
}

/** The warning printed for a deployed key that leaves the stack. */
export function retainedKeyMessage(key: RetainedKey): string {
    return (
        `KMS key ${key.arn} (${key.alias}), used in the last deployment by ${key.usedBy.join(", ")}, is no longer used by this stack. ` +
        `It is retained, not scheduled for deletion, so objects encrypted under it stay readable; ` +
        `retire it only once no data needs it (docs/operations.md, "Retire a key").`
    );
}
