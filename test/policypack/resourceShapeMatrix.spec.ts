// Red team, table-driven: every bucket configuration resource, written in each way a program names its bucket
// (`bucket.id`, `bucket.bucket`, a literal name, an output that is unknown in a fresh preview), in the v7 and the
// deprecated V2 classes, twice for one bucket (AWS keeps the last write, so either may win), for a bucket the stack
// does not declare, and with an `expectedBucketOwner`; and aws-native's bucket-level shapes the pack claims
// (`ownershipControls.rules[]`, `loggingConfiguration.destinationBucketName`: AWS CloudFormation Template Reference,
// "AWS::S3::Bucket OwnershipControls", "AWS::S3::Bucket LoggingConfiguration"). Each policy must fire on the bad
// variant and stay silent on the good one, after deployment (update) and in a fresh preview.
import * as assert from "assert";
import { assertNone, describeAll, run } from "./support/run";
import { loggedData } from "../../policypack/fixtures/accessLogs";
import { ref } from "../../policypack/fixtures/format";
import { secureBucket as secureBucketFixture, withInputs } from "../../policypack/fixtures/stacks";
import { fixtureStack } from "./support/fixtureStack";
import { nativeBucket, replicatedPair, rootStatement } from "./support/scenarios";
import { json, out, OutputRef, StackBuilder, T } from "./support/stackBuilder";

type Props = Record<string, unknown>;
type RefForm = "bucket.id" | "bucket.bucket" | "literal name";
const REF_FORMS: readonly RefForm[] = ["bucket.id", "bucket.bucket", "literal name"];
type Classes = "v7" | "V2";
const NAME = "data-bucket";
const ARN = `arn:aws:s3:::${NAME}`;

interface Stack {
    b: StackBuilder;
    bucket: string;
    key: string;
    sse: string;
    policy: string;
    pab: string;
    ownership: string;
    /** How configuration resources name the bucket. */
    ref: unknown;
    arn: (suffix?: string) => unknown;
}

/** A compliant v7 or V2 bucket whose configuration resources name it the way `form` says. */
function compliant(classes: Classes, form: RefForm, extra: Props = {}): Stack {
    const b = new StackBuilder();
    const key = b.add(T.key, "data-key", {
        description: "data key", enableKeyRotation: true, deletionWindowInDays: 30, customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT",
    }, { protect: true });
    b.add(T.keyPolicy, "data-key-policy", { keyId: out(key, "keyId"), policy: json({ Version: "2012-10-17", Statement: [rootStatement("111111111111")] }) });
    const literal = form === "literal name";
    const bucket = b.add(classes === "v7" ? T.bucket : T.bucketV2, "data", literal ? { bucket: NAME } : {});
    const ref = literal ? NAME : out(bucket, form === "bucket.id" ? "id" : "bucket");
    const arn = (suffix = ""): unknown => (literal ? ARN + suffix : out(bucket, "arn", (v) => v + suffix));
    const sse = b.add(classes === "v7" ? T.sse : T.sseV2, "data-sse", {
        bucket: ref, ...extra, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true }],
    });
    b.add(classes === "v7" ? T.versioning : T.versioningV2, "data-versioning", { bucket: ref, ...extra, versioningConfiguration: { status: "Enabled" } });
    const policy = b.add(T.bucketPolicy, "data-policy", { bucket: ref, policy: json({ Version: "2012-10-17", Statement: [
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn(), arn("/*")], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "DenyWrongEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: arn("/*"), Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
        { Sid: "DenyWrongKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: arn("/*"), Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": out(key, "arn") } } },
    ] }) });
    const pab = b.add(T.pab, "data-pab", { bucket: ref, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const ownership = b.add(T.ownership, "data-ownership", { bucket: ref, ...extra, rule: { objectOwnership: "BucketOwnerEnforced" } });
    return { b, bucket, key, sse, policy, pab, ownership, ref, arn };
}

/** The compliant document without its TLS deny: the encryption denies stay (they name `key.arn`). */
const TLS_LESS = (s: Stack): unknown => json({ Version: "2012-10-17", Statement: [
    { Sid: "DenyWrongEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: s.arn("/*"), Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
    { Sid: "DenyWrongKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: s.arn("/*"), Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": out(s.key, "arn") } } },
] });

/** One bad setting of one configuration resource, and the policy that must report it (on that resource or its bucket). */
interface Breakage {
    title: string;
    policy: string;
    /** Rewrites the configuration resource's inputs. */
    resource: (s: Stack) => string;
    change: (s: Stack, p: Props) => void;
    /** The same setting, declared by a second resource for the bucket (AWS keeps whichever is written last). */
    second: (s: Stack) => void;
    /**
     * False where the bad value sits in JSON text that embeds an output (`key.arn`): in a fresh preview the whole
     * text is unknown and the check waits for `pulumi up` (documented for the bucket policy checks).
     */
    firesAtPreview?: boolean;
}

const BREAKAGES: readonly Breakage[] = [
    {
        title: "default encryption AES256", policy: "s3-bucket-sse-kms", resource: (s) => s.sse,
        change: (_s, p) => { p["rules"] = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]; },
        second: (s) => { s.b.add(T.sseV2, "data-sse-2", { bucket: s.ref, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }); },
    },
    {
        title: "bucket policy without the TLS deny", policy: "s3-bucket-policy-deny-insecure-transport", resource: (s) => s.policy,
        change: () => undefined, firesAtPreview: false,
        second: (s) => { s.b.add(T.bucketPolicy, "data-policy-2", { bucket: s.ref, policy: TLS_LESS(s) }); },
    },
    {
        title: "public access block leaving blockPublicPolicy off", policy: "s3-bucket-public-access-block", resource: (s) => s.pab,
        change: (_s, p) => { p["blockPublicPolicy"] = false; },
        second: (s) => { s.b.add(T.pab, "data-pab-2", { bucket: s.ref, blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true }); },
    },
    {
        title: "ownership controls ObjectWriter", policy: "s3-bucket-ownership-controls", resource: (s) => s.ownership,
        change: (_s, p) => { p["rule"] = { objectOwnership: "ObjectWriter" }; },
        second: (s) => { s.b.add(T.ownership, "data-ownership-2", { bucket: s.ref, rule: { objectOwnership: "ObjectWriter" } }); },
    },
];

/** Rebuilds a breakage's resource with the bad setting (the policy one needs its document rebuilt from outputs). */
function breakIt(s: Stack, k: Breakage): void {
    const urn = k.resource(s);
    if (k.policy === "s3-bucket-policy-deny-insecure-transport") {
        s.b.remove(urn);
        s.b.add(T.bucketPolicy, "data-policy", { bucket: s.ref, policy: TLS_LESS(s) });
        return;
    }
    s.b.patch(urn, (p) => k.change(s, p));
}

function names(vs: { policyName: string }[]): string[] {
    return [...new Set(vs.map((v) => v.policyName))].sort();
}

const MODES: readonly [string, boolean][] = [["update", false], ["fresh preview", true]];

describe("red team: configuration resources in every way a program names the bucket", () => {
    for (const classes of ["v7", "V2"] as const) {
        for (const form of REF_FORMS) {
            for (const [mode, preview] of MODES) {
                it(`${classes}, bucket named by ${form}: the compliant stack is silent (${mode})`, async () => {
                    assertNone(await run(compliant(classes, form).b.build(), { preview }));
                });
                for (const k of BREAKAGES) {
                    it(`${classes}, bucket named by ${form}: ${k.title} fires ${k.policy} and nothing else (${mode})`, async () => {
                        const s = compliant(classes, form);
                        breakIt(s, k);
                        const vs = await run(s.b.build(), { preview });
                        assert.deepStrictEqual(names(vs), preview && k.firesAtPreview === false ? [] : [k.policy], describeAll(vs));
                    });
                    it(`${classes}, bucket named by ${form}: a second resource with ${k.title} fires ${k.policy} (${mode})`, async () => {
                        const s = compliant(classes, form);
                        k.second(s);
                        const vs = await run(s.b.build(), { preview });
                        assert.ok(names(vs).includes(k.policy) || (preview && k.firesAtPreview === false), describeAll(vs));
                        assert.deepStrictEqual(names(vs).filter((n) => n !== k.policy), [], describeAll(vs));
                    });
                }
            }
        }
    }

    for (const [mode, preview] of MODES) {
        it(`an expectedBucketOwner (the bucket's own account) changes no verdict (${mode})`, async () => {
            assertNone(await run(compliant("v7", "bucket.id", { expectedBucketOwner: "111111111111" }).b.build(), { preview }));
            const s = compliant("v7", "bucket.id", { expectedBucketOwner: "111111111111" });
            breakIt(s, BREAKAGES[0]);
            assert.deepStrictEqual(names(await run(s.b.build(), { preview })), ["s3-bucket-sse-kms"]);
        });
    }
});

describe("red team: configuration resources for a bucket the stack does not declare", () => {
    const OTHER = "other-team-bucket";
    const OTHER_ARN = `arn:aws:s3:::${OTHER}`;
    const cases: readonly [string, string, string, Props, Props][] = [
        ["BucketServerSideEncryptionConfiguration", T.sse, "s3-bucket-sse-kms",
            { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000001" }, bucketKeyEnabled: true } },
            { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } }],
        ["BucketServerSideEncryptionConfigurationV2", T.sseV2, "s3-bucket-sse-kms",
            { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000001" }, bucketKeyEnabled: true }] },
            { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }],
        ["BucketPublicAccessBlock", T.pab, "s3-bucket-public-access-block",
            { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true }],
        ["BucketPolicy", T.bucketPolicy, "s3-bucket-policy-deny-insecure-transport",
            { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [OTHER_ARN, `${OTHER_ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) },
            { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "s3:GetObject", Resource: `${OTHER_ARN}/*` }] }) }],
        ["BucketOwnershipControls", T.ownership, "s3-bucket-ownership-controls",
            { rule: { objectOwnership: "BucketOwnerEnforced" } }, { rule: { objectOwnership: "ObjectWriter" } }],
        ["BucketAclV2", T.bucketAclV2, "s3-bucket-no-public-acl", { acl: "private" }, { acl: "public-read" }],
        ["BucketObjectv2", T.bucketObjectV2, "s3-object-sse-kms",
            { key: "k", serverSideEncryption: "aws:kms", kmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000001" },
            { key: "k", serverSideEncryption: "AES256" }],
    ];
    for (const [title, type, policy, good, bad] of cases) {
        for (const [mode, preview] of MODES) {
            it(`${title} of "${OTHER}": silent when compliant, ${policy} when not (${mode})`, async () => {
                const ok = new StackBuilder();
                ok.add(type, "theirs", { bucket: OTHER, ...good });
                const quiet = (await run(ok.build(), { preview })).filter((v) => v.policyName === policy);
                assert.deepStrictEqual(quiet.map((v) => v.message), []);
                const ko = new StackBuilder();
                ko.add(type, "theirs", { bucket: OTHER, ...bad });
                const vs = await run(ko.build(), { preview });
                assert.ok(vs.some((v) => v.policyName === policy), describeAll(vs));
            });
        }
    }
});

/** `logs`, an aws-native SSE-S3 bucket that takes server access logs of `data` only (its policy names `data`). */
function nativeLogged(logSse: Props, logging: (logs: string) => Props): { b: StackBuilder; data: string; logs: string } {
    const b = new StackBuilder();
    const provider = b.nativeProvider("native", { region: "eu-west-1", account: "111111111111" });
    const logs = b.add(T.nativeBucket, "logs", {
        bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: logSse }] },
        versioningConfiguration: { status: "Enabled" },
        publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] },
    }, { provider });
    const data = nativeBucket(b, "data", { provider, bucketProps: { loggingConfiguration: logging(logs) } }).bucket;
    const arn = (urn: string, suffix = ""): OutputRef => out(urn, "arn", (v) => v + suffix);
    b.add(T.nativeBucketPolicy, "logs-policy", { bucket: out(logs, "id"), policyDocument: { Version: "2012-10-17", Statement: [
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn(logs), arn(logs, "/*")], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "DenyWritesOtherThanLogDelivery", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: arn(logs, "/*"), Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } } },
        { Sid: "AllowAccessLogsFromData", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: arn(logs, "/data/*"),
            Condition: { ArnLike: { "aws:SourceArn": arn(data) }, StringEquals: { "aws:SourceAccount": "111111111111" } } },
    ] } }, { provider });
    return { b, data, logs };
}

describe("red team: aws-native bucket-level shapes", () => {
    const toLogs = (logs: string): Props => ({ destinationBucketName: out(logs, "bucketName"), logFilePrefix: "data/" });
    for (const [mode, preview] of MODES) {
        it(`loggingConfiguration.destinationBucketName into an SSE-S3 log bucket is compliant (${mode})`, async () => {
            // Before the stack index read aws-native's loggingConfiguration, s3-bucket-sse-kms blocked the log bucket.
            assertNone(await run(nativeLogged({ sseAlgorithm: "AES256" }, toLogs).b.build(), { preview }));
        });
        it(`loggingConfiguration into an SSE-KMS bucket fires s3-access-log-target (${mode})`, async () => {
            const { b, logs } = nativeLogged({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000001" }, toLogs);
            const vs = await run(b.build(), { preview });
            assert.ok(vs.some((v) => v.policyName === "s3-access-log-target" && v.urn === logs && v.message.includes("SSE-KMS")), describeAll(vs));
        });
        it(`loggingConfiguration without destinationBucketName logs into the bucket itself: s3-access-log-target (${mode})`, async () => {
            const { b, data } = nativeLogged({ sseAlgorithm: "AES256" }, () => ({ logFilePrefix: "self/" }));
            const vs = await run(b.build(), { preview });
            assert.ok(vs.some((v) => v.policyName === "s3-access-log-target" && v.urn === data && v.message.includes("its own access logs")), describeAll(vs));
        });
        it(`bucketEncryption's kmsMasterKeyId off the allowlist fires s3-bucket-sse-key-allowlist, on it does not (${mode})`, async () => {
            const b = new StackBuilder();
            const n = nativeBucket(b, "data");
            const stack = b.build();
            const keyArn = stack.find((r) => r.urn === n.key)?.outputs?.["arn"];
            assert.ok(typeof keyArn === "string", "fixture: the native key's ARN");
            const allow = (arns: string[]) => ({ "s3-bucket-sse-key-allowlist": { enforcementLevel: "mandatory", allowedKeyArns: arns } }) as const;
            const off = await run(stack, { preview, config: allow(["arn:aws:kms:eu-west-1:111111111111:key/approved"]) });
            assert.deepStrictEqual(names(off), ["s3-bucket-sse-key-allowlist"], describeAll(off));
            if (!preview) {
                // In a fresh preview the key is being created: no new key is on an allow-list (the policy says so).
                assertNone(await run(stack, { preview, config: allow([keyArn]) }));
            }
        });
        it(`an empty loggingConfiguration (no destination, no prefix) makes no bucket a log target (${mode})`, async () => {
            const { b, logs } = nativeLogged({ sseAlgorithm: "AES256" }, () => ({}));
            const vs = await run(b.build(), { preview });
            assert.ok(vs.every((v) => v.policyName !== "s3-access-log-target"), describeAll(vs));
            assert.ok(vs.some((v) => v.policyName === "s3-bucket-sse-kms" && v.urn === logs), describeAll(vs));
        });
        it(`ownershipControls.rules[].objectOwnership ObjectWriter fires s3-bucket-ownership-controls, BucketOwnerEnforced does not (${mode})`, async () => {
            const good = new StackBuilder();
            nativeBucket(good, "data");
            assertNone(await run(good.build(), { preview }));
            const bad = new StackBuilder();
            const n = nativeBucket(bad, "data");
            bad.patch(n.bucket, (p) => { p["ownershipControls"] = { rules: [{ objectOwnership: "ObjectWriter" }] }; });
            const vs = await run(bad.build(), { preview });
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [`s3-bucket-ownership-controls ${n.bucket}`], describeAll(vs));
        });
    }
});

describe("red team: two versioning declarations for a replicated bucket (AWS keeps the last write)", () => {
    const VERSIONING = "s3-replication-versioning-enabled";
    for (const [mode, preview] of MODES) {
        it(`a BucketVersioningV2 Suspended next to a BucketVersioning Enabled fires ${VERSIONING} (${mode})`, async () => {
            const p = replicatedPair();
            const second = p.b.add(T.versioningV2, "source-versioning-2", { bucket: out(p.source.bucket, "id"), versioningConfiguration: { status: "Suspended" } });
            const vs = await run(p.b.build(), { preview });
            // The Suspended one on its content, and the two declarations on the bucket (duplicateConfigs.spec.ts).
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`).sort(), [`${VERSIONING} ${p.source.bucket}`, `${VERSIONING} ${second}`].sort(), describeAll(vs));
        });
        // No content finding: both say Enabled. During `up` the conflict is reported on the separate resource before
        // it is created (inlineNextToSeparate.spec.ts); in a fresh preview, where the new bucket's known inline value
        // is the program's declaration, the stack part reports the two declarations on the bucket; on a state the
        // inline block in the outputs is the provider's read-back, not a declaration.
        it(`the bucket's inline versioning { enabled: true } next to a BucketVersioning Enabled: no content finding (${mode})`, async () => {
            const p = replicatedPair();
            p.b.patch(p.source.bucket, (x) => { x["versioning"] = { enabled: true }; });
            const vs = await run(p.b.build(), { preview });
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), preview ? [`${VERSIONING} ${p.source.bucket}`] : [], describeAll(vs));
            assert.ok(vs.every((v) => /has 2 versioning configurations/.test(v.message)), describeAll(vs));
        });
    }
    it(`the new bucket's inline versioning { enabled: false } next to a BucketVersioning Enabled fires ${VERSIONING} in a fresh preview`, async () => {
        // The provider writes the inline block on the bucket's next update, suspending versioning under the replication.
        const p = replicatedPair();
        p.b.patch(p.source.bucket, (x) => { x["versioning"] = { enabled: false }; });
        const vs = await run(p.b.build(), { preview: true });
        // The inline block's content, and the two declarations (duplicateConfigs.spec.ts), both on the bucket.
        assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [`${VERSIONING} ${p.source.bucket}`, `${VERSIONING} ${p.source.bucket}`], describeAll(vs));
        assert.ok(vs.some((v) => v.message.includes("(inline versioning) leaves versioning \"Suspended\"")), describeAll(vs));
    });
});

describe("red team: a new bucket's deprecated inline configuration next to the separate resource (fresh preview)", () => {
    // While the bucket is created, a known inline value is the program's input, not the provider's read-back: the
    // provider writes it and the separate resource writes its own, in turn, on every update (AWS keeps the last).
    it("an inline policy without the TLS deny next to a compliant BucketPolicy fires s3-bucket-policy-deny-insecure-transport", async () => {
        const s = compliant("v7", "literal name");
        s.b.patch(s.bucket, (p) => {
            p["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "ReadOwnAccount", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "s3:GetObject", Resource: `${ARN}/*` }] });
        });
        const vs = await run(s.b.build(), { preview: true });
        assert.ok(vs.some((v) => v.policyName === "s3-bucket-policy-deny-insecure-transport" && v.urn === s.bucket), describeAll(vs));
    });
    it("an inline replicationConfiguration whose rule doesn't select SSE-KMS objects, next to a compliant BucketReplicationConfig, fires s3-replication-sse-kms", async () => {
        const p = replicatedPair();
        p.b.patch(p.source.bucket, (x) => {
            x["replicationConfiguration"] = { role: "arn:aws:iam::111111111111:role/replication-role", rules: [{
                id: "inline", status: "Enabled",
                destination: { bucket: "arn:aws:s3:::elsewhere-bucket", storageClass: "STANDARD", replicaKmsKeyId: "arn:aws:kms:eu-central-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000001" },
            }] };
        });
        const vs = await run(p.b.build(), { preview: true });
        assert.deepStrictEqual(names(vs), ["s3-replication-sse-kms"], describeAll(vs));
        assert.ok(vs.every((v) => v.urn === p.source.bucket), describeAll(vs));
    });
    it("an inline logging into an SSE-KMS bucket next to a BucketLogging into the log bucket fires s3-access-log-target", async () => {
        const resources = withInputs([...secureBucketFixture("other"), ...loggedData()], "data", { logging: { targetBucket: ref("other", "id"), targetPrefix: "inline/" } });
        const stack = fixtureStack({ title: "inline next to separate", resources });
        assertNone(await run(fixtureStack({ title: "separate only", resources: [...secureBucketFixture("other"), ...loggedData()] }), { preview: true }));
        const vs = await run(stack, { preview: true });
        assert.ok(vs.some((v) => v.policyName === "s3-access-log-target" && v.message.includes('log target Bucket "other"') && v.message.includes("SSE-KMS")), describeAll(vs));
    });
});
