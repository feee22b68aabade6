// What the stack's last deployment left: its own stack outputs (`buckets`, `sharedKeys`), read through a
// StackReference to this very stack before anything else is registered. The outputs name every bucket
// by its physical name with its account, region and key ARN, which is what an edit must be compared
// against to tell a rename from a replacement. The outputs are the previous deployment's until this
// update finishes: the engine records the stack's new outputs only at its end.
import * as pulumi from "@pulumi/pulumi";

export interface DeployedBucket {
    /** The bucket's `name` in the configuration it was deployed from. */
    configName: string;
    /** The account alias it was deployed with. */
    account: string;
    accountId: string;
    region: string;
    bucketName: string;
    keyArn: string;
    /** The alias of the stack's own key; "" for an existing key the bucket names by ARN (the stack does not own it). */
    keyAlias: string;
    /** Created with S3 Object Lock; outputs of versions before Object Lock support read as false (they could not set it). */
    objectLockEnabled: boolean;
    /** The role that replicated it (source buckets with replicas). */
    replicationRoleArn?: string;
    /** The role replicating back from this replica (bidirectional replicas). */
    returnRoleArn?: string;
}

export interface DeployedSourceBucket extends DeployedBucket {
    replicas: DeployedBucket[];
    /** The entry name its grants' IAM policy names were derived from, when not `configName` (renamed earlier). */
    grantNamesFrom?: string;
    /** The name of its replication alert topic (`replicationAlerts` output), when a replica was monitored. */
    alertTopicName?: string;
}

export interface DeployedKey {
    name: string;
    account: string;
    region: string;
    arn: string;
    alias: string;
}

/** A server access log bucket (`logBuckets` output): no key (SSE-S3), its data are the logs. */
export interface DeployedLogBucket {
    configName: string;
    account: string;
    accountId: string;
    region: string;
    bucketName: string;
}

/**
 * A key of this stack that an earlier update stopped using (`retainedKeys` output): Pulumi dropped it from the state
 * without scheduling its deletion, so it still exists with its alias (the alias is `deletedWith` the key) and still
 * decrypts the objects written under it. Kept in the outputs from update to update, since the buckets and keys that
 * used it are no longer there to say so, and its alias stays taken in its account and Region.
 */
export interface RetainedKey {
    arn: string;
    alias: string;
    /** Who used it in the deployment that retained it, e.g. `bucket acme-dev-data-raw`. */
    usedBy: string[];
}

export interface PreviousDeployment {
    buckets: DeployedSourceBucket[];
    sharedKeys: DeployedKey[];
    logBuckets: DeployedLogBucket[];
    retainedKeys: RetainedKey[];
}

export const NO_PREVIOUS_DEPLOYMENT: PreviousDeployment = { buckets: [], sharedKeys: [], logBuckets: [], retainedKeys: [] };

function record(value: unknown): Record<string, unknown> | undefined {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** One bucket entry of the `buckets` output; undefined when a field this check needs is missing. */
function deployedBucket(configName: string, value: unknown): DeployedBucket | undefined {
    const entry = record(value);
    if (entry === undefined) return undefined;
    const [account, accountId, region, bucketName, keyArn] = ["account", "accountId", "region", "bucketName", "keyArn"].map((k) => text(entry[k]));
    if (account === undefined || accountId === undefined || region === undefined || bucketName === undefined || keyArn === undefined) {
        return undefined;
    }
    // An existing key has no alias here (ExternalKey's aliasName is ""): the bucket must still be compared, or a
    // changed bucketName, a move or a key switch of a bucket under an existing key would go through unrefused.
    const keyAlias = typeof entry["keyAlias"] === "string" ? entry["keyAlias"] : undefined;
    if (keyAlias === undefined) {
        return undefined;
    }
    // A brought role is not the program's: its name is never continued into a created role.
    const replicationRoleArn = entry["replicationRoleBrought"] === true ? undefined : text(entry["replicationRoleArn"]);
    const returnRoleArn = text(entry["returnRoleArn"]);
    return {
        configName,
        account,
        accountId,
        region,
        bucketName,
        keyArn,
        keyAlias,
        objectLockEnabled: entry["objectLockEnabled"] === true,
        ...(replicationRoleArn !== undefined ? { replicationRoleArn } : {}),
        ...(returnRoleArn !== undefined ? { returnRoleArn } : {}),
    };
}

/**
 * Parses the stack outputs this program writes (program/outputs.ts). Tolerant: an entry that lacks a
 * field is left out, so outputs of an older version of the program still give what they can.
 */
export function parsePreviousOutputs(outputs: Record<string, unknown>): PreviousDeployment {
    const buckets: DeployedSourceBucket[] = [];
    for (const [configName, value] of Object.entries(record(outputs["buckets"]) ?? {})) {
        const bucket = deployedBucket(configName, value);
        if (bucket === undefined) continue;
        const replicaList = record(value)?.["replicas"];
        const replicas = (Array.isArray(replicaList) ? replicaList : [])
            .map((replica) => deployedBucket(configName, replica))
            .filter((replica): replica is DeployedBucket => replica !== undefined);
        const grantNamesFrom = text(record(value)?.["grantNamesFrom"]);
        // The topic's name is the last part of its ARN (arn:aws:sns:<region>:<account>:<name>).
        const alertTopicName = text(record(record(outputs["replicationAlerts"])?.[configName])?.["topicArn"])?.split(":")[5];
        buckets.push({ ...bucket, replicas, ...(grantNamesFrom !== undefined ? { grantNamesFrom } : {}), ...(alertTopicName ? { alertTopicName } : {}) });
    }
    const sharedKeys: DeployedKey[] = [];
    for (const [name, value] of Object.entries(record(outputs["sharedKeys"]) ?? {})) {
        const entry = record(value);
        const [account, region, arn, alias] = ["account", "region", "arn", "alias"].map((k) => text(entry?.[k]));
        if (account !== undefined && region !== undefined && arn !== undefined && alias !== undefined) {
            sharedKeys.push({ name, account, region, arn, alias });
        }
    }
    const logBuckets: DeployedLogBucket[] = [];
    for (const [configName, value] of Object.entries(record(outputs["logBuckets"]) ?? {})) {
        const entry = record(value);
        const [account, accountId, region, bucketName] = ["account", "accountId", "region", "bucketName"].map((k) => text(entry?.[k]));
        if (account !== undefined && accountId !== undefined && region !== undefined && bucketName !== undefined) {
            logBuckets.push({ configName, account, accountId, region, bucketName });
        }
    }
    const retainedKeys: RetainedKey[] = [];
    for (const value of Array.isArray(outputs["retainedKeys"]) ? (outputs["retainedKeys"] as unknown[]) : []) {
        const entry = record(value);
        const [arn, alias] = ["arn", "alias"].map((k) => text(entry?.[k]));
        const usedBy = Array.isArray(entry?.["usedBy"]) ? (entry["usedBy"] as unknown[]).filter((u): u is string => typeof u === "string") : [];
        if (arn !== undefined && alias !== undefined) {
            retainedKeys.push({ arn, alias, usedBy });
        }
    }
    return { buckets, sharedKeys, logBuckets, retainedKeys };
}

/** The logical name of the read; also what mocks answer (fakeaws/pulumiMocks.ts). */
export const PREVIOUS_DEPLOYMENT_RESOURCE = "previous-deployment";

/** The fully qualified name of the running stack, as a StackReference names it. */
export function currentStackName(): string {
    return `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
}

/**
 * Reads this stack's outputs as its last deployment left them. A stack never deployed has none. Only
 * `buckets`, `sharedKeys`, `logBuckets`, `replicationAlerts` and `retainedKeys` are read; none holds a secret.
 */
export async function readPreviousDeployment(): Promise<PreviousDeployment> {
    const self = new pulumi.StackReference(PREVIOUS_DEPLOYMENT_RESOURCE, { name: currentStackName() });
    const [buckets, sharedKeys, logBuckets, replicationAlerts, retainedKeys] = await Promise.all(
        ["buckets", "sharedKeys", "logBuckets", "replicationAlerts", "retainedKeys"].map((name) => self.getOutputDetails(name)),
    );
    return parsePreviousOutputs({
        buckets: buckets.value ?? buckets.secretValue,
        retainedKeys: retainedKeys.value ?? retainedKeys.secretValue,
        sharedKeys: sharedKeys.value ?? sharedKeys.secretValue,
        logBuckets: logBuckets.value ?? logBuckets.secretValue,
        replicationAlerts: replicationAlerts.value ?? replicationAlerts.secretValue,
    });
}
