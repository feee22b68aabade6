// A bucket's deprecated inline settings meet AWS's deploy-time rules as the separate resources do: the provider puts
// them with the same S3 calls (PutBucketPolicy, PutBucketVersioning, PutBucketAcl, PutBucketLogging,
// PutBucketLifecycleConfiguration, PutBucketReplication, PutBucketEncryption, PutObjectLockConfiguration), and S3 judges
// a call the same whichever resource made it. Each rule firing and not firing, in the v7 `Bucket` shape (one object
// per block) and the deprecated `BucketV2` shape (one-element lists), through the provider's own CRUD calls.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { changed, inlineBucketCalls } from "./inlineBucketCalls";
import { FakeAwsProvider } from "./provider";

const A = "111111111111";
const B = "222222222222";
const DEPLOY = (account: string) => `arn:aws:iam::${account}:role/encrypted-buckets-deploy`;
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
type Props = Record<string, unknown>;

function providerFor(account: string, region: string): FakeAwsProvider {
    return new FakeAwsProvider(() => ({ region, assumeRoles: JSON.stringify([{ roleArn: DEPLOY(account), sessionName: "s" }]) }));
}

async function create(p: FakeAwsProvider, type: string, name: string, inputs: Props): Promise<Props> {
    await p.check(urn(type, name), {}, inputs);
    return (await p.create(urn(type, name), inputs)).outs ?? {};
}

async function update(p: FakeAwsProvider, type: string, name: string, olds: Props, inputs: Props): Promise<Props> {
    return (await p.update(String(olds["id"]), urn(type, name), olds, inputs)).outs ?? {};
}

/** One inline block in each of the two shapes: `Bucket` (v7) writes an object, `BucketV2` a one-element list. */
interface Shape {
    label: string;
    type: string;
    versioning(enabled: boolean): Props;
    logging(targetBucket: string): Props;
    sse(kmsMasterKeyId: string): Props;
    objectLock(enabled: boolean, retention?: Props): Props;
    expiration(days: number): Props;
    replication(role: string, rules: Props[]): Props;
    /** A replication rule to `destination` (bucket name) with the rule's settings; `filter: undefined` makes a V1 rule. */
    rule(destination: string, settings?: RuleSettings): Props;
}

interface RuleSettings {
    id?: string;
    priority?: number;
    filter?: Props | undefined;
    deleteMarkerReplicationStatus?: string;
    sseKms?: boolean;
    replicaKmsKeyId?: string;
    metrics?: Props;
    replicationTime?: Props;
}

const one = (v2: boolean, value: Props) => (v2 ? [value] : value);

function shape(label: string, type: string, v2: boolean): Shape {
    return {
        label,
        type,
        versioning: (enabled) => (v2 ? { versionings: [{ enabled }] } : { versioning: { enabled } }),
        logging: (targetBucket) => (v2 ? { loggings: [{ targetBucket, targetPrefix: "logs/" }] } : { logging: { targetBucket, targetPrefix: "logs/" } }),
        sse: (kmsMasterKeyId) => {
            const byDefault = { sseAlgorithm: "aws:kms", kmsMasterKeyId };
            return v2
                ? { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [byDefault], bucketKeyEnabled: true }] }] }
                : { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled: true } } };
        },
        objectLock: (enabled, retention) => ({
            objectLockConfiguration: {
                ...(enabled ? { objectLockEnabled: "Enabled" } : {}),
                ...(retention === undefined ? {} : v2 ? { rules: [{ defaultRetentions: [retention] }] } : { rule: { defaultRetention: retention } }),
            },
        }),
        expiration: (days) => (v2 ? { expirations: [{ days }] } : { expiration: { days } }),
        replication: (role, rules) => (v2 ? { replicationConfigurations: [{ role, rules }] } : { replicationConfiguration: { role, rules } }),
        rule: (destination, s = {}) => {
            const filter = "filter" in s ? s.filter : {};
            const dest: Props = {
                bucket: `arn:aws:s3:::${destination}`,
                ...(s.replicaKmsKeyId !== undefined ? { replicaKmsKeyId: s.replicaKmsKeyId } : {}),
                ...(s.metrics !== undefined ? { metrics: one(v2, s.metrics) } : {}),
                ...(s.replicationTime !== undefined ? { [v2 ? "replicationTimes" : "replicationTime"]: one(v2, s.replicationTime) } : {}),
            };
            return {
                id: s.id ?? "to-replica",
                status: "Enabled",
                ...(s.priority !== undefined ? { priority: s.priority } : {}),
                ...(filter !== undefined ? { [v2 ? "filters" : "filter"]: one(v2, filter) } : { prefix: "" }),
                ...(s.deleteMarkerReplicationStatus !== undefined ? { deleteMarkerReplicationStatus: s.deleteMarkerReplicationStatus } : {}),
                ...(s.sseKms === true ? { [v2 ? "sourceSelectionCriterias" : "sourceSelectionCriteria"]: one(v2, { sseKmsEncryptedObjects: one(v2, { enabled: true }) }) } : {}),
                [v2 ? "destinations" : "destination"]: one(v2, dest),
            };
        },
    };
}

const SHAPES: Shape[] = [shape("v7 Bucket", "aws:s3/bucket:Bucket", false), shape("deprecated BucketV2", "aws:s3/bucketV2:BucketV2", true)];

describe("e2e stand-in aws provider: a bucket's legacy inline settings meet the rules of the calls the provider makes for them", function () {
    const saved = { ...process.env };
    let a: FakeAwsProvider;
    let aReplica: FakeAwsProvider;
    let b: FakeAwsProvider;

    beforeEach(function () {
        process.env["STANDIN_AWS_WORLD_DIR"] = fs.mkdtempSync(path.join(os.tmpdir(), "standin-inline-"));
        delete process.env["STANDIN_AWS_RULES"];
        delete process.env["STANDIN_AWS_UNMODELLED"];
        a = providerFor(A, "eu-west-1");
        aReplica = providerFor(A, "eu-central-1");
        b = providerFor(B, "eu-west-1");
    });

    afterEach(function () {
        fs.rmSync(String(process.env["STANDIN_AWS_WORLD_DIR"]), { recursive: true, force: true });
        process.env = { ...saved };
    });

    for (const s of SHAPES) {
        describe(s.label, function () {
            const bucket = (p: FakeAwsProvider, name: string, inputs: Props = {}) => create(p, s.type, name, { bucket: `inline-${name}`, ...inputs });
            const refused = (p: FakeAwsProvider, name: string, inputs: Props, expected: RegExp) => assert.rejects(bucket(p, name, inputs), expected);

            it("policy: PutBucketPolicy's rules (JSON, BlockPublicPolicy on new buckets); a guardrail policy passes", async function () {
                await refused(a, "p1", { policy: "{not json" }, /inline policy[\s\S]*PutBucketPolicy[\s\S]*MalformedPolicy/);
                const open = doc({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::inline-p2/*" });
                await refused(a, "p2", { policy: open }, /inline policy[\s\S]*PutBucketPolicy[\s\S]*AccessDenied: .*BlockPublicPolicy/);
                const tls = doc({ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::inline-p3", "arn:aws:s3:::inline-p3/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } });
                await bucket(a, "p3", { policy: tls });
            });

            it("acl and grants: CreateBucket takes only the private canned ACL under BucketOwnerEnforced; grants are a PutBucketAcl S3 refuses", async function () {
                await refused(a, "acl1", { acl: "log-delivery-write" }, /CreateBucket[\s\S]*InvalidBucketAclWithObjectOwnership/);
                await refused(a, "acl2", { grants: [{ type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery", permissions: ["WRITE"] }] }, /inline grants[\s\S]*PutBucketAcl[\s\S]*AccessControlListNotSupported/);
                await bucket(a, "acl3", { acl: "private" });
                await bucket(a, "acl4");
            });

            it("versioning then replication: the inline versioning put first counts; the source and the destination must be versioned, whichever shape versioned them", async function () {
                const role = `arn:aws:iam::${A}:role/rep`;
                await create(a, "aws:iam/role:Role", "rep", { name: "rep", assumeRolePolicy: TRUST });
                await create(aReplica, "aws:s3/bucket:Bucket", "dst-inline", { bucket: "dst-inline", region: "eu-central-1", versioning: { enabled: true } });
                await create(aReplica, "aws:s3/bucket:Bucket", "dst-plain", { bucket: "dst-plain", region: "eu-central-1" });
                await refused(a, "src1", s.replication(role, [s.rule("dst-inline")]), /inline replicationConfigurations?[\s\S]*PutBucketReplication[\s\S]*Versioning must be 'Enabled' on the bucket/);
                await refused(a, "src2", { ...s.versioning(true), ...s.replication(role, [s.rule("dst-plain")]) }, /Destination bucket must have versioning enabled/);
                await refused(a, "src3", { ...s.versioning(true), ...s.replication(role, [s.rule("nowhere")]) }, /Destination bucket must exist/);
                await bucket(a, "src4", { ...s.versioning(true), ...s.replication(role, [s.rule("dst-inline")]) });
                // A destination versioned by a separate BucketVersioning resource counts as much.
                await create(aReplica, "aws:s3/bucketVersioning:BucketVersioning", "dst-plain", { bucket: "dst-plain", versioningConfiguration: { status: "Enabled" } });
                await bucket(a, "src5", { ...s.versioning(true), ...s.replication(role, [s.rule("dst-plain")]) });
            });

            it("replication: a role of the deployment that does not exist yet is refused", async function () {
                await create(aReplica, "aws:s3/bucket:Bucket", "dst", { bucket: "dst", region: "eu-central-1", versioning: { enabled: true } });
                await a.check(urn("aws:iam/role:Role", "later"), {}, { name: "later", assumeRolePolicy: TRUST });
                await refused(a, "src", { ...s.versioning(true), ...s.replication(`arn:aws:iam::${A}:role/later`, [s.rule("dst")]) }, /Invalid ReplicationConfiguration role/);
            });

            it("replication rules as the provider sends them: V2 defaults (priority 0, delete markers Disabled), SSE-KMS needs a replica key, metrics always carry an event threshold", async function () {
                const role = `arn:aws:iam::${A}:role/platform/brought`;
                await create(aReplica, "aws:s3/bucket:Bucket", "dst", { bucket: "dst", region: "eu-central-1", versioning: { enabled: true } });
                const replicaKey = `arn:aws:kms:eu-central-1:${A}:key/0e0e0e0e-1111-4222-8333-666666666666`;
                const src = (name: string, rules: Props[]) => ({ ...s.versioning(true), ...s.replication(role, rules) });
                // Two filtered rules without priorities both go out with Priority 0.
                await refused(a, "r1", src("r1", [s.rule("dst", { id: "a" }), s.rule("dst", { id: "b", filter: { prefix: "b/" } })]), /Found overlapping priorities/);
                await bucket(a, "r2", src("r2", [s.rule("dst", { id: "a", priority: 1 }), s.rule("dst", { id: "b", priority: 2, filter: { prefix: "b/" } })]));
                // A tag-filtered V2 rule may not replicate delete markers.
                await refused(a, "r3", src("r3", [s.rule("dst", { filter: { tags: { k: "v" } }, deleteMarkerReplicationStatus: "Enabled" })]), /DeleteMarkerReplication is not supported if any Tag filter is specified/);
                await bucket(a, "r4", src("r4", [s.rule("dst", { filter: { tags: { k: "v" } } })]));
                await refused(a, "r5", src("r5", [s.rule("dst", { sseKms: true })]), /ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present/);
                await bucket(a, "r6", src("r6", [s.rule("dst", { sseKms: true, replicaKmsKeyId: replicaKey, deleteMarkerReplicationStatus: "Enabled" })]));
                // The provider sends metrics with an EventThreshold (15 minutes unless given), which S3 takes only with RTC on.
                await refused(a, "r7", src("r7", [s.rule("dst", { metrics: { status: "Enabled" } })]), /Metrics cannot contain an event threshold when ReplicationTime is not specified or Disabled/);
                await refused(a, "r8", src("r8", [s.rule("dst", { replicationTime: { status: "Enabled", minutes: 15 } })]), /ReplicationTime must be specified together with a Metrics block/);
                await bucket(a, "r9", src("r9", [s.rule("dst", { metrics: { status: "Enabled", minutes: 15 }, replicationTime: { status: "Enabled", minutes: 15 } })]));
                // A rule without a filter is V1: no priority, no delete marker replication.
                await bucket(a, "r10", src("r10", [s.rule("dst", { filter: undefined }), s.rule("dst", { id: "second", filter: undefined })]));
            });

            it("logging: PutBucketLogging needs an existing target in the logged bucket's account and Region", async function () {
                await create(a, "aws:s3/bucket:Bucket", "logs", { bucket: "logs" });
                await create(aReplica, "aws:s3/bucket:Bucket", "logs-elsewhere", { bucket: "logs-elsewhere", region: "eu-central-1" });
                await create(b, "aws:s3/bucket:Bucket", "logs-other-account", { bucket: "logs-other-account" });
                await refused(a, "l1", s.logging("logs-elsewhere"), /inline loggings?[\s\S]*PutBucketLogging[\s\S]*CrossLocationLoggingProhibitted/);
                await refused(a, "l2", s.logging("logs-other-account"), /InvalidTargetBucketForLogging: The owner for the bucket to be logged and the target bucket must be the same/);
                await refused(a, "l3", s.logging("no-such-logs"), /InvalidTargetBucketForLogging: The target bucket for logging does not exist/);
                await bucket(a, "l4", s.logging("logs"));
                await bucket(a, "l5", s.logging("arn:aws:s3:::logs"));
            });

            it("lifecycle rules: PutBucketLifecycleConfiguration's transition minimums, ordering and filters", async function () {
                const rule = (extra: Props) => ({ id: "r", enabled: true, ...extra });
                await refused(a, "lc1", { lifecycleRules: [rule({ transitions: [{ days: 10, storageClass: "STANDARD_IA" }] })] }, /inline lifecycleRules[\s\S]*PutBucketLifecycleConfiguration[\s\S]*greater than or equal to 30/);
                await refused(a, "lc2", { lifecycleRules: [rule({ transitions: [{ days: 30, storageClass: "STANDARD_IA" }], ...s.expiration(30) })] }, /'Days' in the Expiration action must be greater than 'Days' in the Transition action/);
                await refused(a, "lc3", { lifecycleRules: [rule({ tags: { k: "v" }, abortIncompleteMultipartUploadDays: 7 })] }, /AbortIncompleteMultipartUpload cannot be specified with Tags/);
                await refused(a, "lc4", { lifecycleRules: [rule({ ...s.expiration(30) }), rule({ ...s.expiration(60) })] }, /Rule ID must be unique/);
                await bucket(a, "lc5", { lifecycleRules: [rule({ transitions: [{ days: 30, storageClass: "STANDARD_IA" }], ...s.expiration(365) }), { id: "abort", enabled: true, abortIncompleteMultipartUploadDays: 7 }] });
                // The provider gives a rule without an action ExpiredObjectDeleteMarker false, so S3 takes it.
                await bucket(a, "lc6", { lifecycleRules: [{ id: "idle", enabled: false }] });
            });

            it("server-side encryption: PutBucketEncryption takes symmetric encryption keys only", async function () {
                const asymmetric = await create(a, "aws:kms/key:Key", "signing", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
                const symmetric = await create(a, "aws:kms/key:Key", "data", { enableKeyRotation: true });
                await refused(a, "e1", s.sse(String(asymmetric["arn"])), /inline serverSideEncryptionConfigurations?[\s\S]*PutBucketEncryption/);
                await bucket(a, "e2", s.sse(String(symmetric["arn"])));
            });

            it("object lock: created with it through the inline block, or put after the inline versioning; a retention of one mode and one period", async function () {
                await bucket(a, "ol1", s.objectLock(true, { mode: "GOVERNANCE", days: 1 }));
                await refused(a, "ol2", s.objectLock(true, { mode: "FOREVER", days: 1 }), /inline objectLockConfiguration[\s\S]*PutObjectLockConfiguration[\s\S]*MalformedXML/);
                await refused(a, "ol3", s.objectLock(false, { mode: "GOVERNANCE", days: 1 }), /InvalidBucketState: Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration/);
                await bucket(a, "ol4", { ...s.versioning(true), ...s.objectLock(false, { mode: "COMPLIANCE", years: 1 }) });
            });

            it("an update puts only the settings it changes: versioning of a locked bucket cannot be suspended; an unchanged logging block is not put again", async function () {
                const locked = await bucket(a, "locked", { ...s.versioning(true), ...s.objectLock(true, { mode: "GOVERNANCE", days: 1 }) });
                await assert.rejects(update(a, s.type, "locked", locked, { bucket: "inline-locked", ...s.versioning(false), ...s.objectLock(true, { mode: "GOVERNANCE", days: 1 }) }), /inline versionings?[\s\S]*PutBucketVersioning[\s\S]*InvalidBucketState/);
                const target = await create(a, "aws:s3/bucket:Bucket", "logs", { bucket: "logs" });
                const logged = await bucket(a, "logged", s.logging("logs"));
                await a.delete(String(target["id"]), urn("aws:s3/bucket:Bucket", "logs"), target);
                await update(a, s.type, "logged", logged, { bucket: "inline-logged", ...s.logging("logs"), tags: { team: "data" } });
                await assert.rejects(update(a, s.type, "logged", logged, { bucket: "inline-logged", ...(s.type.endsWith("BucketV2") ? { loggings: [{ targetBucket: "logs", targetPrefix: "other/" }] } : { logging: { targetBucket: "logs", targetPrefix: "other/" } }) }), /The target bucket for logging does not exist/);
            });

            it("STANDIN_AWS_RULES=off refuses no inline setting", async function () {
                process.env["STANDIN_AWS_RULES"] = "off";
                await bucket(a, "off", { acl: "public-read", ...s.replication(`arn:aws:iam::${A}:role/rep`, [s.rule("nowhere")]) });
            });
        });
    }

    describe("the mapping", function () {
        it("maps each shape's blocks to the separate resources' inputs, in the provider's order", function () {
            for (const s of SHAPES) {
                const calls = inlineBucketCalls(s.type, {
                    ...s.objectLock(true), ...s.sse("k"), ...s.replication("role", [s.rule("dst")]), lifecycleRules: [{ id: "x", enabled: true, ...s.expiration(5) }],
                    ...s.logging("logs"), ...s.versioning(true), policy: "{}",
                }, "b");
                assert.deepEqual(calls.map((c) => c.type.split(":")[2]), ["BucketPolicy", "BucketVersioning", "BucketLogging", "BucketLifecycleConfiguration", "BucketReplicationConfig", "BucketServerSideEncryptionConfiguration", "BucketObjectLockConfiguration"], s.label);
                assert.deepEqual(calls[3]?.inputs, { bucket: "b", rules: [{ id: "x", status: "Enabled", filter: { prefix: "" }, expiration: { days: 5 } }] }, s.label);
                assert.deepEqual(calls[4]?.inputs, {
                    bucket: "b", role: "role",
                    rules: [{ id: "to-replica", status: "Enabled", priority: 0, filter: { prefix: "" }, deleteMarkerReplication: { status: "Disabled" }, destination: { bucket: "arn:aws:s3:::dst" } }],
                }, s.label);
                assert.deepEqual(calls[5]?.inputs, { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" }, bucketKeyEnabled: true }] }, s.label);
            }
        });

        it("a new bucket puts versioning only to turn it on; an update puts what changed, Suspended for off", function () {
            const [s] = SHAPES as [Shape];
            assert.deepEqual(inlineBucketCalls(s.type, s.versioning(false), "b"), []);
            const before = { versioning: { enabled: true, mfaDelete: false } };
            assert.deepEqual(inlineBucketCalls(s.type, s.versioning(true), "b", before), []);
            assert.deepEqual(inlineBucketCalls(s.type, s.versioning(false), "b", before).map((c) => c.inputs), [{ bucket: "b", versioningConfiguration: { status: "Suspended" } }]);
            assert.equal(changed({ a: 1 }, { a: 1, b: 2 }), false);
            assert.equal(changed([{ a: 1 }], [{ a: 2 }]), true);
        });
    });
});
