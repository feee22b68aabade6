// Benchmark 2, raw side: the very resources and inputs the components produce (see dumpRegistrations.ts),
// declared directly with @pulumi/aws and the same pure policy builders, the way a careful user would
// write them by hand: no component resources, no statement accumulators, one apply per policy.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { replicationRule } from "../../components/bucketReplicationRules";
import { bucketGuardrailStatements, resolveGuardrails } from "../../components/policy/bucketPolicy";
import { keyPolicyStatements } from "../../components/policy/keyPolicy";
import { replicationRolePolicy, replicationTrustPolicy } from "../../components/policy/replication";
import { batchOperationsTrustPolicy, batchReplicationRolePolicy } from "../../components/policy/batchReplication";
import { batchRoleName as batchRoleNameOf } from "../../components/policy/replicationNames";
import { destinationBucketReplicationStatements } from "../../components/policy/replicationBucketPolicy";
import { ReplicationBucketEnd } from "../../components/policy/replicationEndpoints";
import { destinationKeyReplicationStatement, sourceKeyReplicationStatement } from "../../components/policy/replicationKeyPolicy";
import { sidFragment } from "../../components/policy/sids";
import { PolicyStatement, policyDocument } from "../../components/policy/types";
import { declareProviders } from "./providers";
import { DESTINATION, SOURCE } from "./variants";

interface Placement {
    accountId: string;
    region: string;
}

interface RawBucket {
    placement: Placement;
    key: aws.kms.Key;
    bucket: aws.s3.Bucket;
    versioning: aws.s3.BucketVersioning;
    publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    end: pulumi.Output<ReplicationBucketEnd>;
}

const GUARDRAILS = resolveGuardrails();
const DESTINATION_NAME = "backup";

export function declareReplicatedBuckets(count: number): void {
    const { source: sourceProvider, destination: destinationProvider } = declareProviders();
    for (let i = 0; i < count; i++) {
        declareReplicatedPair(i, sourceProvider, destinationProvider);
    }
}

function declareReplicatedPair(i: number, sourceProvider: aws.Provider, destinationProvider: aws.Provider): void {
    const source = declareBucket(`source-${i}`, `eb-source-${i}`, SOURCE, sourceProvider);
    const destination = declareBucket(`destination-${i}`, `eb-destination-${i}`, DESTINATION, destinationProvider);
    const prefix = `replication-${i}`;
    const roleName = `${prefix}-replication`;
    // Statements are told apart by the role they serve, named as BucketReplication names them.
    const roleSidToken = sidFragment(roleName);
    const destinationSidToken = sidFragment(DESTINATION_NAME);
    const opts = { provider: sourceProvider };

    const role = new aws.iam.Role(
        `${prefix}-role`,
        {
            name: roleName,
            path: "/",
            description: `S3 replication from ${SOURCE.region} (1 destination(s)), managed by ${prefix}`,
            assumeRolePolicy: JSON.stringify(replicationTrustPolicy()),
            tags: {},
        },
        opts,
    );
    const rolePolicy = new aws.iam.RolePolicy(
        `${prefix}-role-policy`,
        {
            role: role.name,
            name: "s3-replication",
            policy: pulumi.all([source.end, destination.end]).apply(([sourceEnd, destinationEnd]) =>
                JSON.stringify(
                    replicationRolePolicy({ source: sourceEnd, destinations: [{ ...destinationEnd, sidToken: destinationSidToken, ownerOverride: true }] }),
                ),
            ),
        },
        opts,
    );

    // The Batch Operations role for the source's existing objects, as BucketReplication creates it.
    const batchRoleName = batchRoleNameOf(roleName);
    const batchRole = new aws.iam.Role(
        `${prefix}-batch-role`,
        {
            name: batchRoleName,
            path: "/",
            description: `S3 Batch Replication of the existing objects of the source of ${prefix}`,
            assumeRolePolicy: JSON.stringify(batchOperationsTrustPolicy()),
            tags: {},
        },
        opts,
    );
    new aws.iam.RolePolicy(
        `${prefix}-batch-role-policy`,
        { role: batchRole.name, name: "s3-batch-replication", policy: source.end.apply((end) => JSON.stringify(batchReplicationRolePolicy(end.bucketArn))) },
        opts,
    );

    const sourceKeyPolicy = declareKeyPolicy(`source-${i}`, source, sourceProvider, (roleArn, end) => [
        sourceKeyReplicationStatement({ roleArn, roleSidToken, source: end }),
    ], role);
    const destinationKeyPolicy = declareKeyPolicy(`destination-${i}`, destination, destinationProvider, (roleArn, end) => [
        destinationKeyReplicationStatement({ roleArn, roleSidToken, destinationSidToken, destination: end }),
    ], role);
    // The source side adds no statements and, as in BucketReplication, takes no dependency on the role.
    declareBucketPolicy(`source-${i}`, source, sourceProvider, () => [], undefined);
    const destinationPolicy = declareBucketPolicy(`destination-${i}`, destination, destinationProvider, (roleArn, end) =>
        destinationBucketReplicationStatements({ roleArn, roleSidToken, destinationBucketArn: end.bucketArn, ownerOverride: true }),
    role);

    new aws.s3.BucketReplicationConfig(
        `${prefix}-config`,
        {
            bucket: source.bucket.id,
            role: role.arn,
            region: SOURCE.region,
            rules: [
                destination.end.apply((end) =>
                    replicationRule({
                        id: `${prefix}-to-${DESTINATION_NAME}`,
                        priority: 0,
                        destinationBucketArn: end.bucketArn,
                        replicaKmsKeyArn: end.keyArn,
                        destinationAccountId: end.accountId,
                        ownerOverride: true,
                        deleteMarkerReplication: true,
                        replicaModifications: false,
                        replicationTimeControl: false,
                    }),
                ),
            ],
        },
        { ...opts, dependsOn: [source.versioning, sourceKeyPolicy, destination.versioning, destinationKeyPolicy, destinationPolicy, rolePolicy], deletedWith: source.bucket },
    );
}

function declareBucket(name: string, bucketName: string, placement: Placement, provider: aws.Provider): RawBucket {
    const opts = { provider };
    const region = placement.region;
    const alias = `alias/s3/${name}`;
    const key = new aws.kms.Key(
        `${name}-cmk-key`,
        {
            description: `SSE-KMS key ${alias}`,
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            multiRegion: false,
            isEnabled: true,
            bypassPolicyLockoutSafetyCheck: false,
            region,
            tags: {},
        },
        // The components' data-safety options (docs/architecture.md, "Data safety"), so both sides register the same.
        { ...opts, retainOnDelete: true, protect: false, replacementTrigger: placement.accountId },
    );
    new aws.kms.Alias(`${name}-cmk-alias`, { name: alias, targetKeyId: key.keyId, region }, { ...opts, deletedWith: key });
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: bucketName, forceDestroy: false, region, tags: {} }, { ...opts, protect: false, replacementTrigger: placement.accountId });
    const guardrail = { ...opts, deletedWith: bucket };
    new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        { bucket: bucket.id, region, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
        guardrail,
    );
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, region, versioningConfiguration: { status: "Enabled" } }, guardrail);
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access-block`,
        { bucket: bucket.id, region, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        guardrail,
    );
    const end = pulumi.all([bucket.arn, key.arn]).apply(([bucketArn, keyArn]) => ({ bucketArn, keyArn, region, accountId: placement.accountId, bucketKeyEnabled: true }));
    return { placement, key, bucket, versioning, publicAccessBlock, end };
}

type ExtraStatements = (roleArn: string, end: ReplicationBucketEnd) => PolicyStatement[];

function declareKeyPolicy(name: string, raw: RawBucket, provider: aws.Provider, extra: ExtraStatements, role: aws.iam.Role): aws.kms.KeyPolicy {
    const base = keyPolicyStatements({
        ...raw.placement,
        rootDelegation: true,
        administrators: [],
        administratorsMayDeleteKey: true,
        users: [],
        serviceUsers: [],
    });
    return new aws.kms.KeyPolicy(
        `${name}-cmk-policy`,
        {
            keyId: raw.key.keyId,
            policy: pulumi.all([role.arn, raw.end]).apply(([roleArn, end]) => JSON.stringify(policyDocument([...base, ...extra(roleArn, end)]))),
            bypassPolicyLockoutSafetyCheck: false,
            region: raw.placement.region,
        },
        { provider, deletedWith: raw.key },
    );
}

function declareBucketPolicy(name: string, raw: RawBucket, provider: aws.Provider, extra: ExtraStatements, role: aws.iam.Role | undefined): aws.s3.BucketPolicy {
    const region = raw.placement.region;
    const policy = new aws.s3.BucketPolicy(
        `${name}-policy`,
        {
            bucket: raw.bucket.id,
            region,
            policy: pulumi.all([role?.arn ?? "", raw.bucket.bucket, raw.end]).apply(([roleArn, bucketName, end]) =>
                JSON.stringify(policyDocument([...bucketGuardrailStatements({ bucketName, keyArn: end.keyArn }, GUARDRAILS), ...extra(roleArn, end)])),
            ),
        },
        { provider, dependsOn: [raw.publicAccessBlock], deletedWith: raw.bucket },
    );
    new aws.s3.BucketOwnershipControls(
        `${name}-ownership`,
        { bucket: raw.bucket.id, region, rule: { objectOwnership: "BucketOwnerEnforced" } },
        { provider, dependsOn: [policy], deletedWith: raw.bucket },
    );
    return policy;
}
