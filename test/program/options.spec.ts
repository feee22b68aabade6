// The program's mapping from configuration to components, option by option: every option of the
// `encrypted-buckets:*` configuration is set to each of its values and the registered resources are
// checked. The seam is "stack config in, registered resources and inputs out" (program/build.ts under
// a recording mock monitor), so a program that ignores an option, maps a value to another, or lets
// a replica inherit a setting it should not, fails a row here.
import * as assert from "assert";
import { runStack, StackRun } from "./support/stackRun";
import { EXEMPT_TAG, S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT, S3_BUCKET_POLICY_REQUIRE_SSE_KMS } from "../../policypack/model/guardrailToggles";

const DATA = "111111111111";
const BACKUP = "222222222222";
const ANALYTICS = "333333333333";

const T = {
    provider: "pulumi:providers:aws",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
} as const;

/** Raw configuration as Pulumi passes it (the values under `encrypted-buckets:`). */
type Raw = Record<string, unknown> & { buckets: Array<Record<string, unknown>> };

/**
 * One bucket "b" in account data with its own key, a same-account reader and a replica "r" in the
 * backup account; protect off so forceDestroy needs no acknowledgement. Rows edit a copy.
 */
function baseConfig(): Raw {
    return {
        accounts: {
            data: { accountId: DATA, region: "eu-west-1", roleArn: `arn:aws:iam::${DATA}:role/deploy` },
            backup: { accountId: BACKUP, region: "eu-central-1", roleArn: `arn:aws:iam::${BACKUP}:role/deploy` },
            analytics: { accountId: ANALYTICS, region: "eu-west-1", roleArn: `arn:aws:iam::${ANALYTICS}:role/deploy` },
        },
        protect: false,
        buckets: [
            {
                name: "b",
                account: "data",
                bucketName: "acme-b",
                grants: [{ principal: `arn:aws:iam::${DATA}:role/reader`, access: "read" }],
                replicas: [{ account: "backup", bucketName: "acme-b-copy" }],
            },
        ],
    };
}

const bucketOf = (raw: Raw): Record<string, unknown> => raw.buckets[0];
const guardrailsOf = (raw: Raw): Record<string, unknown> => {
    const b = bucketOf(raw);
    b["guardrails"] ??= {};
    return b["guardrails"] as Record<string, unknown>;
};
/** Tags the bucket with the policy pack's exemption from `policy`, which a toggle the pack blocks as mandatory needs. */
const exemptFrom = (raw: Raw, policy: string): void => {
    const b = bucketOf(raw);
    b["tags"] = { ...(b["tags"] as Record<string, string> | undefined), [EXEMPT_TAG]: policy };
};
const grantOf = (raw: Raw): Record<string, unknown> => (bucketOf(raw)["grants"] as Array<Record<string, unknown>>)[0];
const replicaOf = (raw: Raw): Record<string, unknown> => (bucketOf(raw)["replicas"] as Array<Record<string, unknown>>)[0];
const ownKeyOf = (raw: Raw): Record<string, unknown> => {
    const b = bucketOf(raw);
    b["key"] ??= {};
    return b["key"] as Record<string, unknown>;
};

interface Statement {
    Sid?: string;
    Effect: string;
    Principal?: unknown;
    Action?: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

const REPLICA = "b-replica-backup-eu-central-1";
const PARTNER = "444444444444";
const PARTNER_KEY = `arn:aws:kms:us-east-1:${PARTNER}:key/0b9f7a36-6f2d-4b8e-9a51-3c1d2e4f5a6b`;
const EXTERNAL = { name: "partner", bucketArn: "arn:aws:s3:::partner-dr", accountId: PARTNER, region: "us-east-1", keyArn: PARTNER_KEY };
const BROUGHT_ROLE = `arn:aws:iam::${DATA}:role/platform/s3-replication`;

function statements(r: StackRun, type: string, name: string): Statement[] {
    return (JSON.parse(String(r.named(type, name).inputs["policy"])) as { Statement: Statement[] }).Statement;
}
const bucketSids = (r: StackRun, bucket = "b"): string[] => statements(r, T.bucketPolicy, `${bucket}-policy`).map((s) => s.Sid ?? "");
const hasBucketSid = (sid: string, bucket = "b") => (r: StackRun) => bucketSids(r, bucket).includes(sid);
const keyStatements = (r: StackRun, key = "b-cmk"): Statement[] => statements(r, T.keyPolicy, `${key}-policy`);
const principalsOf = (s: Statement | undefined): string[] => {
    const aws = (s?.Principal as { AWS?: string | string[] } | undefined)?.AWS;
    return aws === undefined ? [] : Array.isArray(aws) ? aws : [aws];
};
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const input = (r: StackRun, type: string, name: string, field: string): unknown => r.named(type, name).inputs[field];
const sseRule = (r: StackRun, bucket = "b") =>
    (input(r, T.sse, `${bucket}-encryption`, "rules") as Array<{ bucketKeyEnabled: boolean; applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }>)[0];
const replicationRule = (r: StackRun) => (input(r, T.replication, "b-replication-config", "rules") as Array<Record<string, unknown>>)[0];
const destination = (r: StackRun) => replicationRule(r)["destination"] as Record<string, unknown>;
const assumeRole = (r: StackRun, alias = "data") => (JSON.parse(String(input(r, T.provider, `aws-${alias}`, "assumeRoles"))) as Array<Record<string, unknown>>)[0];
const grantPolicy = (r: StackRun) => r.registrations.filter((x) => (x.type === T.rolePolicy || x.type === T.userPolicy) && x.name.startsWith("b-grant-"));
const grantActions = (r: StackRun): string[] =>
    statements(r, grantPolicy(r)[0].type, grantPolicy(r)[0].name)
        .flatMap((s) => list(s.Action))
        .sort();

interface Case {
    /** The value as the docs write it. */
    value: string;
    /** Sets the option on a copy of the base configuration; none for the default. */
    set?: (raw: Raw) => void;
    expected: unknown;
}

interface Row {
    option: string;
    /** What the registered resources say about the option. */
    observe: (run: StackRun) => unknown;
    cases: Case[];
}

const ROWS: Row[] = [
    // guardrails (docs/configuration.md, "guardrails")
    {
        option: "guardrails.requireTls",
        observe: hasBucketSid("DenyInsecureTransport"),
        cases: [
            { value: "true (default)", expected: true },
            { value: "false (with the pack's exemption tag: the configuration refuses it otherwise, test/config/packToggles.spec.ts)", set: (c) => { guardrailsOf(c)["requireTls"] = false; exemptFrom(c, S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT); }, expected: false },
        ],
    },
    {
        option: "guardrails.minimumTlsVersion",
        observe: (r) => statements(r, T.bucketPolicy, "b-policy").find((s) => s.Sid === "DenyOutdatedTlsVersion")?.Condition?.["NumericLessThan"]?.["s3:TlsVersion"],
        cases: [
            { value: "1.2 (default)", expected: "1.2" },
            { value: "1.3", set: (c) => (guardrailsOf(c)["minimumTlsVersion"] = "1.3"), expected: "1.3" },
        ],
    },
    {
        option: "guardrails.denySigV2",
        observe: hasBucketSid("DenySignatureVersion2"),
        cases: [
            { value: "true (default)", expected: true },
            { value: "false", set: (c) => (guardrailsOf(c)["denySigV2"] = false), expected: false },
        ],
    },
    {
        option: "guardrails.denyWrongEncryptionHeaders",
        observe: (r) => [hasBucketSid("DenyWrongEncryptionAlgorithmHeader")(r), hasBucketSid("DenyWrongKmsKeyHeader")(r)],
        cases: [
            { value: "true (default)", expected: [true, true] },
            { value: "false (with the pack's exemption tag: the configuration refuses it otherwise, test/config/packToggles.spec.ts)", set: (c) => { guardrailsOf(c)["denyWrongEncryptionHeaders"] = false; exemptFrom(c, S3_BUCKET_POLICY_REQUIRE_SSE_KMS); }, expected: [false, false] },
        ],
    },
    {
        option: "guardrails.denyKmsHeaderWithoutKeyId",
        observe: hasBucketSid("DenyKmsHeaderWithoutKeyId"),
        cases: [
            { value: "true (default)", expected: true },
            { value: "false (with the pack's exemption tag: the configuration refuses it otherwise, test/config/packToggles.spec.ts)", set: (c) => { guardrailsOf(c)["denyKmsHeaderWithoutKeyId"] = false; exemptFrom(c, S3_BUCKET_POLICY_REQUIRE_SSE_KMS); }, expected: false },
        ],
    },
    {
        option: "guardrails.encryptionHeader",
        observe: (r) => [hasBucketSid("DenyUnEncryptedObjectUploads")(r), hasBucketSid("DenyUploadsWithoutThisBucketKey")(r)],
        cases: [
            { value: "compatible (default)", expected: [false, false] },
            { value: "strict", set: (c) => (guardrailsOf(c)["encryptionHeader"] = "strict"), expected: [true, false] },
            { value: "strict-key", set: (c) => (guardrailsOf(c)["encryptionHeader"] = "strict-key"), expected: [true, true] },
        ],
    },
    {
        option: "guardrails.denySseC",
        observe: hasBucketSid("DenySseCUploads"),
        cases: [
            { value: "true (default)", expected: true },
            { value: "false", set: (c) => (guardrailsOf(c)["denySseC"] = false), expected: false },
        ],
    },
    // bucket settings
    {
        option: "bucketKeyEnabled",
        observe: (r) => sseRule(r).bucketKeyEnabled,
        cases: [
            { value: "true (default)", expected: true },
            { value: "false", set: (c) => (bucketOf(c)["bucketKeyEnabled"] = false), expected: false },
        ],
    },
    {
        option: "bucketName",
        observe: (r) => input(r, T.bucket, "b-bucket", "bucket"),
        cases: [
            { value: "acme-b", expected: "acme-b" },
            { value: "unset (auto-named)", set: (c) => delete bucketOf(c)["bucketName"], expected: undefined },
        ],
    },
    {
        option: "region",
        observe: (r) => [input(r, T.bucket, "b-bucket", "region"), input(r, T.key, "b-cmk-key", "region")],
        cases: [
            { value: "the account's (default)", expected: ["eu-west-1", "eu-west-1"] },
            { value: "eu-north-1", set: (c) => (bucketOf(c)["region"] = "eu-north-1"), expected: ["eu-north-1", "eu-north-1"] },
        ],
    },
    {
        option: "account",
        observe: (r) => [r.providerOf(r.named(T.bucket, "b-bucket")), r.providerOf(r.named(T.key, "b-cmk-key"))],
        cases: [
            { value: "data", expected: ["aws-data", "aws-data"] },
            {
                value: "analytics",
                set: (c) => {
                    bucketOf(c)["account"] = "analytics";
                    grantOf(c)["principal"] = `arn:aws:iam::${ANALYTICS}:role/reader`;
                },
                expected: ["aws-analytics", "aws-analytics"],
            },
        ],
    },
    {
        option: "forceDestroy",
        observe: (r) => input(r, T.bucket, "b-bucket", "forceDestroy"),
        cases: [
            { value: "false (default)", expected: false },
            { value: "true", set: (c) => (bucketOf(c)["forceDestroy"] = true), expected: true },
        ],
    },
    {
        option: "protect (stack)",
        observe: (r) => [r.named(T.bucket, "b-bucket").protect, r.named(T.key, "b-cmk-key").protect],
        cases: [
            { value: "false", expected: [false, false] },
            { value: "true", set: (c) => (c["protect"] = true), expected: [true, true] },
        ],
    },
    {
        option: "buckets[].protect",
        observe: (r) => [r.named(T.bucket, "b-bucket").protect, r.named(T.key, "b-cmk-key").protect],
        cases: [
            { value: "the stack's (false)", expected: [false, false] },
            { value: "true", set: (c) => (bucketOf(c)["protect"] = true), expected: [true, true] },
        ],
    },
    {
        option: "tags (stack)",
        observe: (r) => [input(r, T.provider, "aws-data", "defaultTags"), input(r, T.bucket, "b-bucket", "tags")],
        cases: [
            { value: "none", expected: [undefined, {}] },
            { value: "{ team: data }", set: (c) => (c["tags"] = { team: "data" }), expected: [JSON.stringify({ tags: { team: "data" } }), { team: "data" }] },
        ],
    },
    {
        option: "buckets[].tags",
        observe: (r) => [input(r, T.bucket, "b-bucket", "tags"), input(r, T.key, "b-cmk-key", "tags")],
        cases: [
            { value: "none", expected: [{}, {}] },
            { value: "{ owner: me }", set: (c) => (bucketOf(c)["tags"] = { owner: "me" }), expected: [{ owner: "me" }, { owner: "me" }] },
        ],
    },
    // the bucket's own key (docs/configuration.md, "keys")
    {
        option: "key.alias",
        observe: (r) => input(r, T.alias, "b-cmk-alias", "name"),
        cases: [
            { value: "derived from the name (default)", expected: "alias/encrypted-buckets/b" },
            { value: "alias/mine", set: (c) => (ownKeyOf(c)["alias"] = "alias/mine"), expected: "alias/mine" },
        ],
    },
    {
        option: "key.description",
        observe: (r) => input(r, T.key, "b-cmk-key", "description"),
        cases: [
            { value: "derived (default)", expected: "SSE-KMS key alias/encrypted-buckets/b" },
            { value: "Mine", set: (c) => (ownKeyOf(c)["description"] = "Mine"), expected: "Mine" },
        ],
    },
    {
        option: "key.deletionWindowInDays",
        observe: (r) => input(r, T.key, "b-cmk-key", "deletionWindowInDays"),
        cases: [
            { value: "30 (default)", expected: 30 },
            { value: "7", set: (c) => (ownKeyOf(c)["deletionWindowInDays"] = 7), expected: 7 },
        ],
    },
    {
        option: "key.rootDelegation",
        observe: (r) => keyStatements(r).some((s) => principalsOf(s).includes(`arn:aws:iam::${DATA}:root`)),
        cases: [
            { value: "true (default)", expected: true },
            {
                value: "false",
                set: (c) => Object.assign(ownKeyOf(c), { rootDelegation: false, administrators: [`arn:aws:iam::${DATA}:role/kms-admin`] }),
                expected: false,
            },
        ],
    },
    {
        option: "key.administrators",
        observe: (r) => keyStatements(r).some((s) => principalsOf(s).includes(`arn:aws:iam::${DATA}:role/kms-admin`)),
        cases: [
            { value: "[] (default)", expected: false },
            { value: "[kms-admin]", set: (c) => (ownKeyOf(c)["administrators"] = [`arn:aws:iam::${DATA}:role/kms-admin`]), expected: true },
        ],
    },
    {
        option: "key.administratorsMayDeleteKey",
        observe: (r) => keyStatements(r).filter((s) => principalsOf(s).includes(`arn:aws:iam::${DATA}:role/kms-admin`)).some((s) => list(s.Action).includes("kms:ScheduleKeyDeletion")),
        cases: [
            { value: "true (default)", set: (c) => (ownKeyOf(c)["administrators"] = [`arn:aws:iam::${DATA}:role/kms-admin`]), expected: true },
            {
                value: "false",
                set: (c) => Object.assign(ownKeyOf(c), { administrators: [`arn:aws:iam::${DATA}:role/kms-admin`], administratorsMayDeleteKey: false }),
                expected: false,
            },
        ],
    },
    {
        option: "key.users",
        observe: (r) => keyStatements(r).some((s) => principalsOf(s).includes(`arn:aws:iam::${DATA}:role/app`)),
        cases: [
            { value: "[] (default)", expected: false },
            { value: "[app]", set: (c) => (ownKeyOf(c)["users"] = [`arn:aws:iam::${DATA}:role/app`]), expected: true },
        ],
    },
    {
        option: "key.serviceUsers",
        observe: (r) =>
            keyStatements(r).some((s) => principalsOf(s).includes(`arn:aws:iam::${DATA}:role/svc`) && list(s.Action).includes("kms:CreateGrant")),
        cases: [
            { value: "[] (default)", expected: false },
            { value: "[svc]", set: (c) => (ownKeyOf(c)["serviceUsers"] = [`arn:aws:iam::${DATA}:role/svc`]), expected: true },
        ],
    },
    {
        option: "key: <shared key name>",
        observe: (r) => [
            r.byType(T.key).map((k) => k.name).filter((n) => n.startsWith("b-cmk") || n.startsWith("key-")),
            sseRule(r).applyServerSideEncryptionByDefault.kmsMasterKeyId === r.byType(T.key).find((k) => k.name !== `${REPLICA}-cmk-key`)?.outputs["arn"],
        ],
        cases: [
            { value: "own key (default)", expected: [["b-cmk-key"], true] },
            {
                value: "shared",
                set: (c) => {
                    c["keys"] = { shared: { account: "data", alias: "alias/shared" } };
                    bucketOf(c)["key"] = "shared";
                },
                expected: [["key-shared-key"], true],
            },
        ],
    },
    {
        option: "keys.<name>.protect",
        observe: (r) => r.named(T.key, "key-shared-key").protect,
        cases: [
            { value: "the stack's (false)", set: (c) => (c["keys"] = { shared: { account: "data", alias: "alias/shared" } }), expected: false },
            { value: "true", set: (c) => (c["keys"] = { shared: { account: "data", alias: "alias/shared", protect: true } }), expected: true },
        ],
    },
    // grants (docs/configuration.md, "grants")
    {
        option: "grants[].access",
        observe: grantActions,
        cases: [
            {
                value: "read",
                expected: [
                    "kms:Decrypt",
                    "s3:GetObject",
                    "s3:GetObjectAttributes",
                    "s3:GetObjectTagging",
                    "s3:GetObjectVersion",
                    "s3:GetObjectVersionAttributes",
                    "s3:GetObjectVersionTagging",
                    "s3:ListBucket",
                    "s3:ListBucketVersions",
                ],
            },
            {
                value: "write",
                set: (c) => (grantOf(c)["access"] = "write"),
                expected: ["kms:Decrypt", "kms:GenerateDataKey", "s3:AbortMultipartUpload", "s3:ListBucket", "s3:ListMultipartUploadParts", "s3:PutObject", "s3:PutObjectAcl"],
            },
            {
                value: "read-write",
                set: (c) => (grantOf(c)["access"] = "read-write"),
                expected: [
                    "kms:Decrypt",
                    "kms:GenerateDataKey",
                    "s3:AbortMultipartUpload",
                    "s3:GetObject",
                    "s3:GetObjectAttributes",
                    "s3:GetObjectTagging",
                    "s3:GetObjectVersion",
                    "s3:GetObjectVersionAttributes",
                    "s3:GetObjectVersionTagging",
                    "s3:ListBucket",
                    "s3:ListBucketVersions",
                    "s3:ListMultipartUploadParts",
                    "s3:PutObject",
                    "s3:PutObjectAcl",
                ],
            },
        ],
    },
    {
        option: "grants[].prefix",
        observe: (r) => statements(r, grantPolicy(r)[0].type, grantPolicy(r)[0].name).flatMap((s) => list(s.Resource)).filter((x) => x.startsWith("arn:aws:s3")),
        cases: [
            { value: "none", expected: ["arn:aws:s3:::acme-b", "arn:aws:s3:::acme-b/*"] },
            { value: "reports/", set: (c) => (grantOf(c)["prefix"] = "reports/"), expected: ["arn:aws:s3:::acme-b", "arn:aws:s3:::acme-b/reports/*"] },
        ],
    },
    {
        option: "grants[].principal (user or role)",
        observe: (r) => grantPolicy(r).map((p) => [p.type, p.inputs["role"] ?? p.inputs["user"]]),
        cases: [
            { value: "role", expected: [[T.rolePolicy, "reader"]] },
            { value: "user", set: (c) => (grantOf(c)["principal"] = `arn:aws:iam::${DATA}:user/reader`), expected: [[T.userPolicy, "reader"]] },
        ],
    },
    {
        option: "grants[].consumerAccount (other account)",
        observe: (r) => [grantPolicy(r).map((p) => r.providerOf(p)), bucketSids(r).some((s) => s.startsWith("GrantBGrantReader"))],
        cases: [
            { value: "same account", expected: [["aws-data"], false] },
            { value: "other account, unset", set: (c) => (grantOf(c)["principal"] = `arn:aws:iam::${ANALYTICS}:role/reader`), expected: [[], true] },
            {
                value: "other account, analytics",
                set: (c) => Object.assign(grantOf(c), { principal: `arn:aws:iam::${ANALYTICS}:role/reader`, consumerAccount: "analytics" }),
                expected: [["aws-analytics"], true],
            },
        ],
    },
    // replicas (docs/configuration.md, "replicas")
    {
        option: "replicas[].account and region",
        observe: (r) => [r.providerOf(r.named(T.bucket, `${REPLICA}-bucket`)) ?? "", input(r, T.bucket, `${REPLICA}-bucket`, "region"), destination(r)["account"]],
        cases: [{ value: "backup, its region (default)", expected: ["aws-backup", "eu-central-1", BACKUP] }],
    },
    {
        option: "replicas[].region",
        observe: (r) => r.byType(T.bucket).filter((b) => b.name.startsWith("b-replica-")).map((b) => [b.name, b.inputs["region"]]),
        cases: [
            { value: "the account's (default)", expected: [[`${REPLICA}-bucket`, "eu-central-1"]] },
            { value: "eu-north-1", set: (c) => (replicaOf(c)["region"] = "eu-north-1"), expected: [["b-replica-backup-eu-north-1-bucket", "eu-north-1"]] },
        ],
    },
    {
        option: "replicas[].bucketName",
        observe: (r) => [input(r, T.bucket, `${REPLICA}-bucket`, "bucket"), destination(r)["bucket"]],
        cases: [
            { value: "acme-b-copy", expected: ["acme-b-copy", "arn:aws:s3:::acme-b-copy"] },
            { value: "acme-b-dr", set: (c) => (replicaOf(c)["bucketName"] = "acme-b-dr"), expected: ["acme-b-dr", "arn:aws:s3:::acme-b-dr"] },
        ],
    },
    {
        option: "replicas[].key",
        observe: (r) => [input(r, T.alias, `${REPLICA}-cmk-alias`, "name"), input(r, T.key, `${REPLICA}-cmk-key`, "deletionWindowInDays")],
        cases: [
            { value: "own key with defaults", expected: ["alias/encrypted-buckets/b-replica-backup-eu-central-1", 30] },
            { value: "own key settings", set: (c) => (replicaOf(c)["key"] = { alias: "alias/copy", deletionWindowInDays: 7 }), expected: ["alias/copy", 7] },
        ],
    },
    {
        option: "replicas[].storageClass",
        observe: (r) => destination(r)["storageClass"],
        cases: [
            { value: "STANDARD (default)", expected: "STANDARD" },
            { value: "GLACIER_IR", set: (c) => (replicaOf(c)["storageClass"] = "GLACIER_IR"), expected: "GLACIER_IR" },
        ],
    },
    {
        option: "replicas[].replicationTime",
        observe: (r) => [(destination(r)["replicationTime"] as { status?: string } | undefined)?.status, (destination(r)["metrics"] as { status?: string } | undefined)?.status],
        cases: [
            { value: "false (default)", expected: [undefined, undefined] },
            { value: "true", set: (c) => (replicaOf(c)["replicationTime"] = true), expected: ["Enabled", "Enabled"] },
        ],
    },
    {
        option: "replicas[].deleteMarkerReplication",
        observe: (r) => (replicationRule(r)["deleteMarkerReplication"] as { status: string }).status,
        cases: [
            { value: "true (default)", expected: "Enabled" },
            { value: "false", set: (c) => (replicaOf(c)["deleteMarkerReplication"] = false), expected: "Disabled" },
        ],
    },
    {
        option: "replicas[].filter",
        observe: (r) => replicationRule(r)["filter"],
        cases: [
            { value: "whole bucket (default)", expected: {} },
            { value: "{ prefix: logs/ }", set: (c) => (replicaOf(c)["filter"] = { prefix: "logs/" }), expected: { prefix: "logs/" } },
            {
                value: "{ tags: { copy: yes } }",
                set: (c) => (replicaOf(c)["filter"] = { tags: { copy: "yes" } }),
                expected: { tag: { key: "copy", value: "yes" } },
            },
        ],
    },
    {
        option: "replicas[].priority",
        observe: (r) => replicationRule(r)["priority"],
        cases: [
            { value: "position (default)", expected: 0 },
            { value: "5", set: (c) => (replicaOf(c)["priority"] = 5), expected: 5 },
        ],
    },
    {
        option: "replicas[].allowSameRegion",
        observe: (r) => input(r, T.bucket, "b-replica-backup-eu-west-1-bucket", "region"),
        cases: [{ value: "true, same region as the source", set: (c) => Object.assign(replicaOf(c), { region: "eu-west-1", allowSameRegion: true }), expected: "eu-west-1" }],
    },
    {
        option: "replicas[].bidirectional",
        observe: (r) => [r.byType(T.replication).map((x) => r.providerOf(x)).sort(), r.byType(T.role).map((x) => r.providerOf(x)).sort()],
        cases: [
            // Roles: the replication role(s), and the source's Batch Operations role (forward direction only).
            { value: "false (default)", expected: [["aws-data"], ["aws-data", "aws-data"]] },
            { value: "true", set: (c) => (replicaOf(c)["bidirectional"] = true), expected: [["aws-backup", "aws-data"], ["aws-backup", "aws-data", "aws-data"]] },
        ],
    },
    {
        option: "replicas[].roleName",
        observe: (r) => r.byType(T.role).map((x) => x.inputs["name"]),
        cases: [
            // The Batch Operations role is named after the replication role.
            { value: "<stack>-<bucket>-replication (default)", expected: ["test-b-replication", "test-b-replication-batch"] },
            { value: "copier", set: (c) => (replicaOf(c)["roleName"] = "copier"), expected: ["copier", "copier-batch"] },
        ],
    },
    // What a replica takes from its source and what it does not (docs/configuration.md, "replicas").
    {
        option: "replicas[].forceDestroy (never the source's)",
        observe: (r) => [input(r, T.bucket, "b-bucket", "forceDestroy"), input(r, T.bucket, `${REPLICA}-bucket`, "forceDestroy")],
        cases: [
            { value: "false (default), source false", expected: [false, false] },
            { value: "false (default), source true", set: (c) => (bucketOf(c)["forceDestroy"] = true), expected: [true, false] },
            { value: "true, source false", set: (c) => (replicaOf(c)["forceDestroy"] = true), expected: [false, true] },
        ],
    },
    {
        option: "replica guardrails (the source's)",
        observe: (r) => [hasBucketSid("DenySignatureVersion2", REPLICA)(r), hasBucketSid("DenyUploadsWithoutThisBucketKey", REPLICA)(r)],
        cases: [
            { value: "source defaults", expected: [true, false] },
            { value: "source denySigV2 false, strict-key", set: (c) => Object.assign(guardrailsOf(c), { denySigV2: false, encryptionHeader: "strict-key" }), expected: [false, true] },
        ],
    },
    {
        option: "replica bucketKeyEnabled (the source's)",
        observe: (r) => sseRule(r, REPLICA).bucketKeyEnabled,
        cases: [
            { value: "source true", expected: true },
            { value: "source false", set: (c) => (bucketOf(c)["bucketKeyEnabled"] = false), expected: false },
        ],
    },
    {
        option: "replica protect (the source's)",
        observe: (r) => [r.named(T.bucket, `${REPLICA}-bucket`).protect, r.named(T.key, `${REPLICA}-cmk-key`).protect],
        cases: [
            { value: "source false", expected: [false, false] },
            { value: "source true", set: (c) => (bucketOf(c)["protect"] = true), expected: [true, true] },
        ],
    },
    {
        option: "replica tags (stack and the source's)",
        observe: (r) => input(r, T.bucket, `${REPLICA}-bucket`, "tags"),
        cases: [
            { value: "none", expected: {} },
            { value: "source { owner: me }", set: (c) => (bucketOf(c)["tags"] = { owner: "me" }), expected: { owner: "me" } },
        ],
    },
    {
        option: "replica grants (none: grants are the source's only)",
        observe: (r) => bucketSids(r, REPLICA).filter((s) => s.startsWith("Grant")),
        cases: [{ value: "source has a cross-account grant", set: (c) => (grantOf(c)["principal"] = `arn:aws:iam::${ANALYTICS}:role/reader`), expected: [] }],
    },
    // externalReplicas and replicationRoleArn (docs/configuration.md, "externalReplicas", "replicationRoleArn")
    {
        option: "externalReplicas[]",
        observe: (r) => {
            const rule = (input(r, T.replication, "b-replication-config", "rules") as Array<Record<string, unknown>>).find((x) => String(x["id"]).endsWith("-to-partner"));
            if (rule === undefined) return undefined;
            const d = rule["destination"] as Record<string, unknown>;
            return [rule["priority"], d["bucket"], d["account"], d["accessControlTranslation"], d["encryptionConfiguration"], rule["sourceSelectionCriteria"], r.byType(T.bucket).some((b) => b.name.includes("partner"))];
        },
        cases: [
            { value: "none (default)", expected: undefined },
            {
                value: "a partner's bucket",
                set: (c) => (bucketOf(c)["externalReplicas"] = [EXTERNAL]),
                expected: [
                    1,
                    "arn:aws:s3:::partner-dr",
                    PARTNER,
                    { owner: "Destination" },
                    { replicaKmsKeyId: PARTNER_KEY },
                    { sseKmsEncryptedObjects: { status: "Enabled" } },
                    false,
                ],
            },
        ],
    },
    {
        option: "externalReplicas[].bucketKeyEnabled",
        observe: (r) => list(statements(r, T.rolePolicy, "b-replication-role-policy").find((s) => s.Sid === "ReplicationRoleEncryptForPartner")?.Action).sort(),
        cases: [
            { value: "true (default)", set: (c) => (bucketOf(c)["externalReplicas"] = [EXTERNAL]), expected: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] },
            { value: "false", set: (c) => (bucketOf(c)["externalReplicas"] = [{ ...EXTERNAL, bucketKeyEnabled: false }]), expected: ["kms:Encrypt", "kms:GenerateDataKey"] },
        ],
    },
    {
        option: "replicationRoleArn",
        observe: (r) => [r.byType(T.role).filter((x) => x.name === "b-replication-role").length, r.byType(T.rolePolicy).filter((x) => x.name === "b-replication-role-policy").length, input(r, T.replication, "b-replication-config", "role") === BROUGHT_ROLE, principalsOf(keyStatements(r).find((s) => s.Sid?.startsWith("ReplicationSourceKeyDecrypt"))).includes(BROUGHT_ROLE)],
        cases: [
            { value: "unset: a role is created (default)", expected: [1, 1, false, false] },
            { value: "an existing role", set: (c) => (bucketOf(c)["replicationRoleArn"] = BROUGHT_ROLE), expected: [0, 0, true, true] },
        ],
    },
    // accounts (docs/configuration.md, "accounts")
    {
        option: "accounts.<alias>.sessionName",
        observe: (r) => assumeRole(r)["sessionName"],
        cases: [
            { value: "encrypted-buckets-<stack> (default)", expected: "encrypted-buckets-test" },
            { value: "ci", set: (c) => ((c["accounts"] as Record<string, Record<string, unknown>>)["data"]["sessionName"] = "ci"), expected: "ci" },
        ],
    },
    {
        option: "accounts.<alias>.externalId",
        observe: (r) => assumeRole(r)["externalId"],
        cases: [
            { value: "unset", expected: undefined },
            { value: "xyz", set: (c) => ((c["accounts"] as Record<string, Record<string, unknown>>)["data"]["externalId"] = "xyz"), expected: "xyz" },
        ],
    },
];

const runs = new Map<string, Promise<StackRun>>();
/** The base configuration is shared by every default case, so it runs once. */
function runOf(c: Case): Promise<StackRun> {
    const raw = baseConfig();
    c.set?.(raw);
    const key = JSON.stringify(raw);
    let run = runs.get(key);
    if (run === undefined) {
        run = runStack(raw);
        runs.set(key, run);
    }
    return run;
}

describe("program: every configuration option reaches the registered resources", function () {
    for (const row of ROWS) {
        describe(row.option, () => {
            if (row.cases.length > 1) {
                it("its values are told apart (a row that expects the same for every value tests nothing)", () => {
                    const seen = row.cases.map((c) => JSON.stringify(c.expected));
                    assert.equal(new Set(seen).size, seen.length, seen.join(" | "));
                });
            }
            for (const c of row.cases) {
                it(c.value, async () => {
                    assert.deepStrictEqual(row.observe(await runOf(c)), c.expected);
                });
            }
        });
    }
});
