// Differential red team: the same stack written by hand in every resource shape users write (v7 separate
// resources, the deprecated V2 classes, the deprecated inline properties, aws-native), with its policy documents
// written in every form IAM accepts (JSON text or an object, single values or lists, `Statement` as one object,
// `{"AWS": ["*"]}` for `"*"`, condition keys in any case: "IAM JSON policy elements: Condition", context key names
// are not case-sensitive), must get the same verdict: the same mandatory policies, in update and in a fresh preview.
// In a fresh preview a JSON document that embeds the key's ARN is unknown as a whole, so its checks may wait for `up`
// (never a false alarm in the meantime); an object document keeps its literal parts and is judged at once.
import * as assert from "assert";
import { describeAll, mandatory, run } from "./support/run";
import { rootStatement } from "./support/scenarios";
import { json, out, OutputRef, StackBuilder, T } from "./support/stackBuilder";

type BucketShape = "v7" | "v2" | "inline" | "inline-v2" | "native";
const BUCKET_SHAPES: readonly BucketShape[] = ["v7", "v2", "inline", "inline-v2", "native"];

type DocShape = "json" | "object" | "single-values" | "statement-object";

interface Sse {
    algorithm: string;
    /** `own`: the stack's key (by `key.arn`, or as the variant's `keyRef` says); `own-alias`: by alias name; a literal otherwise. */
    key?: "own" | "own-alias" | string;
}

/** How a real program wires the stack together: names AWS generates, references to outputs instead of literals. */
interface Wiring {
    /** `generated`: no bucket name input; the bucket policy's ARNs are `bucket.arn` (v7, V2, aws-native only). */
    names: "literal" | "generated";
    /** How the default encryption names the stack's own key: `key.arn`, `key.keyId`, `alias.name`, `alias.arn`. */
    keyRef: "arn" | "keyId" | "alias-name" | "alias-arn";
}

const LITERAL: Wiring = { names: "literal", keyRef: "arn" };

interface Scenario {
    sse?: Sse | null;
    versioning?: "Enabled" | "Suspended" | null;
    /** The bucket policy statements (the bucket ARN is `arn:aws:s3:::data-bucket`); null: no policy. */
    statements?: ((keyArn: unknown) => Record<string, unknown>[]) | null;
    docShape?: DocShape;
    keyStatements?: Record<string, unknown>[];
    rotation?: boolean;
    /** A canned ACL on the bucket (with ObjectWriter ownership and no ignorePublicAcls, so it counts). */
    cannedAcl?: string;
}

const BUCKET_NAME = "data-bucket";
const ARN = `arn:aws:s3:::${BUCKET_NAME}`;

const TLS_DENY = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
const ALG_DENY = { Sid: "DenyWrongEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${ARN}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } };
const keyDeny = (keyArn: unknown) => ({ Sid: "DenyWrongKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${ARN}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn } } });
function withoutPrincipal(st: Record<string, unknown>): Record<string, unknown> {
    const { Principal: _p, ...rest } = st;
    return rest;
}
function withoutAction(st: Record<string, unknown>): Record<string, unknown> {
    const { Action: _a, ...rest } = st;
    return rest;
}
const keyDenyPresentOnly = (keyArn: unknown) => ({ ...keyDeny(keyArn), Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" } } });
const compliantStatements = (keyArn: unknown) => [TLS_DENY, ALG_DENY, keyDeny(keyArn)];

/** A statement with single-element lists as plain values and plain values as lists (both are IAM-valid). */
function flipValues(s: Record<string, unknown>): Record<string, unknown> {
    const flip = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : typeof v === "string" ? [v] : v);
    const outS: Record<string, unknown> = { ...s };
    for (const k of ["Action", "Resource", "NotAction", "NotResource"]) {
        if (k in outS) {
            outS[k] = flip(outS[k]);
        }
    }
    if (outS["Condition"] && typeof outS["Condition"] === "object") {
        const c: Record<string, Record<string, unknown>> = {};
        for (const [op, keys] of Object.entries(outS["Condition"] as Record<string, Record<string, unknown>>)) {
            c[op] = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, flip(v)]));
        }
        outS["Condition"] = c;
    }
    if (outS["Principal"] === "*") {
        outS["Principal"] = { AWS: ["*"] };
    }
    return outS;
}

function document(statements: Record<string, unknown>[], shape: DocShape): unknown {
    switch (shape) {
        case "json":
            return { $json: { Version: "2012-10-17", Statement: statements } };
        case "object":
            return { Version: "2012-10-17", Statement: statements };
        case "single-values":
            return { $json: { Version: "2012-10-17", Statement: statements.map(flipValues) } };
        case "statement-object":
            return { $json: { Version: "2012-10-17", Statement: statements.length === 1 ? statements[0] : statements } };
    }
}

/** Resolves `{$json}` markers into the builder's json() so references inside still record dependencies. */
function materialize(v: unknown): unknown {
    if (v !== null && typeof v === "object" && !Array.isArray(v) && "$json" in (v as object)) {
        return json((v as { $json: unknown }).$json);
    }
    return v;
}

/** Every string leaf that names the bucket's literal ARN, rebuilt from `bucket.arn` (as `pulumi.interpolate` would). */
function fromBucketArn(v: unknown, bucket: string): unknown {
    if (typeof v === "string" && v.includes(ARN)) {
        return out(bucket, "arn", (arn) => v.split(ARN).join(arn));
    }
    if (Array.isArray(v)) {
        return v.map((x) => fromBucketArn(x, bucket));
    }
    if (v !== null && typeof v === "object" && !(v instanceof OutputRef)) {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromBucketArn(x, bucket)]));
    }
    return v;
}

function build(shape: BucketShape, sc: Scenario, wiring: Wiring = LITERAL): { b: StackBuilder; bucket: string } {
    const b = new StackBuilder();
    const native = shape === "native";
    const provider = native ? b.nativeProvider("native", { region: "eu-west-1", account: "111111111111" }) : undefined;
    const common = { provider };
    const keyDoc = { Version: "2012-10-17", Statement: [rootStatement("111111111111"), ...(sc.keyStatements ?? [])] };
    const rotation = sc.rotation ?? true;
    let key: string;
    let alias: string;
    if (native) {
        key = b.add(T.nativeKey, "data-key", {
            description: "data key", enableKeyRotation: rotation, keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", pendingWindowInDays: 30, keyPolicy: keyDoc,
        }, { ...common, protect: true });
        alias = b.add(T.nativeAlias, "data-alias", { aliasName: "alias/data", targetKeyId: out(key, "keyId") }, common);
    } else {
        key = b.add(T.key, "data-key", {
            description: "data key", enableKeyRotation: rotation, deletionWindowInDays: 30, customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT",
            ...(shape === "inline" || shape === "inline-v2" ? { policy: json(keyDoc) } : {}),
        }, { ...common, protect: true });
        if (shape !== "inline" && shape !== "inline-v2") {
            b.add(T.keyPolicy, "data-key-policy", { keyId: out(key, "keyId"), policy: json(keyDoc) }, common);
        }
        alias = b.add(T.alias, "data-alias", { name: "alias/data", targetKeyId: out(key, "keyId") }, common);
    }
    const sse = sc.sse === undefined ? { algorithm: "aws:kms", key: "own" } : sc.sse;
    const ownKey = (): unknown => {
        switch (wiring.keyRef) {
            case "arn": return out(key, "arn");
            case "keyId": return out(key, "keyId");
            case "alias-name": return out(alias, native ? "aliasName" : "name");
            case "alias-arn": return native ? `arn:aws:kms:eu-west-1:111111111111:alias/data` : out(alias, "arn");
        }
    };
    const keyRef = (k: string | undefined): unknown => (k === "own" ? ownKey() : k === "own-alias" ? "alias/data" : k);
    const defaults = sse === null ? undefined : { sseAlgorithm: sse.algorithm, ...(sse.key !== undefined ? { kmsMasterKeyId: keyRef(sse.key) } : {}) };
    const bucketKey = sse !== null && sse.algorithm === "aws:kms" ? { bucketKeyEnabled: true } : {};
    const versioning = sc.versioning === undefined ? "Enabled" : sc.versioning;
    const statements = sc.statements === undefined ? compliantStatements : sc.statements;
    const generated = wiring.names === "generated" && shape !== "inline" && shape !== "inline-v2";
    const docFor = (bucketUrn: string): unknown => {
        if (statements === null) {
            return undefined;
        }
        const raw = document(statements(out(key, "arn")), sc.docShape ?? "json");
        return materialize(generated ? fromBucketArn(raw, bucketUrn) : raw);
    };
    const doc = docFor("");
    const objectWriter = sc.cannedAcl !== undefined;
    let bucket: string;
    if (shape === "native") {
        bucket = b.add(T.nativeBucket, "data", {
            ...(generated ? {} : { bucketName: BUCKET_NAME }),
            ...(defaults ? { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: defaults, ...bucketKey }] } } : {}),
            ...(versioning ? { versioningConfiguration: { status: versioning } } : {}),
            publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: !objectWriter, restrictPublicBuckets: true },
            ownershipControls: { rules: [{ objectOwnership: objectWriter ? "ObjectWriter" : "BucketOwnerEnforced" }] },
            ...(sc.cannedAcl ? { accessControl: sc.cannedAcl === "public-read" ? "PublicRead" : sc.cannedAcl } : {}),
        }, common);
        if (doc !== undefined) {
            b.add(T.nativeBucketPolicy, "data-policy", { bucket: out(bucket, "id"), policyDocument: docFor(bucket) }, common);
        }
        return { b, bucket };
    }
    if (shape === "inline" || shape === "inline-v2") {
        const v2 = shape === "inline-v2";
        const inline: Record<string, unknown> = { bucket: BUCKET_NAME };
        if (defaults) {
            inline[v2 ? "serverSideEncryptionConfigurations" : "serverSideEncryptionConfiguration"] = v2
                ? [{ rules: [{ applyServerSideEncryptionByDefaults: [defaults], ...bucketKey }] }]
                : { rule: { applyServerSideEncryptionByDefault: defaults, ...bucketKey } };
        }
        if (versioning) {
            inline[v2 ? "versionings" : "versioning"] = v2 ? [{ enabled: versioning === "Enabled" }] : { enabled: versioning === "Enabled" };
        }
        if (doc !== undefined) {
            inline["policy"] = doc;
        }
        if (sc.cannedAcl) {
            inline["acl"] = sc.cannedAcl;
        }
        bucket = b.add(v2 ? T.bucketV2 : T.bucket, "data", inline, common);
    } else {
        const v2 = shape === "v2";
        bucket = b.add(v2 ? T.bucketV2 : T.bucket, "data", generated ? {} : { bucket: BUCKET_NAME }, common);
        if (defaults) {
            b.add(v2 ? T.sseV2 : T.sse, "data-sse", { bucket: out(bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: defaults, ...bucketKey }] }, common);
        }
        if (versioning) {
            b.add(v2 ? T.versioningV2 : T.versioning, "data-versioning", { bucket: out(bucket, "id"), versioningConfiguration: { status: versioning } }, common);
        }
        if (doc !== undefined) {
            b.add(T.bucketPolicy, "data-policy", { bucket: out(bucket, "id"), policy: docFor(bucket) }, common);
        }
        if (sc.cannedAcl) {
            b.add(v2 ? T.bucketAclV2 : T.bucketAcl, "data-acl", { bucket: out(bucket, "id"), acl: sc.cannedAcl }, common);
        }
    }
    b.add(T.pab, "data-pab", { bucket: out(bucket, "id"), blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: !objectWriter, restrictPublicBuckets: true }, common);
    b.add(T.ownership, "data-ownership", { bucket: out(bucket, "id"), rule: { objectOwnership: objectWriter ? "ObjectWriter" : "BucketOwnerEnforced" } }, common);
    return { b, bucket };
}

/** The mandatory policies that fire, as a sorted list of names. */
async function verdict(shape: BucketShape, sc: Scenario, preview: boolean, wiring: Wiring = LITERAL): Promise<{ names: string[]; detail: string }> {
    const vs = mandatory(await run(build(shape, sc, wiring).b.build(), { preview }));
    return { names: [...new Set(vs.map((v) => v.policyName))].sort(), detail: describeAll(vs) };
}

const SCENARIOS: Record<string, { scenario: Scenario; expect: string[]; shapes?: readonly BucketShape[]; previewExpect?: string[] }> = {
    "compliant baseline": { scenario: {}, expect: [] },
    "no default encryption": { scenario: { sse: null }, expect: ["s3-bucket-sse-kms"] },
    "AES256": { scenario: { sse: { algorithm: "AES256" } }, expect: ["s3-bucket-sse-kms"] },
    "aws:kms without a key": { scenario: { sse: { algorithm: "aws:kms" } }, expect: ["s3-bucket-sse-customer-managed-key"] },
    "aws:kms with alias/aws/s3": { scenario: { sse: { algorithm: "aws:kms", key: "alias/aws/s3" } }, expect: ["s3-bucket-sse-customer-managed-key"] },
    "own key by alias name": { scenario: { sse: { algorithm: "aws:kms", key: "own-alias" } }, expect: [] },
    "no bucket policy": { scenario: { statements: null }, expect: ["s3-bucket-policy-deny-insecure-transport", "s3-bucket-policy-require-sse-kms"] },
    "bucket policy without the TLS deny": { scenario: { statements: (k) => [ALG_DENY, keyDeny(k)] }, expect: ["s3-bucket-policy-deny-insecure-transport"] },
    "TLS deny with BoolIfExists": { scenario: { statements: (k) => [{ ...TLS_DENY, Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }, ALG_DENY, keyDeny(k)] }, expect: [] },
    "TLS deny with a boolean false and a lower-case key": { scenario: { statements: (k) => [{ ...TLS_DENY, Condition: { Bool: { "aws:securetransport": false } } }, ALG_DENY, keyDeny(k)] }, expect: [] },
    "TLS deny in two statements": { scenario: { statements: (k) => [{ ...TLS_DENY, Sid: "A", Resource: ARN }, { ...TLS_DENY, Sid: "B", Resource: `${ARN}/*` }, ALG_DENY, keyDeny(k)] }, expect: [] },
    "TLS deny with Principal {AWS: \"*\"}": { scenario: { statements: (k) => [{ ...TLS_DENY, Principal: { AWS: "*" } }, ALG_DENY, keyDeny(k)] }, expect: [] },
    "TLS deny with Action \"*\"": { scenario: { statements: (k) => [{ ...TLS_DENY, Action: "*" }, ALG_DENY, keyDeny(k)] }, expect: [] },
    "TLS deny with upper-case action": { scenario: { statements: (k) => [{ ...TLS_DENY, Action: "S3:*" }, ALG_DENY, keyDeny(k)] }, expect: [] },
    "TLS 'deny' with aws:SecureTransport true (denies HTTPS)": { scenario: { statements: (k) => [{ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": "true" } } }, ALG_DENY, keyDeny(k)] }, expect: ["s3-bucket-policy-deny-insecure-transport"] },
    "public Allow": { scenario: { statements: (k) => [...compliantStatements(k), { Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/*` }] }, expect: ["s3-bucket-policy-no-public-allow"] },
    "public Allow with Principal {AWS: [\"*\"]}": { scenario: { statements: (k) => [...compliantStatements(k), { Sid: "Public", Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["s3:GetObject"], Resource: [`${ARN}/*`] }] }, expect: ["s3-bucket-policy-no-public-allow"] },
    "only the TLS deny (Statement one object)": { scenario: { statements: () => [TLS_DENY] }, expect: ["s3-bucket-policy-require-sse-kms"] },
    "public canned ACL (ObjectWriter, not ignored)": { scenario: { cannedAcl: "public-read" }, expect: ["s3-bucket-no-public-acl", "s3-bucket-public-access-block"] },
    "TLS deny with NotPrincipal (the role it names may use plain HTTP)": { scenario: { statements: (k) => [{ ...withoutPrincipal(TLS_DENY), NotPrincipal: { AWS: "arn:aws:iam::111111111111:role/app" } }, ALG_DENY, keyDeny(k)] }, expect: ["s3-bucket-policy-deny-insecure-transport"] },
    "TLS deny with NotAction": { scenario: { statements: (k) => [{ ...withoutAction(TLS_DENY), NotAction: "s3:GetObject" }, ALG_DENY, keyDeny(k)] }, expect: ["s3-bucket-policy-deny-insecure-transport"] },
    "TLS deny on Resource \"*\"": { scenario: { statements: (k) => [{ ...TLS_DENY, Resource: "*" }, ALG_DENY, keyDeny(k)] }, expect: [] },
    "TLS deny on a name prefix pattern": { scenario: { statements: (k) => [{ ...TLS_DENY, Resource: `${ARN}*` }, ALG_DENY, keyDeny(k)] }, expect: [] },
    "TLS deny with an upper-case condition key": { scenario: { statements: (k) => [{ ...TLS_DENY, Condition: { Bool: { "AWS:SECURETRANSPORT": "FALSE" } } }, ALG_DENY, keyDeny(k)] }, expect: [] },
    "public Allow with NotPrincipal": { scenario: { statements: (k) => [...compliantStatements(k), { Sid: "Public", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: "s3:GetObject", Resource: `${ARN}/*` }] }, expect: ["s3-bucket-policy-no-public-allow"] },
    "wildcard Allow pinned to a VPC endpoint (lower-case key)": { scenario: { statements: (k) => [...compliantStatements(k), { Sid: "Vpce", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/*`, Condition: { StringEquals: { "aws:sourcevpce": "vpce-1a2b3c4d" } } }] }, expect: [] },
    "wildcard Allow with ForAllValues on the VPC endpoint": { scenario: { statements: (k) => [...compliantStatements(k), { Sid: "Vpce", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/*`, Condition: { "ForAllValues:StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } } }] }, expect: ["s3-bucket-policy-no-public-allow"] },
    "algorithm deny with StringNotEqualsIfExists": { scenario: { statements: (k) => [TLS_DENY, { ...ALG_DENY, Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } } }, keyDeny(k)] }, expect: [] },
    "no algorithm deny (the key-id deny lets an upload without a key id through)": { scenario: { statements: (k) => [TLS_DENY, keyDenyPresentOnly(k)] }, expect: ["s3-bucket-policy-require-sse-kms"] },
    "no algorithm deny, a key-id deny that also refuses a missing key id (S3 takes a key id only with aws:kms)": { scenario: { statements: (k) => [TLS_DENY, keyDeny(k)] }, expect: [] },
    "aws:kms:dsse with the own key": { scenario: { sse: { algorithm: "aws:kms:dsse", key: "own" } }, expect: [] },
    "key policy delegating to the account by bare account id": { scenario: { keyStatements: [{ Sid: "Account", Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "kms:*", Resource: "*" }] }, expect: [] },
    "key policy with the account root and \"*\" in one principal list": { scenario: { keyStatements: [{ Sid: "Mixed", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111111111111:root", "*"] }, Action: "kms:Decrypt", Resource: "*" }] }, expect: ["kms-key-policy-no-public-principal"] },
    "key without rotation": { scenario: { rotation: false }, expect: ["kms-key-rotation-enabled"] },
    "key policy with a public principal": { scenario: { keyStatements: [{ Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }] }, expect: ["kms-key-policy-no-public-principal"] },
    "key policy with Principal \"*\"": { scenario: { keyStatements: [{ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: ["kms:Decrypt"], Resource: "*" }] }, expect: ["kms-key-policy-no-public-principal"] },
};

const DOC_SHAPES: readonly DocShape[] = ["json", "object", "single-values", "statement-object"];

describe("policy pack: the same stack in every resource shape gets the same verdict", () => {
    for (const [title, { scenario, expect, shapes }] of Object.entries(SCENARIOS)) {
        for (const preview of [false, true]) {
            it(`${title} (${preview ? "fresh preview" : "update"})`, async () => {
                const failures: string[] = [];
                for (const shape of shapes ?? BUCKET_SHAPES) {
                    for (const docShape of DOC_SHAPES) {
                        const v = await verdict(shape, { docShape, ...scenario }, preview);
                        // A JSON document that embeds the key's ARN is unknown as a whole in a fresh preview: its checks wait for `up`.
                        const waits = preview && docShape !== "object";
                        const want = waits ? expect.filter((n) => v.names.includes(n) || !DOCUMENT_POLICIES.has(n)) : expect;
                        if (JSON.stringify(v.names) !== JSON.stringify([...want].sort())) {
                            failures.push(`${shape}/${docShape}: got [${v.names.join(", ")}], want [${[...want].sort().join(", ")}]\n${v.detail}`);
                        }
                    }
                }
                assert.deepStrictEqual(failures, [], failures.join("\n\n"));
            });
        }
    }
});

// Real programs let AWS name the bucket, build the policy from `bucket.arn`, and name the key by any of its outputs.
// In a fresh preview a JSON document built from outputs is unknown as a whole (its checks wait for `up`); an object
// document keeps its literal parts and is judged at once, whatever its unknown Resource leaves.
const WIRINGS: readonly Wiring[] = [
    { names: "generated", keyRef: "arn" }, { names: "generated", keyRef: "keyId" },
    { names: "literal", keyRef: "keyId" }, { names: "literal", keyRef: "alias-name" }, { names: "literal", keyRef: "alias-arn" },
];

describe("policy pack: the same stack wired through outputs (generated names, key by ARN, id or alias) gets the same verdict", () => {
    for (const [title, { scenario, expect, shapes }] of Object.entries(SCENARIOS)) {
        for (const preview of [false, true]) {
            it(`${title} (${preview ? "fresh preview" : "update"})`, async () => {
                const failures: string[] = [];
                for (const wiring of WIRINGS) {
                    for (const shape of shapes ?? BUCKET_SHAPES) {
                        for (const docShape of DOC_SHAPES) {
                            const v = await verdict(shape, { docShape, ...scenario }, preview, wiring);
                            const waits = preview && docShape !== "object";
                            const want = waits ? expect.filter((n) => v.names.includes(n) || !DOCUMENT_POLICIES.has(n)) : expect;
                            if (JSON.stringify(v.names) !== JSON.stringify([...want].sort())) {
                                failures.push(`${wiring.names}/${wiring.keyRef} ${shape}/${docShape}: got [${v.names.join(", ")}], want [${[...want].sort().join(", ")}]\n${v.detail}`);
                            }
                        }
                    }
                }
                assert.deepStrictEqual(failures, [], failures.join("\n\n"));
            });
        }
    }
});

/** Policies judged on a bucket policy document: they wait while the document is unknown. */
const DOCUMENT_POLICIES: ReadonlySet<string> = new Set(["s3-bucket-policy-require-sse-kms", "s3-bucket-policy-deny-insecure-transport", "s3-bucket-policy-no-public-allow"]);

// ---- replication: the source's configuration in every shape, to a v7 destination in another Region ----

type ReplicationShape = "v7" | "inline" | "inline-v2" | "native";
const REPLICATION_SHAPES: readonly ReplicationShape[] = ["v7", "inline", "inline-v2", "native"];

interface ReplicationScenario {
    replicaKey?: boolean;
    sseKmsSelected?: boolean;
    sourceVersioning?: "Enabled" | "Suspended";
    destinationVersioning?: "Enabled" | "Suspended";
    ruleStatus?: "Enabled" | "Disabled";
    /** The destination is in account 222222222222; `translate`: the rule names it and hands replicas to it. */
    crossAccount?: { translate: boolean };
}

const ASSUME_S3 = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const SOURCE_NAME = "source-bucket";
const SOURCE_ARN = `arn:aws:s3:::${SOURCE_NAME}`;
const DEST_NAME = "destination-bucket";
const DEST_ARN = `arn:aws:s3:::${DEST_NAME}`;

function bucketPolicyFor(arn: unknown, keyArn: unknown, extra: unknown[] = []): unknown {
    const objects = arn instanceof OutputRef ? out(arn.urn, arn.prop, (a) => `${a}/*`) : `${String(arn)}/*`;
    return json({ Version: "2012-10-17", Statement: [...extra,
        { ...TLS_DENY, Resource: [arn, objects] },
        { ...ALG_DENY, Resource: objects },
        { ...keyDeny(keyArn), Resource: objects },
    ] });
}

function buildReplication(shape: ReplicationShape, sc: ReplicationScenario, generated = false): StackBuilder {
    const b = new StackBuilder();
    let destUrn = "";
    // With generated names, the destination's ARN (in the role policy, its bucket policy, the rule) is `destination.arn`.
    const destArn = (suffix = ""): unknown => (generated ? out(destUrn, "arn", (a) => `${a}${suffix}`) : `${DEST_ARN}${suffix}`);
    const destAccount = sc.crossAccount ? "222222222222" : "111111111111";
    const destProvider = b.provider("destination", { region: "eu-central-1", account: destAccount });
    const native = shape === "native";
    const provider = native ? b.nativeProvider("native", { region: "eu-west-1", account: "111111111111" }) : undefined;
    const role = b.add(T.role, "replication-role", { ...(generated ? {} : { name: "replication-role" }), assumeRolePolicy: json(ASSUME_S3) });
    const roleStatement = { Sid: "Replication", Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource: "*" };
    const keyDoc = { Version: "2012-10-17", Statement: [rootStatement("111111111111"), roleStatement] };
    const destKeyDoc = { Version: "2012-10-17", Statement: [rootStatement(destAccount), roleStatement] };
    // Destination: v7, in eu-central-1.
    const destKey = b.add(T.key, "destination-key", { description: "d", enableKeyRotation: true, deletionWindowInDays: 30, policy: json(destKeyDoc) }, { provider: destProvider, protect: true });
    const dest = b.add(T.bucket, "destination", generated ? {} : { bucket: DEST_NAME }, { provider: destProvider });
    destUrn = dest;
    b.add(T.sse, "destination-sse", { bucket: out(dest, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(destKey, "arn") }, bucketKeyEnabled: true }] }, { provider: destProvider });
    const destVersioning = b.add(T.versioning, "destination-versioning", { bucket: out(dest, "id"), versioningConfiguration: { status: sc.destinationVersioning ?? "Enabled" } }, { provider: destProvider });
    const grant = sc.crossAccount
        ? [{ Sid: "AllowReplication", Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"], Resource: destArn("/*") }]
        : [];
    b.add(T.bucketPolicy, "destination-policy", { bucket: out(dest, "id"), policy: bucketPolicyFor(destArn(), out(destKey, "arn"), grant) }, { provider: destProvider });
    b.add(T.pab, "destination-pab", { bucket: out(dest, "id"), blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { provider: destProvider });
    b.add(T.ownership, "destination-ownership", { bucket: out(dest, "id"), rule: { objectOwnership: "BucketOwnerEnforced" } }, { provider: destProvider });
    // Source key.
    const sourceKey = native
        ? b.add(T.nativeKey, "source-key", { description: "s", enableKeyRotation: true, keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", pendingWindowInDays: 30, keyPolicy: keyDoc }, { provider, protect: true })
        : b.add(T.key, "source-key", { description: "s", enableKeyRotation: true, deletionWindowInDays: 30, policy: json(keyDoc) }, { protect: true });
    b.add(T.rolePolicy, "replication-role-policy", { role: out(role, "id"), policy: json({ Version: "2012-10-17", Statement: [
        { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: SOURCE_ARN },
        { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `${SOURCE_ARN}/*` },
        { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"], Resource: destArn("/*") },
        { Effect: "Allow", Action: ["kms:Decrypt"], Resource: out(sourceKey, "arn"), Condition: { StringLike: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } },
        { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: out(destKey, "arn") },
    ] }) });
    const replicaKey = sc.replicaKey ?? true;
    const selected = sc.sseKmsSelected ?? true;
    const status = sc.ruleStatus ?? "Enabled";
    const sourceVersioning = sc.sourceVersioning ?? "Enabled";
    const defaults = { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(sourceKey, "arn") };
    const sourcePolicy = bucketPolicyFor(SOURCE_ARN, out(sourceKey, "arn"));
    const common = { provider };
    const translate = sc.crossAccount?.translate ? { accessControlTranslation: { owner: "Destination" } } : {};
    // The destination account: `account` in BucketReplicationConfig and aws-native, `accountId` in the deprecated inline shapes.
    const account = sc.crossAccount?.translate ? { account: destAccount, ...translate } : {};
    const accountId = sc.crossAccount?.translate ? { accountId: destAccount, ...translate } : {};
    let source: string;
    if (shape === "v7") {
        source = b.add(T.bucket, "source", { bucket: SOURCE_NAME });
        b.add(T.sse, "source-sse", { bucket: out(source, "id"), rules: [{ applyServerSideEncryptionByDefault: defaults, bucketKeyEnabled: true }] });
        const v = b.add(T.versioning, "source-versioning", { bucket: out(source, "id"), versioningConfiguration: { status: sourceVersioning } });
        b.add(T.bucketPolicy, "source-policy", { bucket: out(source, "id"), policy: sourcePolicy });
        b.add(T.replication, "replication", {
            bucket: out(source, "id"), role: out(role, "arn"),
            rules: [{
                id: "all", status, filter: {}, deleteMarkerReplication: { status: "Enabled" },
                ...(selected ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } } } : {}),
                destination: { bucket: out(dest, "arn"), ...account, ...(replicaKey ? { encryptionConfiguration: { replicaKmsKeyId: out(destKey, "arn") } } : {}) },
            }],
        }, { dependsOn: [v, destVersioning] });
    } else if (shape === "inline") {
        source = b.add(T.bucket, "source", {
            bucket: SOURCE_NAME,
            serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: defaults, bucketKeyEnabled: true } },
            versioning: { enabled: sourceVersioning === "Enabled" },
            policy: sourcePolicy,
            replicationConfiguration: { role: out(role, "arn"), rules: [{
                id: "all", status,
                ...(selected ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { enabled: true } } } : {}),
                destination: { bucket: out(dest, "arn"), storageClass: "STANDARD", ...accountId, ...(replicaKey ? { replicaKmsKeyId: out(destKey, "arn") } : {}) },
            }] },
        }, { dependsOn: [destVersioning] });
    } else if (shape === "inline-v2") {
        source = b.add(T.bucketV2, "source", {
            bucket: SOURCE_NAME,
            serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [defaults], bucketKeyEnabled: true }] }],
            versionings: [{ enabled: sourceVersioning === "Enabled" }],
            policy: sourcePolicy,
            replicationConfigurations: [{ role: out(role, "arn"), rules: [{
                id: "all", status,
                ...(selected ? { sourceSelectionCriterias: [{ sseKmsEncryptedObjects: [{ enabled: true }] }] } : {}),
                destinations: [{ bucket: out(dest, "arn"), storageClass: "STANDARD", ...accountId, ...(replicaKey ? { replicaKmsKeyId: out(destKey, "arn") } : {}) }],
            }] }],
        }, { dependsOn: [destVersioning] });
    } else {
        source = b.add(T.nativeBucket, "source", {
            bucketName: SOURCE_NAME,
            bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: defaults, bucketKeyEnabled: true }] },
            versioningConfiguration: { status: sourceVersioning },
            publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] },
            replicationConfiguration: { role: out(role, "arn"), rules: [{
                id: "all", status,
                ...(selected ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } } } : {}),
                destination: { bucket: out(dest, "arn"), ...account, ...(replicaKey ? { encryptionConfiguration: { replicaKmsKeyId: out(destKey, "arn") } } : {}) },
            }] },
        }, { ...common, dependsOn: [destVersioning] });
        b.add(T.nativeBucketPolicy, "source-policy", { bucket: out(source, "id"), policyDocument: { Version: "2012-10-17", Statement: [
            { ...TLS_DENY, Resource: [SOURCE_ARN, `${SOURCE_ARN}/*`] },
            { ...ALG_DENY, Resource: `${SOURCE_ARN}/*` },
            { ...keyDeny(out(sourceKey, "arn")), Resource: `${SOURCE_ARN}/*` },
        ] } }, common);
        return b;
    }
    b.add(T.pab, "source-pab", { bucket: out(source, "id"), blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    b.add(T.ownership, "source-ownership", { bucket: out(source, "id"), rule: { objectOwnership: "BucketOwnerEnforced" } });
    return b;
}

const REPLICATION_SCENARIOS: Record<string, { scenario: ReplicationScenario; expect: string[] }> = {
    "complete replication": { scenario: {}, expect: [] },
    "no replica key": { scenario: { replicaKey: false }, expect: ["s3-replication-sse-kms"] },
    "SSE-KMS objects not selected": { scenario: { sseKmsSelected: false }, expect: ["s3-replication-sse-kms"] },
    "source versioning suspended": { scenario: { sourceVersioning: "Suspended" }, expect: ["s3-replication-versioning-enabled"] },
    "destination versioning suspended": { scenario: { destinationVersioning: "Suspended" }, expect: ["s3-replication-versioning-enabled"] },
    "a disabled rule to a suspended destination": { scenario: { ruleStatus: "Disabled", destinationVersioning: "Suspended" }, expect: [] },
    "complete cross-account replication": { scenario: { crossAccount: { translate: true } }, expect: [] },
    "cross-account replication without account and owner translation": { scenario: { crossAccount: { translate: false } }, expect: ["s3-replication-cross-account"] },
    "a disabled rule without replica key or SSE-KMS selection": { scenario: { ruleStatus: "Disabled", replicaKey: false, sseKmsSelected: false }, expect: [] },
};

describe("policy pack: the same replication in every source shape gets the same verdict", () => {
    for (const [title, { scenario, expect }] of Object.entries(REPLICATION_SCENARIOS)) {
        for (const preview of [false, true]) {
            it(`${title} (${preview ? "fresh preview" : "update"})`, async () => {
                const failures: string[] = [];
                for (const shape of REPLICATION_SHAPES) {
                    const vs = mandatory(await run(buildReplication(shape, scenario).build(), { preview }));
                    const names = [...new Set(vs.map((v) => v.policyName))].sort();
                    if (JSON.stringify(names) !== JSON.stringify([...expect].sort())) {
                        failures.push(`${shape}: got [${names.join(", ")}], want [${[...expect].sort().join(", ")}]\n${describeAll(vs)}`);
                    }
                }
                assert.deepStrictEqual(failures, [], failures.join("\n\n"));
            });
        }
    }
});

describe("policy pack: the same replication to a destination and role named by AWS (ARNs by output) gets the same verdict", () => {
    for (const [title, { scenario, expect }] of Object.entries(REPLICATION_SCENARIOS)) {
        for (const preview of [false, true]) {
            it(`${title} (${preview ? "fresh preview" : "update"})`, async () => {
                const failures: string[] = [];
                for (const shape of REPLICATION_SHAPES) {
                    const vs = mandatory(await run(buildReplication(shape, scenario, true).build(), { preview }));
                    const names = [...new Set(vs.map((v) => v.policyName))].sort();
                    if (JSON.stringify(names) !== JSON.stringify([...expect].sort())) {
                        failures.push(`${shape}: got [${names.join(", ")}], want [${[...expect].sort().join(", ")}]\n${describeAll(vs)}`);
                    }
                }
                assert.deepStrictEqual(failures, [], failures.join("\n\n"));
            });
        }
    }
});
