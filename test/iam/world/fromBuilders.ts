// A reference topology assembled straight from the pure builders in components/policy, the way
// the components wire them. It lets the scenarios run before synth exists and covers every
// scenario on its own: data account with a compatible and a strict bucket, same- and
// cross-account readers and writers, and cross-account, cross-region replication with bucket
// keys on and off. The stack-export world (fromStackExport.ts) is the one that counts.
import { bucketArn, kmsKeyArn } from "../../../components/policy/arns";
import { bucketGuardrailStatements, resolveGuardrails, type EncryptionHeaderMode } from "../../../components/policy/bucketPolicy";
import { grantBucketPolicyStatements, grantIdentityPolicy, grantKeyPolicyStatement } from "../../../components/policy/grants";
import { keyPolicyStatements } from "../../../components/policy/keyPolicy";
import { replicationRolePolicy, replicationTrustPolicy } from "../../../components/policy/replication";
import { destinationBucketReplicationStatements } from "../../../components/policy/replicationBucketPolicy";
import { destinationKeyReplicationStatement, sourceKeyReplicationStatement } from "../../../components/policy/replicationKeyPolicy";
import { defaultReplicationRoleName, replicationRoleArn, sidToken } from "../../../components/policy/replicationNames";
import { sidFragment } from "../../../components/policy/sids";
import { policyDocument, type PolicyStatement } from "../../../components/policy/types";
import { logBucketPolicyStatements } from "../../../components/policy/logDelivery";
import type { AlertTopicFacts, LogBucketFacts } from "./types";
import { alarmArn, alertTopicPolicy, replicationAlarmNames } from "../../../components/policy/replicationMonitoring";
import type { BucketFacts, GrantAccess, GrantFacts, HeaderMode, KeyFacts, LintTarget, ReplicationFacts, World } from "./types";

export const REFERENCE_ACCOUNTS = { data: "111111111111", consumer: "222222222222", replica: "333333333333" } as const;
const DATA_REGION = "eu-west-1";
const REPLICA_REGION = "eu-central-1";

interface BucketPlan {
    name: string;
    accountId: string;
    region: string;
    keyId: string;
    bucketKeyEnabled: boolean;
    headerMode: HeaderMode;
    administrators: string[];
    grants: Array<{ principalArn: string; access: GrantAccess }>;
    replicaOf?: string;
}

const PLANS: BucketPlan[] = [
    {
        name: "raw",
        accountId: REFERENCE_ACCOUNTS.data,
        region: DATA_REGION,
        keyId: "0a0a0a0a-0000-4000-8000-000000000001",
        bucketKeyEnabled: true,
        headerMode: "compatible",
        administrators: [`arn:aws:iam::${REFERENCE_ACCOUNTS.data}:role/KeyAdmin`],
        grants: [
            { principalArn: `arn:aws:iam::${REFERENCE_ACCOUNTS.data}:role/ingest`, access: "read-write" },
            { principalArn: `arn:aws:iam::${REFERENCE_ACCOUNTS.data}:role/analyst`, access: "read" },
            { principalArn: `arn:aws:iam::${REFERENCE_ACCOUNTS.consumer}:role/reporting`, access: "read" },
            { principalArn: `arn:aws:iam::${REFERENCE_ACCOUNTS.consumer}:user/uploader`, access: "write" },
        ],
    },
    {
        name: "curated",
        accountId: REFERENCE_ACCOUNTS.data,
        region: DATA_REGION,
        keyId: "0a0a0a0a-0000-4000-8000-000000000002",
        bucketKeyEnabled: false,
        headerMode: "strict",
        administrators: [`arn:aws:iam::${REFERENCE_ACCOUNTS.data}:role/KeyAdmin`],
        grants: [{ principalArn: `arn:aws:iam::${REFERENCE_ACCOUNTS.consumer}:role/partner`, access: "read-write" }],
    },
    {
        name: "raw-replica",
        accountId: REFERENCE_ACCOUNTS.replica,
        region: REPLICA_REGION,
        keyId: "0a0a0a0a-0000-4000-8000-000000000003",
        bucketKeyEnabled: true,
        headerMode: "compatible",
        administrators: [],
        grants: [],
        replicaOf: "raw",
    },
    {
        name: "curated-replica",
        accountId: REFERENCE_ACCOUNTS.replica,
        region: REPLICA_REGION,
        keyId: "0a0a0a0a-0000-4000-8000-000000000004",
        bucketKeyEnabled: false,
        headerMode: "strict",
        administrators: [],
        grants: [],
        replicaOf: "curated",
    },
];

function guardrailMode(mode: HeaderMode): EncryptionHeaderMode {
    return mode;
}

function accountOf(principalArn: string): string {
    return principalArn.split(":")[4];
}

/** Builds the reference world; every document is exactly what the builders return. */
export function referenceWorld(): World {
    const bucketStatements = new Map<string, PolicyStatement[]>();
    const keyStatements = new Map<string, PolicyStatement[]>();
    const keyArnOf = (plan: BucketPlan): string => kmsKeyArn(plan.region, plan.accountId, plan.keyId);
    const bucketNameOf = (plan: BucketPlan): string => `${plan.name}-${plan.accountId}`;

    for (const plan of PLANS) {
        bucketStatements.set(
            plan.name,
            bucketGuardrailStatements(
                { bucketName: bucketNameOf(plan), keyArn: keyArnOf(plan) },
                resolveGuardrails({ encryptionHeader: guardrailMode(plan.headerMode) }),
            ),
        );
        keyStatements.set(
            plan.name,
            keyPolicyStatements({
                accountId: plan.accountId,
                region: plan.region,
                rootDelegation: true,
                administrators: plan.administrators,
                administratorsMayDeleteKey: false,
                users: [],
                serviceUsers: [],
            }),
        );
    }

    const grantDocs: Array<{ plan: BucketPlan; principalArn: string; access: GrantAccess; document: ReturnType<typeof grantIdentityPolicy> }> = [];
    for (const plan of PLANS) {
        for (const grant of plan.grants) {
            const subject = {
                principalArn: grant.principalArn,
                principalAccountId: accountOf(grant.principalArn),
                access: grant.access,
                sidBase: `Grant${sidFragment(grant.principalArn.split("/").pop() ?? "")}${sidFragment(grant.access)}`,
            };
            const target = {
                bucketName: bucketNameOf(plan),
                bucketAccountId: plan.accountId,
                region: plan.region,
                keyArn: keyArnOf(plan),
                objectOwnership: "BucketOwnerEnforced" as const,
            };
            keyStatements.get(plan.name)?.push(grantKeyPolicyStatement(subject, target));
            bucketStatements.get(plan.name)?.push(...grantBucketPolicyStatements(subject, target));
            grantDocs.push({ plan, principalArn: grant.principalArn, access: grant.access, document: grantIdentityPolicy(subject, target) });
        }
    }

    const replicationDocs: Array<{ source: BucketPlan; destination: BucketPlan; roleArn: string }> = [];
    const rolePolicies = new Map<string, ReturnType<typeof replicationRolePolicy>>();
    for (const destination of PLANS.filter((p) => p.replicaOf !== undefined)) {
        const source = PLANS.find((p) => p.name === destination.replicaOf);
        if (source === undefined) {
            throw new Error(`reference topology: ${destination.name} replicates unknown ${destination.replicaOf}`);
        }
        const roleName = defaultReplicationRoleName(source.name);
        const roleArn = replicationRoleArn(source.accountId, roleName);
        const roleToken = sidToken(roleName);
        const sourceEnd = {
            bucketArn: bucketArn(bucketNameOf(source)),
            keyArn: keyArnOf(source),
            region: source.region,
            accountId: source.accountId,
            bucketKeyEnabled: source.bucketKeyEnabled,
        };
        const destinationEnd = {
            bucketArn: bucketArn(bucketNameOf(destination)),
            keyArn: keyArnOf(destination),
            region: destination.region,
            accountId: destination.accountId,
            bucketKeyEnabled: destination.bucketKeyEnabled,
        };
        keyStatements.get(source.name)?.push(sourceKeyReplicationStatement({ roleArn, roleSidToken: roleToken, source: sourceEnd }));
        keyStatements
            .get(destination.name)
            ?.push(destinationKeyReplicationStatement({ roleArn, roleSidToken: roleToken, destinationSidToken: sidToken(destination.name), destination: destinationEnd }));
        bucketStatements
            .get(destination.name)
            ?.push(...destinationBucketReplicationStatements({ roleArn, roleSidToken: roleToken, destinationBucketArn: destinationEnd.bucketArn, ownerOverride: false }));
        rolePolicies.set(
            roleArn,
            replicationRolePolicy({ source: sourceEnd, destinations: [{ ...destinationEnd, sidToken: sidToken(destination.name), ownerOverride: false }] }),
        );
        replicationDocs.push({ source, destination, roleArn });
    }

    const keys = new Map<string, KeyFacts>();
    const buckets = new Map<string, BucketFacts>();
    for (const plan of PLANS) {
        const key: KeyFacts = {
            name: `${plan.name}-key`,
            arn: keyArnOf(plan),
            accountId: plan.accountId,
            region: plan.region,
            policy: { name: `key policy of ${plan.name}`, document: policyDocument(keyStatements.get(plan.name) ?? []) },
            administrators: plan.administrators,
            rootDelegation: true,
        };
        keys.set(plan.name, key);
        buckets.set(plan.name, {
            name: plan.name,
            bucketName: bucketNameOf(plan),
            arn: bucketArn(bucketNameOf(plan)),
            accountId: plan.accountId,
            region: plan.region,
            key,
            bucketKeyEnabled: plan.bucketKeyEnabled,
            guardrails: {
                encryptionHeader: plan.headerMode,
                requireTls: true,
                denyWrongEncryptionHeaders: true,
                denyKmsHeaderWithoutKeyId: true,
                minimumTlsVersion: "1.2",
                denySigV2: true,
                denySseC: true,
            },
            policy: { name: `bucket policy of ${plan.name}`, document: policyDocument(bucketStatements.get(plan.name) ?? []) },
        });
    }
    const bucket = (name: string): BucketFacts => {
        const found = buckets.get(name);
        if (found === undefined) {
            throw new Error(`reference topology: no bucket ${name}`);
        }
        return found;
    };

    const grants: GrantFacts[] = grantDocs.map((g) => ({
        principalArn: g.principalArn,
        principalAccountId: accountOf(g.principalArn),
        access: g.access,
        bucket: bucket(g.plan.name),
        identityPolicy: { name: `IAM policy of ${g.principalArn} for ${g.plan.name}`, document: g.document },
    }));
    const replications: ReplicationFacts[] = replicationDocs.map((r) => ({
        roleArn: r.roleArn,
        rolePolicies: [{ name: `role policy of ${r.roleArn}`, document: rolePolicies.get(r.roleArn) ?? policyDocument([]) }],
        trustPolicy: { name: `trust policy of ${r.roleArn}`, document: replicationTrustPolicy() },
        source: bucket(r.source.name),
        destination: bucket(r.destination.name),
        ownerOverride: false,
    }));

    const logBuckets: LogBucketFacts[] = [referenceLogBucket(bucket("raw"))];
    const alertTopics: AlertTopicFacts[] = [referenceAlertTopic(bucket("raw"))];
    const policies: LintTarget[] = [
        ...[...buckets.values()].flatMap((b) => [
            { policy: b.key.policy, kind: "key" as const },
            ...(b.policy === undefined ? [] : [{ policy: b.policy, kind: "bucket" as const }]),
        ]),
        ...grants.map((g) => ({ policy: g.identityPolicy, kind: "identity" as const })),
        ...replications.flatMap((r) => [
            ...r.rolePolicies.map((policy) => ({ policy, kind: "identity" as const })),
            { policy: r.trustPolicy, kind: "trust" as const },
        ]),
        ...logBuckets.flatMap((l) => (l.policy === undefined ? [] : [{ policy: l.policy, kind: "bucket" as const }])),
    ];
    return { label: "builders (reference topology)", buckets: [...buckets.values()], grants, replications, logBuckets, alertTopics, policies };
}

/** The access log bucket of `source`'s account and Region, taking `source`'s logs under `<name>/`. */
function referenceLogBucket(source: BucketFacts): LogBucketFacts {
    const bucketName = `access-logs-${source.accountId}`;
    const sources = [{ name: source.name, bucketArn: source.arn, accountId: source.accountId, prefix: `${source.name}/` }];
    return {
        name: "access-logs",
        bucketName,
        arn: bucketArn(bucketName),
        accountId: source.accountId,
        region: source.region,
        policy: { name: "bucket policy of access-logs", document: policyDocument(logBucketPolicyStatements(bucketName, sources)) },
        sources,
    };
}


/** The replication alert topic of `source` (monitoring its rule to raw-replica). */
function referenceAlertTopic(source: BucketFacts): AlertTopicFacts {
    const topicName = `${source.name}-replication-alerts`;
    const arn = `arn:aws:sns:${source.region}:${source.accountId}:${topicName}`;
    const alarmArns = Object.values(replicationAlarmNames(topicName, `${source.name}-to-replica`)).map((n) => alarmArn(source.region, source.accountId, n));
    const facts = { topicArn: arn, accountId: source.accountId, sourceBucketArn: source.arn, alarmArns };
    return { arn, accountId: source.accountId, region: source.region, policy: { name: `topic policy of ${topicName}`, document: alertTopicPolicy(facts) }, sourceBucketArn: source.arn, alarmArns };
}
