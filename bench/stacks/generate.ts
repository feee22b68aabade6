// Deterministic synthetic stacks in `pulumi stack export` form, shaped like what users write with
// @pulumi/aws v7: a bucket plus its side-by-side configuration resources, customer-managed keys with a
// separate key policy, bucket policies and cross-region (often cross-account) replication. About a tenth of
// the buckets carry one planted mistake each, in varied ways, so policies do real work on every run.
import {
    BUCKET_MISCONFIGURATIONS,
    Misconfiguration,
    REPLICATION_MISCONFIGURATIONS,
} from "./misconfigurations";
import {
    bucketPolicyStatements,
    denyInsecureTransport,
    keyPolicy,
    publicReadStatement,
    replicationAssumeRolePolicy,
    replicationRolePolicy,
    toJson,
    wildcardKeyStatement,
    wildcardKmsRoleStatement,
} from "./policyDocuments";
import { policyDocument } from "../../components/policy/types";
import { SeededRandom } from "./seededRandom";
import { PropertyMap, ResourceRef, StackExport, StackExportBuilder, StackExportResource } from "./stackExport";

export interface GenerateOptions {
    /** Stop adding bucket groups once the stack has at least this many resources. */
    resourceCount: number;
    seed?: number;
    /** Share of buckets that get one planted mistake. */
    misconfiguredShare?: number;
}

export interface PlantedMisconfiguration {
    bucketUrn: string;
    kind: Misconfiguration;
}

export interface GeneratedStack {
    stackExport: StackExport;
    resources: StackExportResource[];
    planted: PlantedMisconfiguration[];
    bucketCount: number;
}

export const DEFAULT_SEED = 20261123;

const ACCOUNTS = ["111111111111", "222222222222", "333333333333"] as const;
const REGIONS = ["eu-west-1", "eu-central-1", "us-east-1"] as const;
const APPS = ["orders", "invoices", "audit-logs", "ml-features", "exports", "media", "backups", "reports"] as const;

interface Placement {
    accountId: string;
    region: string;
}

interface KeyRefs {
    name: string;
    key: ResourceRef;
    arn: string;
    placement: Placement;
    rotation: boolean;
    wildcardPolicy: boolean;
    readers: string[];
    writers: string[];
}

interface BucketPlan {
    name: string;
    placement: Placement;
    key: KeyRefs;
    mistake?: Misconfiguration;
    bucket?: ResourceRef;
    arn?: string;
    versioning?: ResourceRef;
    replicationWriter?: string;
}

export function generateStack(options: GenerateOptions): GeneratedStack {
    return new StackGenerator(options).run();
}

class StackGenerator {
    private readonly random: SeededRandom;
    private readonly builder = new StackExportBuilder("bench", "encrypted-buckets");
    private readonly providers = new Map<string, ResourceRef>();
    private readonly planted: PlantedMisconfiguration[] = [];
    private readonly share: number;
    private bucketCount = 0;
    private groupIndex = 0;

    constructor(private readonly options: GenerateOptions) {
        this.random = new SeededRandom(options.seed ?? DEFAULT_SEED);
        this.share = options.misconfiguredShare ?? 0.1;
    }

    run(): GeneratedStack {
        for (const accountId of ACCOUNTS) {
            for (const region of REGIONS) {
                this.addProvider({ accountId, region });
            }
        }
        while (this.builder.resources.length < this.options.resourceCount) {
            const roll = this.random.next();
            if (roll < 0.45) {
                this.standaloneBucket();
            } else if (roll < 0.65) {
                this.bucketsSharingOneKey();
            } else {
                this.replicatedPair();
            }
            this.groupIndex++;
        }
        return {
            stackExport: this.builder.build(),
            resources: this.builder.resources,
            planted: this.planted,
            bucketCount: this.bucketCount,
        };
    }

    // ---- groups -------------------------------------------------------------------------------------------

    private standaloneBucket(): void {
        const placement = this.randomPlacement();
        const plan = this.planBucket(placement, this.pickMistake(false));
        this.emitKey(plan.key, this.keyName(placement));
        this.emitBucket(plan);
        this.emitKeyPolicy(plan.key);
        this.emitBucketPolicy(plan);
    }

    private bucketsSharingOneKey(): void {
        const placement = this.randomPlacement();
        const count = 2 + Math.floor(this.random.next() * 2);
        const first = this.planBucket(placement, this.pickMistake(false));
        const plans = [first];
        for (let i = 1; i < count; i++) {
            plans.push(this.planBucket(placement, this.pickMistake(false), first.key));
        }
        this.emitKey(first.key, this.keyName(placement));
        plans.forEach((plan) => this.emitBucket(plan));
        this.emitKeyPolicy(first.key);
        plans.forEach((plan) => this.emitBucketPolicy(plan));
    }

    private replicatedPair(): void {
        const source = this.randomPlacement();
        const crossAccount = this.random.chance(0.5);
        const destination: Placement = {
            accountId: crossAccount ? this.otherThan(ACCOUNTS, source.accountId) : source.accountId,
            region: this.otherThan(REGIONS, source.region),
        };
        const sourcePlan = this.planBucket(source, this.pickMistake(true));
        const destinationPlan = this.planBucket(destination, this.pickMistake(false));
        this.emitKey(sourcePlan.key, this.keyName(source));
        this.emitKey(destinationPlan.key, this.keyName(destination));
        this.emitBucket(sourcePlan);
        this.emitBucket(destinationPlan, sourcePlan.mistake === "replication-destination-unversioned");

        const roleName = `${sourcePlan.name}-replication`;
        const roleArn = `arn:aws:iam::${source.accountId}:role/${roleName}`;
        const provider = this.provider(source);
        const role = this.builder.addCustom({
            type: "aws:iam/role:Role",
            name: roleName,
            id: roleName,
            provider,
            inputs: { name: roleName, assumeRolePolicy: toJson(replicationAssumeRolePolicy()), forceDetachPolicies: false, maxSessionDuration: 3600, path: "/" },
            computed: { arn: roleArn, uniqueId: `AROA${this.random.hex(17).toUpperCase()}`, createDate: "2026-01-01T00:00:00Z" },
        });
        const roleDocument = replicationRolePolicy({
            sourceBucketArn: sourcePlan.arn ?? "",
            sourceKeyArn: sourcePlan.key.arn,
            destinationBucketArn: destinationPlan.arn ?? "",
            destinationKeyArn: destinationPlan.key.arn,
            sourceRegion: source.region,
            destinationRegion: destination.region,
        });
        if (sourcePlan.mistake === "replication-role-wildcard-kms") {
            roleDocument.Statement = [...roleDocument.Statement.filter((s) => !s.Sid?.includes("Key")), wildcardKmsRoleStatement()];
        }
        this.builder.addCustom({
            type: "aws:iam/rolePolicy:RolePolicy",
            name: `${roleName}-policy`,
            id: `${roleName}:${roleName}-policy`,
            provider,
            inputs: { role: roleName, name: `${roleName}-policy`, policy: toJson(roleDocument) },
            propertyDependencies: {
                role: [role],
                policy: this.defined([sourcePlan.bucket, destinationPlan.bucket, sourcePlan.key.key, destinationPlan.key.key]),
            },
        });

        sourcePlan.key.readers.push(roleArn);
        destinationPlan.key.writers.push(roleArn);
        if (crossAccount) {
            destinationPlan.replicationWriter = roleArn;
        }
        this.emitKeyPolicy(sourcePlan.key, [role]);
        this.emitKeyPolicy(destinationPlan.key, [role]);
        this.emitBucketPolicy(sourcePlan);
        this.emitBucketPolicy(destinationPlan, crossAccount ? [role] : []);
        this.emitReplication(sourcePlan, destinationPlan, role, roleArn, crossAccount);
    }

    // ---- resources ----------------------------------------------------------------------------------------

    private planBucket(placement: Placement, mistake: Misconfiguration | undefined, sharedKey?: KeyRefs): BucketPlan {
        const name = `${APPS[this.groupIndex % APPS.length]}-${this.groupIndex}-${this.bucketCount}-${placement.region}`;
        this.bucketCount++;
        const key = sharedKey ?? {
            name: "",
            key: { urn: "", id: "", outputs: {} },
            arn: "",
            placement,
            rotation: mistake !== "key-rotation-disabled",
            wildcardPolicy: mistake === "key-policy-wildcard-principal",
            readers: [],
            writers: [],
        };
        if (sharedKey !== undefined && mistake === "key-rotation-disabled") {
            sharedKey.rotation = false;
        }
        if (sharedKey !== undefined && mistake === "key-policy-wildcard-principal") {
            sharedKey.wildcardPolicy = true;
        }
        return { name, placement, key, mistake };
    }

    private emitKey(key: KeyRefs, name: string): void {
        const keyId = this.random.uuid();
        key.name = name;
        key.arn = `arn:aws:kms:${key.placement.region}:${key.placement.accountId}:key/${keyId}`;
        const provider = this.provider(key.placement);
        key.key = this.builder.addCustom({
            type: "aws:kms/key:Key",
            name,
            id: keyId,
            provider,
            inputs: {
                description: `Encrypts the objects of ${name}`,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                enableKeyRotation: key.rotation,
                deletionWindowInDays: 30,
                isEnabled: true,
                region: key.placement.region,
                tags: { project: "encrypted-buckets" },
            },
            computed: { arn: key.arn, keyId, multiRegion: false, rotationPeriodInDays: 365, bypassPolicyLockoutSafetyCheck: false },
        });
        this.builder.addCustom({
            type: "aws:kms/alias:Alias",
            name: `${name}-alias`,
            id: `alias/${name}`,
            provider,
            inputs: { name: `alias/${name}`, targetKeyId: keyId, region: key.placement.region },
            computed: { arn: `arn:aws:kms:${key.placement.region}:${key.placement.accountId}:alias/${name}`, targetKeyArn: key.arn },
            propertyDependencies: { targetKeyId: [key.key] },
        });
    }

    private emitKeyPolicy(key: KeyRefs, roles: ResourceRef[] = []): void {
        const document = keyPolicy({ ...key.placement, replicationReaders: key.readers, replicationWriters: key.writers });
        if (key.wildcardPolicy) {
            document.Statement.push(wildcardKeyStatement());
        }
        this.builder.addCustom({
            type: "aws:kms/keyPolicy:KeyPolicy",
            name: `${key.name}-policy`,
            id: key.key.id,
            provider: this.provider(key.placement),
            inputs: { keyId: key.key.id, policy: toJson(document), bypassPolicyLockoutSafetyCheck: false, region: key.placement.region },
            propertyDependencies: { keyId: [key.key], policy: roles },
        });
    }

    private emitBucket(plan: BucketPlan, forceUnversioned = false): void {
        const { name, placement, mistake } = plan;
        const region = placement.region;
        const provider = this.provider(placement);
        plan.arn = `arn:aws:s3:::${name}`;
        const bucket = this.builder.addCustom({
            type: "aws:s3/bucket:Bucket",
            name,
            id: name,
            provider,
            inputs: { bucket: name, forceDestroy: false, region, tags: { project: "encrypted-buckets", app: APPS[this.groupIndex % APPS.length] } },
            computed: {
                arn: plan.arn,
                bucketDomainName: `${name}.s3.amazonaws.com`,
                bucketRegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
                hostedZoneId: "Z1BKCTXD74EZPE",
                objectLockEnabled: false,
            },
        });
        plan.bucket = bucket;
        if (mistake !== undefined) {
            this.planted.push({ bucketUrn: bucket.urn, kind: mistake });
        }
        const onBucket = { bucket: [bucket] };

        if (mistake !== "sse-missing") {
            const algorithm = mistake === "sse-aes256" ? "AES256" : "aws:kms";
            const byDefault: PropertyMap = { sseAlgorithm: algorithm };
            if (mistake === "sse-aws-managed-key") {
                byDefault.kmsMasterKeyId = "alias/aws/s3";
            } else if (algorithm === "aws:kms") {
                byDefault.kmsMasterKeyId = plan.key.arn;
            }
            this.builder.addCustom({
                type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                name: `${name}-encryption`,
                id: name,
                provider,
                inputs: { bucket: name, region, rules: [{ applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled: mistake !== "bucket-key-disabled" }] },
                propertyDependencies: { bucket: [bucket], rules: mistake === "sse-aes256" || mistake === "sse-aws-managed-key" ? [] : [plan.key.key] },
            });
        }
        if (mistake !== "versioning-missing" && !forceUnversioned) {
            plan.versioning = this.builder.addCustom({
                type: "aws:s3/bucketVersioning:BucketVersioning",
                name: `${name}-versioning`,
                id: name,
                provider,
                inputs: { bucket: name, region, versioningConfiguration: { status: mistake === "versioning-suspended" ? "Suspended" : "Enabled" } },
                propertyDependencies: onBucket,
            });
        }
        if (mistake !== "public-access-block-missing") {
            this.builder.addCustom({
                type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                name: `${name}-public-access-block`,
                id: name,
                provider,
                inputs: {
                    bucket: name,
                    region,
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: mistake !== "public-access-block-partial",
                },
                propertyDependencies: onBucket,
            });
        }
        this.builder.addCustom({
            type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
            name: `${name}-ownership`,
            id: name,
            provider,
            inputs: { bucket: name, region, rule: { objectOwnership: mistake === "ownership-object-writer" ? "ObjectWriter" : "BucketOwnerEnforced" } },
            propertyDependencies: onBucket,
        });
    }

    private emitBucketPolicy(plan: BucketPlan, roles: ResourceRef[] = []): void {
        const bucketArn = plan.arn ?? "";
        let statements = bucketPolicyStatements({ bucketArn, keyArn: plan.key.arn, replicationWriter: plan.replicationWriter });
        if (plan.mistake === "bucket-policy-allows-http") {
            const insecure = denyInsecureTransport(bucketArn).Sid;
            statements = statements.filter((statement) => statement.Sid !== insecure);
        }
        if (plan.mistake === "bucket-policy-public-read") {
            statements.push(publicReadStatement(bucketArn));
        }
        this.builder.addCustom({
            type: "aws:s3/bucketPolicy:BucketPolicy",
            name: `${plan.name}-policy`,
            id: plan.name,
            provider: this.provider(plan.placement),
            inputs: { bucket: plan.name, policy: toJson(policyDocument(statements)), region: plan.placement.region },
            propertyDependencies: { bucket: this.defined([plan.bucket]), policy: [...this.defined([plan.bucket, plan.key.key]), ...roles] },
        });
    }

    private emitReplication(source: BucketPlan, destination: BucketPlan, role: ResourceRef, roleArn: string, crossAccount: boolean): void {
        const destinationBlock: PropertyMap = { bucket: destination.arn ?? "", storageClass: "STANDARD" };
        if (source.mistake !== "replication-without-replica-key") {
            destinationBlock.encryptionConfiguration = { replicaKmsKeyId: destination.key.arn };
        }
        if (crossAccount) {
            destinationBlock.account = destination.placement.accountId;
            destinationBlock.accessControlTranslation = { owner: "Destination" };
        }
        const rule: PropertyMap = {
            id: "replicate-everything",
            status: "Enabled",
            priority: 1,
            filter: {},
            deleteMarkerReplication: { status: "Enabled" },
            destination: destinationBlock,
        };
        if (source.mistake !== "replication-without-kms-source-selection") {
            rule.sourceSelectionCriteria = { sseKmsEncryptedObjects: { status: "Enabled" } };
        }
        this.builder.addCustom({
            type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
            name: `${source.name}-replication`,
            id: source.name,
            provider: this.provider(source.placement),
            inputs: { bucket: source.name, role: roleArn, region: source.placement.region, rules: [rule] },
            propertyDependencies: {
                bucket: this.defined([source.bucket]),
                role: [role],
                rules: this.defined([destination.bucket, destination.key.key]),
            },
            // Replication needs versioning on both sides first, the dependency users declare with dependsOn.
            dependsOn: this.defined([source.versioning, destination.versioning]),
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private addProvider(placement: Placement): void {
        const name = `${placement.accountId}-${placement.region}`;
        const provider = this.builder.addProvider(name, this.random.uuid(), {
            region: placement.region,
            allowedAccountIds: [placement.accountId],
            assumeRoles: [{ roleArn: `arn:aws:iam::${placement.accountId}:role/pulumi-deployer` }],
            skipCredentialsValidation: true,
            version: "7.48.0",
        });
        this.providers.set(name, provider);
    }

    private provider(placement: Placement): ResourceRef {
        const provider = this.providers.get(`${placement.accountId}-${placement.region}`);
        if (provider === undefined) {
            throw new Error(`no provider for ${placement.accountId} in ${placement.region}`);
        }
        return provider;
    }

    private randomPlacement(): Placement {
        return { accountId: this.random.pick(ACCOUNTS), region: this.random.pick(REGIONS) };
    }

    private otherThan<T>(items: readonly T[], excluded: T): T {
        return this.random.pick(items.filter((item) => item !== excluded));
    }

    private pickMistake(replicationSource: boolean): Misconfiguration | undefined {
        if (!this.random.chance(this.share)) {
            return undefined;
        }
        const kinds: readonly Misconfiguration[] = replicationSource
            ? [...BUCKET_MISCONFIGURATIONS, ...REPLICATION_MISCONFIGURATIONS]
            : BUCKET_MISCONFIGURATIONS;
        return this.random.pick(kinds);
    }

    private keyName(placement: Placement): string {
        return `${APPS[this.groupIndex % APPS.length]}-${this.groupIndex}-${placement.accountId}-${placement.region}-key`;
    }

    private defined(refs: (ResourceRef | undefined)[]): ResourceRef[] {
        return refs.filter((ref): ref is ResourceRef => ref !== undefined);
    }
}
