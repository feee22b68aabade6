// The world of one example stack: intent from Pulumi.<stack>.yaml (who is granted what, header
// mode, key administrators), and every policy document from the synth output, i.e. exactly the
// JSON `pulumi up` would send to AWS. Correlation uses deployed values only: bucket names (bucket
// and SSE-config inputs), key ids (KeyPolicy inputs), role names and ARNs (Role, RolePolicy,
// BucketReplicationConfig inputs) and the stack outputs, never resource naming conventions.
import * as path from "path";
import { parseStackConfig, type BucketConfig, type GuardrailsConfig, type KeyChoice, type KeySpec, type StackConfig } from "../../../config";
import { contextFromProvider } from "../../../fakeaws";
import type { PolicyDocument, PolicyStatement } from "../../../components/policy/types";
import { rootDelegationStatement } from "../../../components/policy/keyPolicy";
import { readStackConfigFile } from "../../../tools/synth/stackConfigFile";
import { parseProviderReference, STACK_TYPE, type ExportedResource, type StackExport } from "../../../tools/synth/exportFormat";
import type { NamedPolicy } from "../support/oracle";
import type { AlertTopicFacts, BatchRoleFacts, BucketFacts, GrantFacts, KeyFacts, LintTarget, LogBucketFacts, OrganizationReadFacts, ReplicationFacts, ServiceGrantFacts, World } from "./types";

const PROJECT_DIR = path.resolve(__dirname, "../../..");

const T = {
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    sseConfig: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    managedPolicy: "aws:iam/policy:Policy",
    replicationConfig: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    bucketLogging: "aws:s3/bucketLogging:BucketLogging",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    notification: "aws:s3/bucketNotification:BucketNotification",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    bucket: "aws:s3/bucket:Bucket",
} as const;

interface Placement {
    accountId: string;
    region: string;
    bucketName: string;
    arn: string;
    keyArn: string;
}

interface BucketOutputShape extends Placement {
    replicas: Placement[];
    batchReplicationRoleArn?: string;
}

interface ConsumerPolicyShape {
    bucket: string;
    principal: string;
    prefix?: string;
    policyJson: string;
}

interface ExternalReplicaShape {
    destinationBucketArn: string;
    destinationAccountId: string;
    destinationRegion: string;
    replicaKeyArn: string;
    roleArn: string;
    bucketPolicyJson: string;
    keyPolicyJson: string;
}

interface OrganizationPolicyShape {
    bucket: string;
    organizationId: string;
    prefix?: string;
    policyJson: string;
}

function str(value: unknown, what: string): string {
    if (typeof value !== "string") {
        throw new Error(`stack export: ${what} is not a string`);
    }
    return value;
}

function parsePolicy(json: unknown, what: string): PolicyDocument {
    return JSON.parse(str(json, what)) as PolicyDocument;
}

export function loadStackConfigFor(stack: string): StackConfig {
    return parseStackConfig(readStackConfigFile(PROJECT_DIR, stack).projectConfig);
}

/** Reads the stack facts; `problems` collects mismatches between intent and what synth produced. */
export function worldFromStackExport(stack: string, exported: StackExport, config: StackConfig): { world: World; problems: string[] } {
    const problems: string[] = [];
    const resources = exported.deployment.resources;
    const ofType = (type: string): ExportedResource[] => resources.filter((r) => r.type === type);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const accountOf = (r: ExportedResource): string | undefined => {
        const provider = r.provider === undefined ? undefined : byUrn.get(parseProviderReference(r.provider).urn);
        return provider === undefined ? undefined : contextFromProvider(provider.inputs as Record<string, unknown>).accountId;
    };
    const stackResource = resources.find((r) => r.type === STACK_TYPE);
    const outputs = (stackResource?.outputs ?? {}) as {
        buckets?: Record<string, BucketOutputShape>;
        consumerPolicies?: Record<string, ConsumerPolicyShape>;
        organizationPolicies?: Record<string, OrganizationPolicyShape>;
        existingKeyPolicies?: Record<string, { keyArn: string; bucket: string; policyJson: string }>;
        externalReplicaPolicies?: Record<string, ExternalReplicaShape>;
        replicationRolePolicies?: Record<string, { roleArn: string; policyJson: string }>;
        existingObjectReplication?: Record<string, string>;
    };

    const keyPolicyById = new Map(ofType(T.keyPolicy).map((r) => [str(r.inputs.keyId, "KeyPolicy keyId"), r]));
    const keys = new Map<string, KeyFacts>();
    const keySpecOf = (choice: Exclude<KeyChoice, { kind: "external" }>): KeySpec => (choice.kind === "own" ? choice.spec : config.keys[choice.name]);
    /**
     * An existing key: its owner's policy is assumed to keep the default statement that delegates to
     * the key's account (AWS KMS Developer Guide, "Default key policy"), plus every statement this
     * stack exports for it; the scenarios then show that those statements are enough.
     */
    function existingKeyFacts(place: Placement): KeyFacts {
        const exported = Object.values(outputs.existingKeyPolicies ?? {}).filter((e) => e.keyArn === place.keyArn);
        if (exported.length === 0) {
            problems.push(`existing key ${place.keyArn}: no existingKeyPolicies output`);
        }
        const statements = new Map<string, PolicyStatement>();
        for (const e of exported) {
            for (const s of parsePolicy(e.policyJson, "existing key policyJson").Statement) {
                statements.set(s.Sid ?? JSON.stringify(s), s);
            }
        }
        const facts: KeyFacts = {
            name: `existing key ${place.keyArn}`,
            arn: place.keyArn,
            accountId: place.keyArn.split(":")[4],
            region: place.region,
            policy: {
                name: `${stack}: owner's default key policy of ${place.keyArn} plus the exported statements`,
                document: { Version: "2012-10-17", Statement: [rootDelegationStatement(place.keyArn.split(":")[4]), ...statements.values()] },
            },
            administrators: [],
            rootDelegation: true,
        };
        keys.set(place.keyArn, facts);
        return facts;
    }
    function keyFacts(place: Placement, choice: KeyChoice): KeyFacts {
        const known = keys.get(place.keyArn);
        if (known !== undefined) {
            return known;
        }
        if (choice.kind === "external") {
            return existingKeyFacts(place);
        }
        const keyId = place.keyArn.split("/").pop() ?? "";
        const resource = keyPolicyById.get(keyId);
        const spec = keySpecOf(choice);
        const policy: NamedPolicy = {
            name: `${stack}: key policy of ${spec.alias} (${resource?.urn.split("::").pop() ?? "missing"})`,
            document: resource === undefined ? { Version: "2012-10-17", Statement: [] } : parsePolicy(resource.inputs.policy, "KeyPolicy policy"),
        };
        if (resource === undefined) {
            problems.push(`no KeyPolicy for key ${place.keyArn}`);
        }
        const facts: KeyFacts = {
            name: spec.alias,
            arn: place.keyArn,
            accountId: place.accountId,
            region: place.region,
            policy,
            administrators: spec.administrators,
            rootDelegation: spec.rootDelegation,
        };
        keys.set(place.keyArn, facts);
        return facts;
    }

    const bucketPolicyByBucket = new Map(ofType(T.bucketPolicy).map((r) => [str(r.inputs.bucket, "BucketPolicy bucket"), r]));
    const sseByBucket = new Map(ofType(T.sseConfig).map((r) => [str(r.inputs.bucket, "SSE config bucket"), r]));
    const buckets = new Map<string, BucketFacts>();
    function bucketFacts(name: string, place: Placement, choice: KeyChoice, guardrails: GuardrailsConfig, objectLockEnabled: boolean): BucketFacts {
        const policyResource = bucketPolicyByBucket.get(place.bucketName);
        const policy: NamedPolicy | undefined =
            policyResource === undefined ? undefined : { name: `${stack}: bucket policy of ${place.bucketName}`, document: parsePolicy(policyResource.inputs.policy, "BucketPolicy policy") };
        if (policy === undefined) {
            problems.push(`no BucketPolicy for bucket ${place.bucketName}`);
        }
        const rules = (sseByBucket.get(place.bucketName)?.inputs.rules ?? []) as Array<{ bucketKeyEnabled?: boolean; applyServerSideEncryptionByDefault?: { kmsMasterKeyId?: string } }>;
        const defaultKey = rules[0]?.applyServerSideEncryptionByDefault?.kmsMasterKeyId;
        if (defaultKey !== place.keyArn) {
            problems.push(`bucket ${place.bucketName}: default encryption key is ${String(defaultKey)}, the stack output says ${place.keyArn}`);
        }
        const facts: BucketFacts = {
            name,
            bucketName: place.bucketName,
            arn: place.arn,
            accountId: place.accountId,
            region: place.region,
            key: keyFacts(place, choice),
            bucketKeyEnabled: rules[0]?.bucketKeyEnabled === true,
            guardrails,
            policy,
            objectLockEnabled,
        };
        buckets.set(place.arn, facts);
        return facts;
    }

    const identityPolicyResources = [...ofType(T.rolePolicy), ...ofType(T.userPolicy), ...ofType(T.managedPolicy)];

    const grants: GrantFacts[] = [];
    const serviceGrants: ServiceGrantFacts[] = [];
    const organizationReads: OrganizationReadFacts[] = [];
    for (const bucketConfig of config.buckets) {
        const out = outputs.buckets?.[bucketConfig.name];
        if (out === undefined) {
            problems.push(`stack output buckets.${bucketConfig.name} is missing`);
            continue;
        }
        const bucket = bucketFacts(bucketConfig.name, out, bucketConfig.key, bucketConfig.guardrails, bucketConfig.objectLock !== undefined);
        bucketConfig.replicas.forEach((replica, index) => {
            const place = out.replicas[index];
            if (place === undefined) {
                problems.push(`stack output buckets.${bucketConfig.name}.replicas[${index}] is missing`);
                return;
            }
            // Replica buckets take the source bucket's guardrails (config has no separate setting).
            bucketFacts(`${bucketConfig.name} replica in ${replica.account}`, place, replica.key, bucketConfig.guardrails, replica.objectLock !== undefined);
        });
        for (const grant of bucketConfig.serviceGrants) {
            serviceGrants.push({ ...grant, bucket });
        }
        for (const read of bucketConfig.organizationReads) {
            const exported = Object.values(outputs.organizationPolicies ?? {}).find((o) => o.bucket === bucketConfig.name && o.organizationId === read.organizationId && o.prefix === read.prefix);
            if (exported === undefined) {
                problems.push(`organization read of ${bucketConfig.name} for ${read.organizationId}: no member policy in the stack outputs`);
                continue;
            }
            organizationReads.push({ ...read, bucket, memberPolicy: { name: `${stack}: member policy for ${read.organizationId} on ${bucketConfig.name}`, document: parsePolicy(exported.policyJson, "member policyJson") } });
        }
        for (const grant of bucketConfig.grants) {
            const identityPolicy = grantIdentityPolicy(bucketConfig, bucket, grant, outputs.consumerPolicies ?? {}, identityPolicyResources, accountOf, problems, stack);
            if (identityPolicy === undefined) {
                continue;
            }
            grants.push({
                principalArn: grant.principal,
                principalAccountId: grant.principalAccountId,
                access: grant.access,
                prefix: grant.prefix,
                bucket,
                identityPolicy,
            });
        }
    }

    const replications: ReplicationFacts[] = [];
    const roles = ofType(T.role);
    /** The RolePolicy documents attached to a role of the stack (same name, same account). */
    const inlinePoliciesOf = (role: ExportedResource): NamedPolicy[] => {
        const roleAccount = accountOf(role);
        return ofType(T.rolePolicy)
            .filter((p) => p.inputs.role === role.inputs.name && accountOf(p) === roleAccount)
            .map((p): NamedPolicy => ({ name: `${stack}: role policy ${p.urn.split("::").pop()}`, document: parsePolicy(p.inputs.policy, "RolePolicy policy") }));
    };
    const bucketsByName = new Map([...buckets.values()].map((b) => [b.bucketName, b]));
    /**
     * A destination this stack does not own: its owner applies the exported statements. Its bucket policy is
     * modelled as exactly those statements, its key policy as the default one (root delegation, AWS KMS
     * Developer Guide, "Default key policy") plus the exported statement, as for an existing key.
     */
    const externalDestination = (source: BucketFacts, bucketArn: string): BucketFacts | undefined => {
        const [name, out] = Object.entries(outputs.externalReplicaPolicies ?? {}).find(([, e]) => e.destinationBucketArn === bucketArn) ?? [];
        const entry = config.buckets.flatMap((b) => b.externalReplicas).find((e) => e.bucketArn === bucketArn);
        if (out === undefined || name === undefined || entry === undefined) return undefined;
        const keyStatements = parsePolicy(out.keyPolicyJson, "externalReplicaPolicies keyPolicyJson").Statement;
        return {
            name: `external ${name}`,
            bucketName: bucketArn.replace(/^arn:aws:s3:::/, ""),
            arn: bucketArn,
            accountId: out.destinationAccountId,
            region: out.destinationRegion,
            key: {
                name: `replica key of ${name}`,
                arn: out.replicaKeyArn,
                accountId: out.destinationAccountId,
                region: out.destinationRegion,
                policy: { name: `${stack}: default key policy of ${out.replicaKeyArn} + exported statement`, document: { Version: "2012-10-17", Statement: [rootDelegationStatement(out.destinationAccountId), ...keyStatements] } },
                administrators: [],
                rootDelegation: true,
            },
            bucketKeyEnabled: entry.bucketKeyEnabled,
            // Only the TLS version of requests reads these; the other owner's guardrails are unknown.
            guardrails: source.guardrails,
            policy: { name: `${stack}: exported bucket statements for ${bucketArn}`, document: parsePolicy(out.bucketPolicyJson, "externalReplicaPolicies bucketPolicyJson") },
        };
    };
    for (const config of ofType(T.replicationConfig)) {
        const source = bucketsByName.get(str(config.inputs.bucket, "BucketReplicationConfig bucket"));
        const roleArn = str(config.inputs.role, "BucketReplicationConfig role");
        const role = roles.find((r) => r.outputs.arn === roleArn);
        const brought = Object.values(outputs.replicationRolePolicies ?? {}).find((p) => p.roleArn === roleArn);
        if (source === undefined || (role === undefined && brought === undefined)) {
            problems.push(`replication config ${config.urn}: source bucket or role ${roleArn} not found`);
            continue;
        }
        let trustPolicy: NamedPolicy | undefined;
        let rolePolicies: NamedPolicy[];
        if (role !== undefined) {
            trustPolicy = { name: `${stack}: trust policy of ${roleArn}`, document: parsePolicy(role.inputs.assumeRolePolicy, "Role assumeRolePolicy") };
            rolePolicies = inlinePoliciesOf(role);
        } else {
            rolePolicies = [{ name: `${stack}: exported policy for the brought role ${roleArn}`, document: parsePolicy(brought!.policyJson, "replicationRolePolicies policyJson") }];
        }
        type Rule = { destination?: { bucket?: string; accessControlTranslation?: { owner?: string }; encryptionConfiguration?: { replicaKmsKeyId?: string } } };
        for (const rule of (config.inputs.rules ?? []) as Rule[]) {
            const ruleBucket = rule.destination?.bucket ?? "";
            const owned = buckets.get(ruleBucket);
            const destination = owned ?? externalDestination(source, ruleBucket);
            if (destination === undefined) {
                problems.push(`replication config ${config.urn}: destination ${String(rule.destination?.bucket)} is neither a bucket of this stack nor an exported external replica`);
                continue;
            }
            if (rule.destination?.encryptionConfiguration?.replicaKmsKeyId !== destination.key.arn) {
                problems.push(`replication ${source.bucketName} -> ${destination.bucketName}: replica key ${String(rule.destination?.encryptionConfiguration?.replicaKmsKeyId)} is not the destination bucket's key ${destination.key.arn}`);
            }
            replications.push({
                roleArn,
                rolePolicies,
                trustPolicy,
                broughtRole: role === undefined,
                external: owned === undefined,
                source,
                destination,
                ownerOverride: rule.destination?.accessControlTranslation?.owner === "Destination",
            });
        }
    }

    // The Batch Operations role of each replicated bucket, found by the ARN its bucket output names.
    const batchRoles: BatchRoleFacts[] = [];
    for (const [name, out] of Object.entries(outputs.buckets ?? {})) {
        if (out.batchReplicationRoleArn === undefined) continue;
        const role = roles.find((r) => r.outputs.arn === out.batchReplicationRoleArn);
        const source = buckets.get(out.arn);
        const command = outputs.existingObjectReplication?.[name];
        if (role === undefined || source === undefined || command === undefined) {
            problems.push(`bucket ${name}: Batch Operations role ${out.batchReplicationRoleArn}, its bucket or its existingObjectReplication command not found`);
            continue;
        }
        if (!command.includes(` --role-arn '${out.batchReplicationRoleArn}' `) || !command.includes(`"SourceBucket":"${source.arn}"`) || !command.includes(` --account-id ${source.accountId} `)) {
            problems.push(`bucket ${name}: the existingObjectReplication command does not run with its Batch Operations role ${out.batchReplicationRoleArn} on ${source.arn} in account ${source.accountId}: ${command}`);
        }
        batchRoles.push({
            roleArn: out.batchReplicationRoleArn,
            trustPolicy: { name: `${stack}: trust policy of ${out.batchReplicationRoleArn}`, document: parsePolicy(role.inputs.assumeRolePolicy, "Role assumeRolePolicy") },
            rolePolicies: inlinePoliciesOf(role),
            source,
            command,
        });
    }

    const lint = [
        ...lintTargets(stack, resources, outputs.consumerPolicies ?? {}),
        ...organizationReads.map((read): LintTarget => ({ policy: read.memberPolicy, kind: "identity" })),
        // The exported documents of external destinations and brought roles are linted like the deployed ones.
        ...replications.filter((r) => r.external).flatMap((r): LintTarget[] => [
            { policy: r.destination.policy!, kind: "bucket" },
            { policy: r.destination.key.policy, kind: "key" },
        ]),
        ...replications.filter((r) => r.broughtRole).map((r): LintTarget => ({ policy: r.rolePolicies[0], kind: "identity" })),
    ];

    const logBuckets = logBucketFacts(stack, ofType, accountOf, bucketPolicyByBucket, problems);
    const alertTopics = alertTopicFacts(stack, ofType, accountOf, problems);
    return { world: { label: `stack ${stack}`, buckets: [...buckets.values()], grants, replications, batchRoles, serviceGrants, organizationReads, logBuckets, alertTopics, policies: lint }, problems };
}

/** Every policy document in the export, whether or not a scenario uses it: all of them are linted. */
function lintTargets(stack: string, resources: readonly ExportedResource[], consumerPolicies: Record<string, ConsumerPolicyShape>): LintTarget[] {
    const kinds: Record<string, LintTarget["kind"]> = {
        [T.keyPolicy]: "key",
        [T.bucketPolicy]: "bucket",
        [T.rolePolicy]: "identity",
        [T.userPolicy]: "identity",
        [T.managedPolicy]: "identity",
    };
    const targets: LintTarget[] = [];
    for (const r of resources) {
        const name = `${stack}: ${r.type.split(":").pop()} ${r.urn.split("::").pop()}`;
        const kind = kinds[r.type];
        if (kind !== undefined) {
            targets.push({ policy: { name, document: parsePolicy(r.inputs.policy, `${r.type} policy`) }, kind });
        }
        if (r.type === T.role) {
            targets.push({ policy: { name: `${name} (trust)`, document: parsePolicy(r.inputs.assumeRolePolicy, "Role assumeRolePolicy") }, kind: "trust" });
        }
    }
    for (const [key, consumer] of Object.entries(consumerPolicies)) {
        targets.push({ policy: { name: `${stack}: exported consumer policy ${key}`, document: parsePolicy(consumer.policyJson, "consumer policyJson") }, kind: "identity" });
    }
    return targets;
}

/**
 * The grantee's IAM policy: the exported consumer policy for another account (and, when the stack
 * creates it there too, that copy must be identical), else the inline policy the stack attaches.
 */
function grantIdentityPolicy(
    bucketConfig: BucketConfig,
    bucket: BucketFacts,
    grant: BucketConfig["grants"][number],
    consumerPolicies: Record<string, ConsumerPolicyShape>,
    identityPolicyResources: ExportedResource[],
    accountOf: (r: ExportedResource) => string | undefined,
    problems: string[],
    stack: string,
): NamedPolicy | undefined {
    const principalName = grant.principal.split("/").pop() ?? "";
    const attached = identityPolicyResources.filter(
        (r) =>
            (r.inputs.role === principalName || r.inputs.user === principalName) &&
            accountOf(r) === grant.principalAccountId &&
            str(r.inputs.policy, "policy").includes(`"${bucket.arn}`) &&
            (grant.prefix === undefined || str(r.inputs.policy, "policy").includes(`${bucket.arn}/${grant.prefix}`)),
    );
    const where = `grant of ${grant.access} on ${bucketConfig.name} to ${grant.principal}${grant.prefix === undefined ? "" : ` (${grant.prefix})`}`;
    if (grant.crossAccount) {
        const exported = Object.values(consumerPolicies).find((c) => c.bucket === bucketConfig.name && c.principal === grant.principal && c.prefix === grant.prefix);
        if (exported === undefined) {
            problems.push(`${where}: no consumer policy in the stack outputs`);
            return undefined;
        }
        for (const copy of attached) {
            if (copy.inputs.policy !== exported.policyJson) {
                problems.push(`${where}: the policy created in the consumer account differs from the exported consumer policy`);
            }
        }
        if (grant.consumerAccount !== undefined && attached.length === 0) {
            problems.push(`${where}: consumerAccount is set but no policy is attached in account ${grant.principalAccountId}`);
        }
        return { name: `${stack}: consumer policy for ${where}`, document: parsePolicy(exported.policyJson, "consumer policyJson") };
    }
    if (attached.length !== 1) {
        problems.push(`${where}: expected one IAM policy attached to ${principalName} in ${grant.principalAccountId}, found ${attached.length}`);
        return undefined;
    }
    return { name: `${stack}: IAM policy for ${where}`, document: parsePolicy(attached[0].inputs.policy, "policy") };
}

/** Log buckets from the logging configurations of the export (target, prefix, source bucket and its account). */
function logBucketFacts(
    stack: string,
    ofType: (type: string) => ExportedResource[],
    accountOf: (r: ExportedResource) => string | undefined,
    bucketPolicyByBucket: ReadonlyMap<string, ExportedResource>,
    problems: string[],
): LogBucketFacts[] {
    const byName = new Map<string, LogBucketFacts & { sources: Array<LogBucketFacts["sources"][number]> }>();
    const bucketResources = new Map(ofType(T.bucket).map((b) => [str(b.outputs.bucket ?? b.inputs.bucket, "Bucket bucket"), b]));
    for (const logging of ofType(T.bucketLogging)) {
        const target = str(logging.inputs.targetBucket, "BucketLogging targetBucket");
        const sourceName = str(logging.inputs.bucket, "BucketLogging bucket");
        const targetBucket = bucketResources.get(target);
        const accountId = accountOf(logging);
        if (targetBucket === undefined || accountId === undefined) {
            problems.push(`logging of ${sourceName}: target ${target} is not a bucket of this stack`);
            continue;
        }
        let facts = byName.get(target);
        if (facts === undefined) {
            const policyResource = bucketPolicyByBucket.get(target);
            facts = {
                name: target,
                bucketName: target,
                arn: `arn:aws:s3:::${target}`,
                accountId: accountOf(targetBucket) ?? accountId,
                region: str(targetBucket.inputs.region, "Bucket region"),
                policy: policyResource === undefined ? undefined : { name: `${stack}: bucket policy of ${target}`, document: parsePolicy(policyResource.inputs.policy, "BucketPolicy policy") },
                sources: [],
            };
            byName.set(target, facts);
        }
        facts.sources.push({ bucketArn: `arn:aws:s3:::${sourceName}`, accountId, prefix: typeof logging.inputs.targetPrefix === "string" ? logging.inputs.targetPrefix : "" });
    }
    return [...byName.values()];
}

/** Replication alert topics: each topic policy, the bucket whose notifications publish to it, the alarms that do. */
function alertTopicFacts(
    stack: string,
    ofType: (type: string) => ExportedResource[],
    accountOf: (r: ExportedResource) => string | undefined,
    problems: string[],
): AlertTopicFacts[] {
    const out: AlertTopicFacts[] = [];
    for (const policy of ofType(T.topicPolicy)) {
        const arn = str(policy.inputs.arn, "TopicPolicy arn");
        const notification = ofType(T.notification).find((n) => ((n.inputs.topics ?? []) as Array<{ topicArn?: string }>).some((t) => t.topicArn === arn));
        const accountId = accountOf(policy);
        if (notification === undefined || accountId === undefined) {
            problems.push(`topic ${arn}: no bucket notification publishes to it`);
            continue;
        }
        const alarmArns = ofType(T.alarm)
            .filter((a) => ((a.inputs.alarmActions ?? []) as string[]).includes(arn))
            .map((a) => str(a.outputs.arn, "MetricAlarm arn"));
        out.push({
            arn,
            accountId,
            region: arn.split(":")[3],
            policy: { name: `${stack}: topic policy of ${arn}`, document: parsePolicy(policy.inputs.policy, "TopicPolicy policy") },
            sourceBucketArn: `arn:aws:s3:::${str(notification.inputs.bucket, "BucketNotification bucket")}`,
            alarmArns,
        });
    }
    return out;
}
