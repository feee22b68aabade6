// Turns a schema-valid, cross-checked configuration into the StackConfig the program reads:
// defaults filled in, regions explicit, grant principals parsed.
import { parseIamPrincipalArn } from "../components/policy/arns";
import { defaultDeleteMarkerReplication } from "../components/replicationRules";
import { ParsedKeyChoice, ParsedStackConfig } from "./schema";
import { defaultKeyAlias, defaultReplicaKeyAlias } from "./naming";
import { normalizeServiceGrants } from "./serviceGrants";
import { normalizeAccessLogs, normalizeLogBuckets } from "./accessLogs";
import { AccountConfig, BucketConfig, ExternalReplicaConfig, GrantConfig, KeyChoice, ReplicaConfig, SharedKeyConfig, StackConfig } from "./types";

type ParsedBucket = ParsedStackConfig["buckets"][number];

function keyChoice(choice: ParsedKeyChoice, defaultAlias: string): KeyChoice {
    if (choice.kind === "shared") {
        return { kind: "shared", name: choice.name };
    }
    if (choice.kind === "external") {
        return choice;
    }
    const { alias, description, ...rest } = choice.spec;
    return {
        kind: "own",
        spec: { alias: alias ?? defaultAlias, ...(alias === undefined ? { aliasDefaulted: true } : {}), ...(description !== undefined ? { description } : {}), ...rest },
    };
}

function grants(bucket: ParsedBucket, bucketAccountId: string): GrantConfig[] {
    return bucket.grants.map((grant) => {
        const principal = parseIamPrincipalArn(grant.principal);
        if (principal === undefined) {
            throw new Error(`internal: grant principal ${grant.principal} passed validation but is not an IAM ARN`);
        }
        return {
            principal: grant.principal,
            principalAccountId: principal.accountId,
            principalKind: principal.kind,
            access: grant.access,
            ...(grant.prefix !== undefined ? { prefix: grant.prefix } : {}),
            ...(grant.consumerAccount !== undefined ? { consumerAccount: grant.consumerAccount } : {}),
            crossAccount: principal.accountId !== bucketAccountId,
        };
    });
}

function replicas(bucket: ParsedBucket, accounts: Record<string, AccountConfig>): ReplicaConfig[] {
    return bucket.replicas.map((replica, index) => {
        const region = replica.region ?? accounts[replica.account].region;
        const { key, priority, region: _region, deleteMarkerReplication, ...rest } = replica;
        return {
            ...rest,
            deleteMarkerReplication: deleteMarkerReplication ?? defaultDeleteMarkerReplication(replica.filter),
            region,
            key: keyChoice(key, defaultReplicaKeyAlias(bucket.name, replica.account, region)),
            priority: priority ?? index,
        };
    });
}

function externalReplicas(bucket: ParsedBucket): ExternalReplicaConfig[] {
    return bucket.externalReplicas.map((entry, index) => {
        const { priority, deleteMarkerReplication, ...rest } = entry;
        return {
            ...rest,
            deleteMarkerReplication: deleteMarkerReplication ?? defaultDeleteMarkerReplication(entry.filter),
            priority: priority ?? bucket.replicas.length + index,
        };
    });
}

export function normalize(parsed: ParsedStackConfig): StackConfig {
    const accounts: Record<string, AccountConfig> = {};
    for (const [alias, account] of Object.entries(parsed.accounts)) {
        accounts[alias] = { alias, ...account };
    }
    const keys: Record<string, SharedKeyConfig> = {};
    for (const [name, key] of Object.entries(parsed.keys)) {
        keys[name] = { name, ...key, region: key.region ?? accounts[key.account].region, protect: key.protect ?? parsed.protect };
    }
    const buckets: BucketConfig[] = parsed.buckets.map(({ accessLogs, ...bucket }) => ({
        ...bucket,
        ...(accessLogs !== undefined ? { accessLogs: normalizeAccessLogs(bucket.name, accessLogs) } : {}),
        protect: bucket.protect ?? parsed.protect,
        region: bucket.region ?? accounts[bucket.account].region,
        key: keyChoice(bucket.key, defaultKeyAlias(bucket.name)),
        grants: grants(bucket, accounts[bucket.account].accountId),
        ...normalizeServiceGrants(bucket, accounts),
        replicas: replicas(bucket, accounts),
        externalReplicas: externalReplicas(bucket),
    }));
    const logBuckets = normalizeLogBuckets(parsed.logBuckets, accounts, parsed.protect);
    return { accounts, keys, buckets, logBuckets, ...(parsed.tags !== undefined ? { tags: parsed.tags } : {}), protect: parsed.protect };
}
