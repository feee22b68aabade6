// AWS refuses a policy document over its size limit (awsrules/policySizes.ts: bucket policy 20 KB, key policy
// 32 KB, a role's inline policies 10,240 characters). The components refuse such a document when they render
// it, which is after other resources are registered; this check renders, from configuration alone, the
// documents the program will build, with the SAME builders (components/policy/) and the same size rule
// (renderPolicy), so an oversized configuration is refused before anything is registered. Values only known
// at deploy time (bucket names left to auto-naming, key ids, the role ARNs) are placeholders of their maximum
// length, so a configuration that passes here cannot render larger at deploy time.
//
// The program creates no IAM managed policies (consumer policies are inline role or user policies), so the
// 6,144-character managed-policy limit has no document to check.
import { retiredKeyArnsInRegion } from "./retiredKeys";
import { bucketGuardrailStatements, resolveGuardrails } from "../components/policy/bucketPolicy";
import { grantBucketPolicyStatements, grantIdentityPolicy, grantKeyPolicyStatement, GrantSubject, GrantTarget, isCrossAccount } from "../components/policy/grants";
import { keyPolicyStatements, KeyPolicyRoles } from "../components/policy/keyPolicy";
import { PolicyTooLargeError, renderPolicy } from "../components/policy/renderPolicy";
import { replicationRolePolicy } from "../components/policy/replication";
import { destinationBucketReplicationStatements } from "../components/policy/replicationBucketPolicy";
import { ReplicationBucketEnd } from "../components/policy/replicationEndpoints";
import { destinationKeyReplicationStatement, sourceKeyReplicationStatement } from "../components/policy/replicationKeyPolicy";
import { sidToken } from "../components/policy/replicationNames";
import { organizationReadBucketStatements, organizationReadKeyStatement, serviceGrantBucketStatements, serviceGrantKeyStatements } from "../components/policy/serviceGrants";
import { sidFragment } from "../components/policy/sids";
import { PolicyDocument, policyDocument, PolicyStatement } from "../components/policy/types";
import { PolicyKind } from "../awsrules";
import { grantResourceName, organizationReadResourceName, serviceGrantResourceName } from "./componentNames";
import { configPath, ConfigProblem } from "./errors";
import { replicaBucketComponentName } from "./naming";
import { BucketConfig, KeyChoice, KeySpec, StackConfig } from "./types";

/** S3 bucket names are at most 63 characters (S3 User Guide, "General purpose bucket naming rules"). */
const LONGEST_BUCKET_NAME = "b".repeat(63);
/** A key id is a UUID or a multi-Region `mrk-` id, 36 characters either way. */
const LONGEST_KEY_ID = `mrk-${"0".repeat(32)}`;
/** IAM role names are at most 64 characters (IAM API Reference, "CreateRole"). */
const LONGEST_ROLE_NAME = "r".repeat(64);

function keyArn(region: string, accountId: string): string {
    return `arn:aws:kms:${region}:${accountId}:key/${LONGEST_KEY_ID}`;
}

function roleArn(accountId: string, name: string | undefined): string {
    return `arn:aws:iam::${accountId}:role/${name ?? LONGEST_ROLE_NAME}`;
}

/** One bucket of the stack as the documents see it (a configured bucket or one of its replicas). */
interface BucketEnd {
    /** Where the bucket is configured, for the problem's path. */
    path: PropertyKey[];
    label: string;
    bucketName: string;
    accountId: string;
    region: string;
    key: KeyChoice;
    keyArn: string;
    bucketKeyEnabled: boolean;
    /** The role the bucket's account provider assumes. */
    deployRoleArn: string;
}

/** A document under construction, with the config field it is reported on. */
interface Document {
    owner: string;
    kind: PolicyKind;
    path: PropertyKey[];
    statements: PolicyStatement[];
}

class Documents {
    private readonly byId = new Map<string, Document>();

    /** Adds `statements` to document `id`, created by `init` (with its base statements) on first use. */
    add(id: string, init: () => Document, ...statements: PolicyStatement[]): void {
        let doc = this.byId.get(id);
        if (!doc) {
            doc = init();
            this.byId.set(id, doc);
        }
        doc.statements.push(...statements);
    }

    problems(): ConfigProblem[] {
        const out: ConfigProblem[] = [];
        for (const doc of this.byId.values()) {
            const problem = sizeProblem(doc.owner, doc.kind, policyDocument(doc.statements), doc.path);
            if (problem) {
                out.push(problem);
            }
        }
        return out;
    }
}

function sizeProblem(owner: string, kind: PolicyKind, document: PolicyDocument, path: PropertyKey[]): ConfigProblem | undefined {
    try {
        renderPolicy(owner, kind, document);
        return undefined;
    } catch (error) {
        if (error instanceof PolicyTooLargeError) {
            return { path: configPath(path), message: `${error.message} (rendered from this configuration before anything is registered, with the longest names AWS allows for values known only at deploy time)` };
        }
        throw error;
    }
}

function keyRoles(spec: KeySpec, accountId: string, region: string, deployRoleArn: string): KeyPolicyRoles {
    return {
        accountId,
        region,
        rootDelegation: spec.rootDelegation,
        // As resolveCustomerManagedKeyArgs: without root delegation the deploying role is a key administrator.
        administrators: spec.rootDelegation ? spec.administrators : [...new Set([...spec.administrators, deployRoleArn])],
        administratorsMayDeleteKey: spec.administratorsMayDeleteKey,
        users: spec.users,
        serviceUsers: spec.serviceUsers,
    };
}

/** The key policy of a bucket end's key, with its base statements: its own key's, or the shared key's (one document for all its users). */
function addToKeyPolicy(docs: Documents, config: StackConfig, end: BucketEnd, ...statements: PolicyStatement[]): void {
    const key = end.key;
    if (key.kind === "shared") {
        const shared = config.keys[key.name];
        const account = config.accounts[shared.account];
        docs.add(`key:${shared.name}`, () => ({
            owner: `key "${shared.name}" key policy`, kind: "key", path: ["keys", shared.name],
            statements: keyPolicyStatements(keyRoles(shared, account.accountId, shared.region, account.roleArn)),
        }), ...statements);
        return;
    }
    if (key.kind === "external") {
        // An existing key's policy belongs to its owner: this stack only exports the statements it needs.
        return;
    }
    docs.add(`key:${end.label}`, () => ({
        owner: `${end.label}'s own key (${key.spec.alias}) key policy`, kind: "key", path: [...end.path, "key"],
        statements: keyPolicyStatements(keyRoles(key.spec, end.accountId, end.region, end.deployRoleArn)),
    }), ...statements);
}

function bucketEnd(config: StackConfig, path: PropertyKey[], label: string, account: string, region: string, bucketName: string | undefined, key: KeyChoice, bucketKeyEnabled: boolean): BucketEnd {
    const accountId = config.accounts[account].accountId;
    const keyRegion = key.kind === "shared" ? config.keys[key.name].region : region;
    const keyAccount = key.kind === "shared" ? config.accounts[config.keys[key.name].account].accountId : accountId;
    const arn = key.kind === "external" ? key.arn : keyArn(keyRegion, keyAccount);
    return { path, label, bucketName: bucketName ?? LONGEST_BUCKET_NAME, accountId, region, key, keyArn: arn, bucketKeyEnabled, deployRoleArn: config.accounts[account].roleArn };
}

function endOf(end: BucketEnd): ReplicationBucketEnd {
    return { bucketArn: `arn:aws:s3:::${end.bucketName}`, keyArn: end.keyArn, region: end.region, accountId: end.accountId, bucketKeyEnabled: end.bucketKeyEnabled };
}

function addBucket(docs: Documents, config: StackConfig, bucket: BucketConfig, i: number): void {
    const guardrails = resolveGuardrails(bucket.guardrails);
    const source = bucketEnd(config, ["buckets", i], `bucket "${bucket.name}"`, bucket.account, bucket.region, bucket.bucketName, bucket.key, bucket.bucketKeyEnabled);
    const bucketPolicy = (end: BucketEnd, ...statements: PolicyStatement[]) =>
        docs.add(`bucket:${end.label}`, () => ({ owner: `${end.label} bucket policy`, kind: "bucket", path: end.path, statements: [] }), ...statements);

    addToKeyPolicy(docs, config, source);
    bucketPolicy(source, ...bucketGuardrailStatements({ bucketName: source.bucketName, keyArn: source.keyArn }, guardrails));
    // As program/grants.ts: a reading grant keeps Decrypt on the keys the bucket retired in its region (its consumer policy
    // grows by one statement). The statements on a retired shared key depend on the deployed ARN, which is not known here.
    const retiredKeyArns = retiredKeyArnsInRegion(bucket);
    bucket.grants.forEach((grant) => {
        const subject: GrantSubject = {
            principalArn: grant.principal,
            principalAccountId: grant.principalAccountId,
            access: grant.access,
            ...(grant.prefix !== undefined ? { prefix: grant.prefix } : {}),
            sidBase: `Grant${sidFragment(grantResourceName(bucket.name, grant))}`,
        };
        const target: GrantTarget = {
            bucketName: source.bucketName, bucketAccountId: source.accountId, region: source.region, keyArn: source.keyArn,
            ...(retiredKeyArns.length > 0 ? { retiredKeyArns } : {}),
        };
        addToKeyPolicy(docs, config, source, grantKeyPolicyStatement(subject, target));
        if (isCrossAccount(subject, target)) {
            bucketPolicy(source, ...grantBucketPolicyStatements(subject, target));
        }
        if (grant.principalKind === "role" && !grant.crossAccount) {
            // The inline policies of one consumer role count together (IAM's 10,240 characters per role).
            const roleName = grant.principal.split("/").pop() ?? grant.principal;
            docs.add(`role:${grant.principal}`, () => ({ owner: `consumer role ${roleName}'s inline policies`, kind: "inlineRole", path: ["buckets", i, "grants"], statements: [] }),
                ...grantIdentityPolicy(subject, target).Statement);
        }
    });

    const ownedTarget: GrantTarget = { bucketName: source.bucketName, bucketAccountId: source.accountId, region: source.region, keyArn: source.keyArn };
    for (const grant of bucket.serviceGrants) {
        const subject = {
            service: grant.service, access: grant.access, sourceAccount: grant.sourceAccount,
            ...(grant.prefix !== undefined ? { prefix: grant.prefix } : {}),
            ...(grant.sourceArn !== undefined ? { sourceArn: grant.sourceArn } : {}),
            sidBase: `Service${sidFragment(serviceGrantResourceName(bucket.name, grant))}`,
        };
        addToKeyPolicy(docs, config, source, ...serviceGrantKeyStatements(subject, ownedTarget));
        bucketPolicy(source, ...serviceGrantBucketStatements(subject, ownedTarget));
    }
    for (const read of bucket.organizationReads) {
        const subject = {
            organizationId: read.organizationId,
            ...(read.prefix !== undefined ? { prefix: read.prefix } : {}),
            sidBase: `Org${sidFragment(organizationReadResourceName(bucket.name, read))}`,
        };
        addToKeyPolicy(docs, config, source, organizationReadKeyStatement(subject, ownedTarget));
        bucketPolicy(source, ...organizationReadBucketStatements(subject, ownedTarget));
    }

    if (bucket.replicas.length === 0 && bucket.externalReplicas.length === 0) {
        return;
    }
    // A brought role (replicationRoleArn) gets the same policy, attached by its owner: it counts the same.
    const roleName = bucket.replicationRoleArn?.split("/").pop() ?? bucket.replicas.find((r) => r.roleName !== undefined)?.roleName;
    const forwardRole = bucket.replicationRoleArn ?? roleArn(source.accountId, roleName);
    const roleToken = sidToken(roleName ?? LONGEST_ROLE_NAME);
    const destinations = bucket.replicas.map((replica, j) => {
        const name = replicaBucketComponentName(bucket.name, replica.account, replica.region);
        const end = bucketEnd(config, ["buckets", i, "replicas", j], `replica "${name}"`, replica.account, replica.region, replica.bucketName, replica.key, bucket.bucketKeyEnabled);
        return { replica, end, token: sidToken(name) };
    });
    addToKeyPolicy(docs, config, source, sourceKeyReplicationStatement({ roleArn: forwardRole, roleSidToken: roleToken, source: endOf(source) }));
    for (const { replica, end, token } of destinations) {
        const crossAccount = end.accountId !== source.accountId;
        bucketPolicy(end, ...bucketGuardrailStatements({ bucketName: end.bucketName, keyArn: end.keyArn }, guardrails));
        addToKeyPolicy(docs, config, end, destinationKeyReplicationStatement({ roleArn: forwardRole, roleSidToken: roleToken, destinationSidToken: token, destination: endOf(end) }));
        if (crossAccount) {
            bucketPolicy(end, ...destinationBucketReplicationStatements({ roleArn: forwardRole, roleSidToken: roleToken, destinationBucketArn: endOf(end).bucketArn, ownerOverride: true }));
        }
        if (replica.bidirectional) {
            // The return role replicates the replica back into the source bucket.
            const returnRole = roleArn(end.accountId, undefined);
            const returnToken = sidToken(LONGEST_ROLE_NAME);
            addToKeyPolicy(docs, config, end, sourceKeyReplicationStatement({ roleArn: returnRole, roleSidToken: returnToken, source: endOf(end) }));
            addToKeyPolicy(docs, config, source, destinationKeyReplicationStatement({ roleArn: returnRole, roleSidToken: returnToken, destinationSidToken: sidToken(`${bucket.name}-source`), destination: endOf(source) }));
            if (crossAccount) {
                bucketPolicy(source, ...destinationBucketReplicationStatements({ roleArn: returnRole, roleSidToken: returnToken, destinationBucketArn: endOf(source).bucketArn, ownerOverride: true }));
            }
        }
    }
    // External destinations: their bucket and key policies are their owner's (the exported statements are
    // counted in the role policy below only), but each one adds its two statements to the role's policy.
    const externals = bucket.externalReplicas.map((entry) => ({
        end: { bucketArn: entry.bucketArn, keyArn: entry.keyArn, region: entry.region, accountId: entry.accountId, bucketKeyEnabled: entry.bucketKeyEnabled },
        token: sidToken(entry.name),
    }));
    const rolePath = bucket.replicationRoleArn !== undefined ? ["buckets", i, "replicationRoleArn"] : ["buckets", i, bucket.replicas.length > 0 ? "replicas" : "externalReplicas"];
    docs.add(`role:${forwardRole}:${i}`, () => ({ owner: `the replication role of bucket "${bucket.name}" (policy s3-replication)`, kind: "inlineRole", path: rolePath, statements: [] }),
        ...replicationRolePolicy({
            source: endOf(source),
            // As program/replications.ts: the role keeps Decrypt on the keys the source retired in its region.
            sourceRetiredKeyArns: retiredKeyArns,
            destinations: [
                ...destinations.map(({ end, token }) => ({ ...endOf(end), sidToken: token, ownerOverride: end.accountId !== source.accountId })),
                ...externals.map(({ end, token }) => ({ ...end, sidToken: token, ownerOverride: end.accountId !== source.accountId })),
            ],
        }).Statement);
}

/**
 * Every policy document the configuration will render that AWS would refuse for its size, one problem per
 * document, naming the bucket or key and the fix. Run on a configuration that passed every other check.
 */
export function renderedPolicySizeProblems(config: StackConfig): ConfigProblem[] {
    const docs = new Documents();
    config.buckets.forEach((bucket, i) => addBucket(docs, config, bucket, i));
    for (const shared of Object.values(config.keys)) {
        // A shared key no bucket uses still gets its base policy.
        const account = config.accounts[shared.account];
        docs.add(`key:${shared.name}`, () => ({
            owner: `key "${shared.name}" key policy`, kind: "key", path: ["keys", shared.name],
            statements: keyPolicyStatements(keyRoles(shared, account.accountId, shared.region, account.roleArn)),
        }));
    }
    return docs.problems();
}
