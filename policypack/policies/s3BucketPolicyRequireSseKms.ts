import { S3_BUCKET_POLICY_REQUIRE_SSE_KMS, TOGGLE_POLICY_LEVELS } from "../model/guardrailToggles";
import { denyKmsHeaderWithoutKeyId, denyWrongAlgorithmHeader, denyWrongKeyHeader, requireBucketKeyHeader, requireKmsHeader, shown } from "../model/fixStatements";
import { globMatch } from "../model/arn";
import { ConditionClause, Maybe, Statement } from "../model/policyDocument";
import { BucketModel } from "../model/stackIndex";
import { andTri, everyTri, orTri, someTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN } from "../model/values";
import { broadDenies, bucketStatements, objectArn, objectArnIn } from "./bucketPolicyFacts";
import { withDocumentCheck } from "./bucketPolicyDocuments";
import { grantsLogDelivery, isSseS3LogBucket } from "./accessLogFacts";
import { grantsServiceLogDelivery } from "./serviceLogFacts";
import { judgedByResourcePart } from "../model/runMemory";
import { isPreviewRun } from "../model/runMode";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { isKmsAlgorithm, KMS_ALGORITHMS, keyArnOf, sseRules } from "./sseFacts";
import { deniesUpload } from "./uploadHeaderConditions";
import { definePolicy } from "./definition";
import { bucketPolicyOf, bucketPolicyStatements, dataBucket, withInputs } from "../fixtures/stacks";
import { FixtureValue, ref } from "../fixtures/format";
import { loggedData } from "../fixtures/accessLogs";
import { albLogged, CENTRAL_ALB_LOG_PROVIDERS, centralAlbLogged } from "../fixtures/albLogs";

export { S3_BUCKET_POLICY_REQUIRE_SSE_KMS };

/** Mirrors the components' `encryptionHeaderMode`. */
/** `strict-key` is the program's `encryptionHeader` name; `strict-with-key` is its older spelling, still accepted. */
export type HeaderMode = "compatible" | "strict" | "strict-key" | "strict-with-key";

export interface RequireSseKmsConfig extends ExemptionConfig {
    /**
     * `compatible`: uploads may omit the headers and get the bucket's default encryption; a present but
     * wrong algorithm or key id is denied (`StringNotEquals` + `Null: false`; a deny that also covers a missing header,
     * such as `StringNotEquals` or `StringNotEqualsIfExists` alone, is stricter and accepted too).
     * `strict` (AWS's `DenyUnEncryptedObjectUploads`, Amazon S3 User Guide, "Protecting data with server-side encryption using AWS KMS keys (SSE-KMS)"): the algorithm header is required (`StringNotEquals` alone).
     * `strict-key` (or its older spelling `strict-with-key`): the key-id header naming the bucket's key is required too (a specific KMS key, Amazon S3 User Guide, "Protecting data with server-side encryption using AWS KMS keys (SSE-KMS)").
     */
    mode: HeaderMode;
    /** With a CMK: also require the key-id deny, and (unless the key id is required) a deny of aws:kms without a key id. */
    requireKeyCondition: boolean;
}

const DEFAULTS: RequireSseKmsConfig = { mode: "compatible", requireKeyCondition: true };

const ALGORITHM_KEY = "s3:x-amz-server-side-encryption";
const KEY_ID_KEY = "s3:x-amz-server-side-encryption-aws-kms-key-id";
const PUT_OBJECT: readonly string[] = ["s3:PutObject"];
// "IAM User Guide, IAM JSON policy elements: Condition operators": the negated string and ARN operators, the
// case-insensitive one included, each with its ...IfExists form.
const NEGATED_OPERATORS: ReadonlySet<string> = new Set(
    ["StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "ArnNotEquals", "ArnNotLike"].flatMap((op) => [op, `${op}IfExists`]),
);

const FOR_ANY_VALUE = "ForAnyValue:";

interface DenyShape {
    /** The statement denies when the header has another value. */
    wrongValue: Tri;
    /** ... also when the header is absent. */
    whenAbsent: Tri;
}

// Shared answers for the common cases: these run for every statement of every bucket policy, twice.
const NO_DENY: DenyShape = { wrongValue: false, whenAbsent: false };
const UNDECIDED: DenyShape = { wrongValue: UNKNOWN, whenAbsent: UNKNOWN };

/** How a statement denies on header `key`, if it is a deny of s3:PutObject for everyone (`broad`) whose only conditions are about that header. */
function denyShape(s: Statement, broad: Tri, key: string, acceptable: (values: Maybe<string>[], operator: string) => Tri): DenyShape {
    if (broad === false) {
        return NO_DENY;
    }
    const conditions = s.conditions;
    if (isUnknown(conditions)) {
        return UNDECIDED;
    }
    let about = 0;
    let negated = 0;
    let valuesOk: Tri = true;
    let presentOnly: Tri = false;
    for (let i = 0; i < conditions.length; i++) {
        const c = conditions[i];
        if (c.key !== key) {
            continue;
        }
        about++;
        // `ForAnyValue:` on a single-valued key such as the SSE headers compares the one value as the bare operator does
        // and is false when the key is absent ("IAM User Guide, Single-valued vs. multivalued context keys"): a deny of
        // a present wrong value that, like `Null: false`, spares a request without the header.
        const anyValue = c.operator.startsWith(FOR_ANY_VALUE) && NEGATED_OPERATORS.has(c.operator.slice(FOR_ANY_VALUE.length));
        const operator = anyValue ? c.operator.slice(FOR_ANY_VALUE.length) : c.operator;
        if (NEGATED_OPERATORS.has(operator)) {
            negated++;
            valuesOk = andTri(valuesOk, isUnknown(c.values) ? UNKNOWN : acceptable(c.values, operator));
            if (anyValue) {
                presentOnly = true;
            }
        } else if (c.operator === "Null") {
            presentOnly = orTri(presentOnly, nullIs(c, "false"));
        }
    }
    if (about === 0 || about !== conditions.length || negated === 0) {
        // Other conditions narrow the deny to some requests only, or nothing compares the value.
        return nullOnly(conditions, key, broad);
    }
    // Only `Null: false` exempts a request without the header. `...IfExists` does not: a missing key makes an IfExists
    // condition true ("IAM User Guide, IAM JSON policy elements: Condition operators", "...IfExists condition
    // operators"), as it already makes a negated operator true, so `StringNotEqualsIfExists` denies a missing header too.
    const whenAbsent: Tri = presentOnly === true ? false : isUnknown(presentOnly) ? UNKNOWN : true;
    return { wrongValue: andTri(broad, valuesOk), whenAbsent: andTri(andTri(broad, valuesOk), whenAbsent) };
}

/** A statement whose only condition is `Null: {key: "true"}` denies requests without the header. */
function nullOnly(conditions: ConditionClause[], key: string, broad: Tri): DenyShape {
    if (conditions.length === 1 && conditions[0].key === key && conditions[0].operator === "Null") {
        return { wrongValue: false, whenAbsent: andTri(broad, nullIs(conditions[0], "true")) };
    }
    return NO_DENY;
}

function nullIs(c: ConditionClause, expected: "true" | "false"): Tri {
    if (isUnknown(c.values)) {
        return UNKNOWN;
    }
    return someTri(c.values, (v) => (isUnknown(v) ? UNKNOWN : v.toLowerCase() === expected));
}

/**
 * Values of a negated condition on the algorithm header: only KMS algorithms may pass. Under `StringNotLike` a
 * pattern whose fixed start is `aws:kms` (`aws:kms*`) lets through `aws:kms` and `aws:kms:dsse` and no other value
 * S3 accepts (AES256 is the other one: Amazon S3 API Reference, "PutObject", x-amz-server-side-encryption).
 */
function kmsAlgorithmsOnly(values: Maybe<string>[], operator: string): Tri {
    if (values.length === 0) {
        return false;
    }
    const like = operator.includes("Like");
    // Lower-cased: S3's algorithm values are lower-case, and StringNotEqualsIgnoreCase writes them in any case.
    return everyTri(values, (v) => (isUnknown(v) ? UNKNOWN : KMS_ALGORITHMS.has(v.toLowerCase()) || (like && kmsPattern(v))));
}

function kmsPattern(value: string): boolean {
    const wildcard = value.search(/[*?]/);
    return wildcard >= 0 && value.slice(0, wildcard).toLowerCase().startsWith("aws:kms");
}

/**
 * A key the stack creates in this run: its ARN is unknown in the preview because KMS generates the key id on creation
 * ("AWS KMS API Reference, CreateKey": the response's KeyMetadata.KeyId), so no literal ARN of a document can be it.
 * Not a replica key, whose id is its primary's ("AWS KMS Developer Guide, Multi-Region keys in AWS KMS").
 */
const KEY_BEING_CREATED = Symbol("a key the stack creates");
type ExpectedKey = Maybe<string> | typeof KEY_BEING_CREATED;

function bucketKeyArns(bucket: BucketModel): ExpectedKey[] {
    const out: ExpectedKey[] = [];
    for (const { rule } of sseRules(bucket)) {
        if (!isKmsAlgorithm(rule.algorithm)) {
            continue;
        }
        const key = rule.keys[0];
        const arn = keyArnOf(rule, key);
        if (arn !== undefined) {
            out.push(isUnknown(arn) && key !== undefined && !key.replica && isPreviewRun() ? KEY_BEING_CREATED : arn);
        }
    }
    return out;
}

const isPattern = (v: Maybe<string>): boolean => typeof v === "string" && /[*?]/.test(v);

/**
 * Values of a negated condition on the key id: they must let the bucket's key through, and nothing else. A value
 * that is not one of the bucket's key ARNs (another key, a wildcard such as `arn:aws:kms:*` or `*`) lets uploads
 * under other keys pass the deny ("Amazon S3 User Guide, Protecting data with server-side encryption using AWS
 * KMS keys": a specific key is required by its key ARN).
 */
function allowsKey(expected: ExpectedKey[]): (values: Maybe<string>[]) => Tri {
    return (values) => {
        if (values.length === 0) {
            return false;
        }
        if (expected.length === 0 || expected.some(isUnknown) || values.some(isUnknown)) {
            return UNKNOWN;
        }
        // A key being created passes only a pattern, which might match its ARN once it exists.
        const lets = everyTri(expected, (arn) => (arn === KEY_BEING_CREATED
            ? (values.some(isPattern) ? UNKNOWN : false)
            : values.some((v) => typeof v === "string" && typeof arn === "string" && globMatch(v, arn))));
        return andTri(lets, values.every((v) => typeof v === "string" && !isPattern(v) && expected.includes(v)));
    };
}

/** Folds the deny shapes of all statements: does some statement deny a wrong value (and, if required, an absent header)? */
class DenyVerdict {
    private wrong: Tri = false;
    private absent: Tri = false;

    add(shape: DenyShape): void {
        this.wrong = orTri(this.wrong, shape.wrongValue);
        this.absent = orTri(this.absent, shape.whenAbsent);
    }

    /** Some statement denies requests without the header. */
    get deniesAbsent(): Tri {
        return this.absent;
    }

    decide(requirePresence: boolean): Tri {
        return requirePresence ? andTri(this.wrong, this.absent) : this.wrong;
    }
}

/**
 * Is every KMS algorithm sent without a key id denied? S3 encrypts such an upload with the AWS managed key aws/s3
 * instead of the bucket's key, for `aws:kms` and `aws:kms:dsse` alike (Amazon S3 API Reference, "PutObject",
 * x-amz-server-side-encryption-aws-kms-key-id). The components write `Null: {algorithm: "false", key-id: "true"}`;
 * `StringEquals`/`StringLike` on the algorithm next to `Null` on the key id is the same deny, and an algorithm deny
 * that refuses `aws:kms:dsse` outright leaves only `aws:kms` to close. Each upload may be denied by any statement.
 */
function deniesKmsWithoutKeyId(statements: readonly Statement[], broad: readonly Tri[]): Tri {
    return everyTri([...KMS_ALGORITHMS], (algorithm) => {
        const upload = new Map<string, string | undefined>([[ALGORITHM_KEY, algorithm], [KEY_ID_KEY, undefined]]);
        let verdict: Tri = false;
        for (let i = 0; i < statements.length && verdict !== true; i++) {
            verdict = orTri(verdict, deniesUpload(statements[i], broad[i], upload));
        }
        return verdict;
    });
}

// The components' statements for each mode: "compatible" denies a header that is present and wrong,
// "strict"/"strict-key" also deny uploads without it.
const ALGORITHM_STATEMENT = (requirePresence: boolean) => shown(requirePresence ? requireKmsHeader() : denyWrongAlgorithmHeader());
const KEY_STATEMENT = (requirePresence: boolean) => shown(requirePresence ? requireBucketKeyHeader() : denyWrongKeyHeader());
const KMS_WITHOUT_KEY_STATEMENT = shown(denyKmsHeaderWithoutKeyId());

function fixFor(requirePresence: boolean, statement: (requirePresence: boolean) => string): string {
    return `add to the bucket's aws.s3.BucketPolicy ${statement(requirePresence)}${requirePresence ? " (without a Null: false escape: this mode requires the header)" : ""}`;
}

const what = (required: boolean) => (required ? "uploads without the header or with another value" : "uploads that send another value");

const anyKeyId = (values: Maybe<string>[]): Tri => values.length > 0;

/**
 * A deny of every upload without a key-id header refuses every other algorithm too, with or without its header: S3
 * takes `x-amz-server-side-encryption-aws-kms-key-id` only next to `aws:kms` or `aws:kms:dsse` (Amazon S3 API
 * Reference, "PutObject": "If you specify x-amz-server-side-encryption with aws:kms or aws:kms:dsse, this header
 * specifies the ID ... of the KMS key to use"; sent with another algorithm or none, S3 answers 400 InvalidArgument
 * "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms"). So
 * the way teams require one key, a key-id deny with `ArnNotEqualsIfExists` or `StringNotEqualsIfExists` alone (or
 * `StringNotEquals` with no `Null: false` escape, or `Null` on the key id), is an algorithm deny for every mode.
 */
function requiresKeyId(s: Statement, broad: Tri): DenyShape {
    const required = denyShape(s, broad, KEY_ID_KEY, anyKeyId).whenAbsent;
    return required === false ? NO_DENY : { wrongValue: required, whenAbsent: required };
}

/** The missing algorithm deny, if the statements decidedly lack it. */
function algorithmProblem(statements: readonly Statement[], broad: readonly Tri[], mode: HeaderMode, bucketLabel: string): string | undefined {
    const algorithmRequired = mode !== "compatible";
    const shapes = new DenyVerdict();
    for (let i = 0; i < statements.length; i++) {
        shapes.add(denyShape(statements[i], broad[i], ALGORITHM_KEY, kmsAlgorithmsOnly));
        shapes.add(requiresKeyId(statements[i], broad[i]));
    }
    return shapes.decide(algorithmRequired) === false
        ? `does not deny ${what(algorithmRequired)} of s3:x-amz-server-side-encryption (mode "${mode}") for ${bucketLabel}`
        : undefined;
}

function checkBucket(bucket: BucketModel, config: RequireSseKmsConfig, report: (f: Finding) => void): void {
    if (isSseS3LogBucket(bucket)) {
        // A server access log, ALB/Classic or Redshift audit log bucket: SSE-S3 by necessity, and its log delivery sends no KMS header.
        return;
    }
    const b = bucket.resource;
    const mode = config.mode;
    const algorithmRequired = mode !== "compatible";
    const keyRequired = mode === "strict-key" || mode === "strict-with-key";
    if (bucket.policies.length === 0) {
        report(findingOn(b, b, "has no bucket policy, so nothing denies uploads with a different encryption or key", fixFor(algorithmRequired, ALGORITHM_STATEMENT)));
        return;
    }
    const statements = bucketStatements(bucket);
    if (isUnknown(statements)) {
        return;
    }
    const at = bucket.policies[bucket.policies.length - 1].resource;
    const objects = objectArn(bucket);
    const broad = broadDenies(statements, PUT_OBJECT, objects);
    // The algorithm deny is the documents' own business: judged before creation by the resource part.
    if (!bucket.policies.every((p) => judgedByResourcePart(S3_BUCKET_POLICY_REQUIRE_SSE_KMS, p.resource.urn))) {
        const problem = algorithmProblem(statements, broad, mode, `bucket ${describe(b)}`);
        if (problem) {
            report(findingOn(b, at, problem, fixFor(algorithmRequired, ALGORITHM_STATEMENT)));
        }
    }
    const expected = bucketKeyArns(bucket);
    if (!config.requireKeyCondition || expected.length === 0) {
        return;
    }
    const keyAcceptable = allowsKey(expected);
    const keyShapes = new DenyVerdict();
    for (let i = 0; i < statements.length; i++) {
        keyShapes.add(denyShape(statements[i], broad[i], KEY_ID_KEY, keyAcceptable));
    }
    if (keyShapes.decide(keyRequired) === false) {
        const which = expected.every((k) => typeof k === "string") ? ` ${expected.join(", ")}` : "";
        report(findingOn(b, at, `does not deny ${what(keyRequired)} of s3:x-amz-server-side-encryption-aws-kms-key-id other than the bucket's key${which} (mode "${mode}") for bucket ${describe(b)}`, fixFor(keyRequired, KEY_STATEMENT)));
    }
    if (!keyRequired && keyShapes.deniesAbsent !== true && orTri(keyShapes.deniesAbsent, deniesKmsWithoutKeyId(statements, broad)) === false) {
        report(findingOn(b, at, `does not deny uploads of bucket ${describe(b)} that send aws:kms without a key id, which S3 encrypts with the AWS managed key aws/s3 instead of the bucket's key`, `add to the bucket's aws.s3.BucketPolicy ${KMS_WITHOUT_KEY_STATEMENT}`));
    }
}

const stackPart = stackPolicy<RequireSseKmsConfig>(
    {
        name: S3_BUCKET_POLICY_REQUIRE_SSE_KMS,
        description: "Every S3 bucket's policy denies uploads with a wrong encryption header or a key other than the bucket's customer managed key.",
        enforcementLevel: TOGGLE_POLICY_LEVELS[S3_BUCKET_POLICY_REQUIRE_SSE_KMS],
        severity: "high",
        remediationSteps: `add ${ALGORITHM_STATEMENT(false)} and ${KEY_STATEMENT(false)} to the bucket policy`,
        configProperties: {
            mode: {
                type: "string",
                enum: ["compatible", "strict", "strict-key", "strict-with-key"],
                default: "compatible",
                description: "compatible: deny present-and-wrong headers (StringNotEquals + Null false); uploads without headers get default encryption. strict: the algorithm header is required (AWS's DenyUnEncryptedObjectUploads). strict-key (older spelling strict-with-key): the key-id header naming the bucket's key is required too.",
            },
            requireKeyCondition: {
                type: "boolean",
                default: true,
                description: "With a customer managed key: also require the deny of a key id other than the bucket's key, and of aws:kms without a key id.",
            },
        },
    },
    DEFAULTS,
    (index, config, report) => {
        for (const bucket of index.buckets) {
            checkBucket(bucket, config, report);
        }
    },
);

/**
 * Resource part: the algorithm deny, on each document of a bucket declared in the stack, before it is created.
 * The key-id denies need the bucket's key (another resource): the stack part judges them.
 */
export const s3BucketPolicyRequireSseKms = withDocumentCheck<RequireSseKmsConfig>(stackPart, DEFAULTS, (doc, config, report) => {
    if (doc.target !== "declared" || !Array.isArray(doc.statements)) {
        // Not yet required of buckets outside the stack; an unsure target is joined by the stack part.
        return false;
    }
    if (grantsLogDelivery(doc.statements) || grantsServiceLogDelivery(doc.statements)) {
        // Maybe a server access log, ALB/Classic or Redshift audit log bucket: the stack part knows from the logging
        // configurations, load balancers and Redshift logging that name it (they usually come after the bucket's
        // policy, so not from this call).
        return false;
    }
    const objects = objectArnIn(doc.bucketName);
    const broad = broadDenies(doc.statements, PUT_OBJECT, objects);
    const problem = algorithmProblem(doc.statements, broad, config.mode, doc.bucketLabel);
    if (problem) {
        report(`${describe(doc.resource)} ${problem}. Fix: ${fixFor(config.mode !== "compatible", ALGORITHM_STATEMENT)}`);
    }
    return true;
});

/** The fixture's bucket statements with statement `index` (0 TLS, 1 algorithm, 2 key id) given another condition. */
function withCondition(index: number, condition: Record<string, Record<string, FixtureValue>>): FixtureValue[] {
    return bucketPolicyStatements("data", "data-key").map((statement, i) => (i === index ? { ...(statement as Record<string, FixtureValue>), Condition: condition } : statement));
}

export const definition = definePolicy({
    policy: s3BucketPolicyRequireSseKms,
    doc: {
        checks: "The bucket policy denies `s3:PutObject` with an algorithm other than `aws:kms`/`aws:kms:dsse` and, with a CMK, a `…-aws-kms-key-id` other than the bucket's key ARN, and `aws:kms`/`aws:kms:dsse` without a key id (S3 would use `aws/s3`), by any statement or several: `Null` checks, or `StringEquals`/`StringLike` on the algorithm next to `Null` on the key id; a deny of every upload without a key id (`ArnNotEqualsIfExists`/`StringNotEqualsIfExists` on it, or `Null`) denies the other algorithms too, since S3 takes a key id only with `aws:kms`/`aws:kms:dsse`. Not demanded of an SSE-S3 log bucket whose delivery sends no KMS header: a server access log target, or a bucket an Application or Classic Load Balancer, or Redshift audit logging, of the stack delivers its logs to (as `s3-bucket-sse-kms` recognises them). A document that grants S3 or ELB log delivery is judged at the end of the run, where the logging configurations and load balancers that name its bucket are known.",
        shapes: "v7 `BucketPolicy`, inline `policy`, native `BucketPolicy`",
        config: "`mode`: `compatible` (default; deny-when-present-and-wrong — `StringNotEquals` + `Null: false` — accepted; `…IfExists` on a negated operator also denies a missing header, as IAM evaluates it, so it counts for every mode), `strict` (AWS's `DenyUnEncryptedObjectUploads`: the algorithm header is required, which also refuses every multipart UploadPart, since parts cannot carry it; `docs/configuration.md`, \"Multipart uploads and the strict modes\"), `strict-key` (the key-id header is required too; the older spelling `strict-with-key` is still accepted); `requireKeyCondition` (default `true`)",
    },
    compliant: [
        { title: "a bucket policy denying other algorithms and other keys", resources: dataBucket() },
        { title: "an SSE-S3 server access log bucket (targeted by an aws.s3.BucketLogging) whose policy admits log delivery only", resources: loggedData() },
        { title: "an SSE-S3 bucket an application load balancer delivers its access logs to (ELB log delivery sends no KMS header)", resources: albLogged() },
        { title: "an SSE-S3 bucket a Classic Load Balancer delivers its access logs to", resources: albLogged({ shape: "classic" }) },
        { title: "an SSE-S3 log-archive bucket an application load balancer of another account, same Region, delivers its access logs to", providers: [...CENTRAL_ALB_LOG_PROVIDERS], resources: centralAlbLogged() },
        { title: "the algorithm deny written with StringNotEqualsIgnoreCase", resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(withCondition(1, { StringNotEqualsIgnoreCase: { "s3:x-amz-server-side-encryption": "aws:kms" } })))) },
        { title: "the key-id deny written with StringNotEqualsIfExists (true when the header is missing, so it also denies aws:kms without a key id)", resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(withCondition(2, { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": ref("data-key", "arn") } })))) },
        { title: "the key-id deny alone, with ArnNotEqualsIfExists (S3 takes a key id only with aws:kms or aws:kms:dsse, so it refuses every other algorithm too)", resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(withCondition(2, { ArnNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": ref("data-key", "arn") } }).filter((_, i) => i !== 1)))) },
    ],
    violating: [
        { title: "a bucket policy with only the TLS deny (its JSON embeds the bucket ARN: unknown in preview)", firesAtPreview: false, resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(bucketPolicyStatements("data", "data-key").slice(0, 1)))) },
        { title: "a log-delivery bucket policy on a bucket no logging configuration targets", firesAtPreview: false, resources: loggedData({ shape: "none" }) },
        { title: "an ELB log-delivery bucket policy on a bucket only a network load balancer logs into (its JSON embeds the bucket ARN: unknown in preview)", firesAtPreview: false, resources: albLogged({ loadBalancerType: "network" }) },
        { title: "the key-id deny alone with a Null: false escape (an AES256 upload sends no key id, so nothing refuses it)", firesAtPreview: false, resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(withCondition(2, { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": ref("data-key", "arn") }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" } }).filter((_, i) => i !== 1)))) },
        { title: "a key-id deny that lets every key through (StringNotLike \"arn:aws:kms:*\")", firesAtPreview: false, resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(withCondition(2, { StringNotLike: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:*" } })))) },
        { title: "a key-id deny that also lets another account's key through", firesAtPreview: false, resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(withCondition(2, { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": [ref("data-key", "arn"), "arn:aws:kms:eu-west-1:999999999999:key/0e0e0e0e-1111-4222-8333-444444444444"] } })))) },
    ],
});
