import { S3_BUCKET_KEY_ENABLED, TOGGLE_POLICY_LEVELS } from "../model/guardrailToggles";
import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import * as T from "../model/awsTypes";
import { asBool, asString, children, field, isUnknown, normalize, unwrapProxy, ValueObject } from "../model/values";
import { describe, ResourceView, resourcePolicy, viewOf } from "./framework";
import { ExemptionConfig, isExempt } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";
import { ref } from "../fixtures/format";

export { S3_BUCKET_KEY_ENABLED };

const TYPES: ReadonlySet<string> = new Set([T.SSE_CONFIG, T.SSE_CONFIG_V2, T.BUCKET, T.BUCKET_V2, T.NATIVE_BUCKET]);
const FIX = "set bucketKeyEnabled: true on the SSE-KMS rule (or run this policy at enforcement level \"remediate\" to set it automatically)";

/** The SSE rule objects of a resource: the configuration resource's rules, or a bucket's deprecated inline ones. */
function ruleObjects(view: Pick<ResourceView, "type" | "props">): (ValueObject)[] {
    if (T.SSE_CONFIG_TYPES.has(view.type)) {
        const rules = children(view.props, "rule", "rules");
        return isUnknown(rules) ? [] : rules.filter((r): r is ValueObject => !isUnknown(r));
    }
    // aws-native: bucketEncryption.serverSideEncryptionConfiguration[] holds the rules themselves.
    const native = view.type === T.NATIVE_BUCKET;
    const configs = native ? children(view.props, "bucketEncryption") : children(view.props, "serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations");
    if (isUnknown(configs)) {
        return [];
    }
    const out: ValueObject[] = [];
    for (const c of configs) {
        const rules = native ? children(c, "serverSideEncryptionConfiguration") : children(c, "rule", "rules");
        if (!isUnknown(rules)) {
            out.push(...rules.filter((r): r is ValueObject => !isUnknown(r)));
        }
    }
    return out;
}

// S3 Bucket Keys serve SSE-KMS alone: "S3 Bucket Keys aren't supported for DSSE-KMS" (Amazon S3 User Guide,
// "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys"). A dual-layer rule without one is as it must be.
const BUCKET_KEY_ALGORITHM = "aws:kms";

function usesKms(rule: ValueObject): boolean {
    const defaults = children(rule, "applyServerSideEncryptionByDefault", "applyServerSideEncryptionByDefaults", "serverSideEncryptionByDefault");
    return !isUnknown(defaults) && defaults.some((d) => asString(field(d, "sseAlgorithm")) === BUCKET_KEY_ALGORITHM);
}

const base = resourcePolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_KEY_ENABLED,
        description: "SSE-KMS rules enable the S3 Bucket Key, which cuts KMS request costs and throttling by up to 99%.",
        enforcementLevel: TOGGLE_POLICY_LEVELS[S3_BUCKET_KEY_ENABLED],
        severity: "low",
        remediationSteps: FIX,
    },
    TYPES,
    {},
    (view, _config, report) => {
        for (const rule of ruleObjects(view)) {
            const enabled = asBool(rule["bucketKeyEnabled"]);
            if (usesKms(rule) && enabled !== true && !isUnknown(enabled)) {
                report(`${describe(view)} has an SSE-KMS rule without the S3 Bucket Key (bucketKeyEnabled is ${enabled === undefined ? "unset" : "false"}). Fix: ${FIX}`);
            }
        }
    },
);

/** Plain deep copy of the engine's raw props (keeps unknown sentinels and Secret wrappers as they are). */
function cloneRaw(value: unknown): unknown {
    const v = unwrapProxy(value);
    if (Array.isArray(v)) {
        return v.map(cloneRaw);
    }
    if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) {
            out[k] = cloneRaw((v as Record<string, unknown>)[k]);
        }
        return out;
    }
    return v;
}

/** Sets `bucketKeyEnabled: true` on every SSE-KMS rule of a BucketServerSideEncryptionConfiguration(V2). */
export function remediateBucketKey(args: ResourceValidationArgs): Record<string, unknown> | undefined {
    if (!T.SSE_CONFIG_TYPES.has(args.type)) {
        return undefined;
    }
    const raw = cloneRaw(args.props) as Record<string, unknown>;
    const rules = raw["rules"] ?? raw["rule"];
    const list: unknown[] = Array.isArray(rules) ? rules : rules !== null && typeof rules === "object" ? [rules] : [];
    let changed = false;
    for (const rule of list) {
        if (rule === null || typeof rule !== "object") {
            continue;
        }
        const r = rule as Record<string, unknown>;
        if (usesKms(normalize(r) as ValueObject) && r["bucketKeyEnabled"] !== true) {
            r["bucketKeyEnabled"] = true;
            changed = true;
        }
    }
    return changed ? raw : undefined;
}

export const s3BucketKeyEnabled: ResourceValidationPolicy = {
    ...base,
    remediateResource: (args: ResourceValidationArgs) => {
        const view = viewOf(args);
        return isExempt(S3_BUCKET_KEY_ENABLED, view.tags, args.getConfig<ExemptionConfig>()) ? undefined : remediateBucketKey(args);
    },
};

export const definition = definePolicy({
    policy: s3BucketKeyEnabled,
    doc: {
        checks: "SSE-KMS (`aws:kms`) rules set `bucketKeyEnabled: true`; dual-layer `aws:kms:dsse` rules are not judged, since S3 Bucket Keys don't support DSSE-KMS. At level `remediate` it sets the flag on the SSE configuration resource's `aws:kms` rules.",
        shapes: "v7, V2, inline and native (report only)",
        config: "—",
    },
    compliant: [
        { title: "SSE-KMS with bucketKeyEnabled", resources: dataBucket() },
        { title: "DSSE-KMS without a bucket key (S3 Bucket Keys don't support it)", resources: dataBucket((r) => withInputs(r, "data-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: ref("data-key", "arn") } }] })) },
    ],
    violating: [
        { title: "SSE-KMS with bucketKeyEnabled: false", resources: dataBucket((r) => withInputs(r, "data-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ref("data-key", "arn") }, bucketKeyEnabled: false }] })) },
        {
            title: "an aws-native bucket whose SSE-KMS rule leaves bucketKeyEnabled unset",
            providers: [{ name: "native", kind: "aws-native", region: "eu-west-1", account: "111111111111" }],
            resources: [{ type: T.NATIVE_BUCKET, name: "native-data", provider: "native", inputs: {
                bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/k" } }] },
            } }],
        },
    ],
});
