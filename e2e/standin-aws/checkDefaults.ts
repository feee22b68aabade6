// What the real `aws` provider's Check adds to a resource's inputs, for the types the guardrails pack judges that a
// program may declare with no arguments at all (their `args` is optional in @pulumi/aws 7.48.0's `.d.ts`). The
// bridged provider's Check "computes checked inputs that fill out default values" (pulumi-terraform-bridge, provider
// Check): the schema defaults, and the auto-name of a resource whose name is left out. So such a resource never
// reaches the analyzers with an empty property map; the pack reads an empty `aws:` map as the engine's placeholder of
// a resource an update does not create (policypack/model/placeholders.ts), so a stand-in that echoed `{}` would hide
// `new aws.kms.Key("k")` from the pack at preview, where the real provider gets it judged.
//
// Only what makes the difference is modelled, each value as documented in the @pulumi/aws `.d.ts`:
// - Bucket, BucketV2: `bucket`, "If omitted, the provider will assign a random, unique name" (Pulumi auto-naming:
//   the logical name plus a random suffix, kept across updates; fakeaws's suffix is a hash, stable by construction);
// - lb.LoadBalancer, alb.LoadBalancer: `name`, auto-named the same way;
// - kms.Key: the schema defaults of `bypassPolicyLockoutSafetyCheck`, `customerMasterKeySpec`, `enableKeyRotation`,
//   `isEnabled`, `keyUsage` ("Defaults to ..."; `deletionWindowInDays` and `multiRegion` are AWS's defaults, not the
//   schema's, and stay out of the inputs as they do with the real provider);
// - s3.AccountPublicAccessBlock: its four flags, each "Defaults to `false`".
// fakeaws derives every output from the inputs with the same defaults and names, so the stand-in's diff (outputs
// against checked inputs, diff.ts) sees no change at the next `up`.
import { AwsContext, regionOf } from "../../fakeaws";
import { loadBalancerName } from "../../fakeaws/loadBalancerResources";
import { s3BucketName } from "../../fakeaws/resources";
import * as T from "../../policypack/model/awsTypes";

type Props = Record<string, unknown>;

const KEY_DEFAULTS: Readonly<Props> = {
    bypassPolicyLockoutSafetyCheck: false,
    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    enableKeyRotation: false,
    isEnabled: true,
    keyUsage: "ENCRYPT_DECRYPT",
};

const ACCOUNT_BLOCK_DEFAULTS: Readonly<Props> = { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false };

const SCHEMA_DEFAULTS: Readonly<Record<string, Readonly<Props>>> = {
    [T.KMS_KEY]: KEY_DEFAULTS,
    [T.ACCOUNT_PUBLIC_ACCESS_BLOCK]: ACCOUNT_BLOCK_DEFAULTS,
};

interface AutoName {
    /** The property Pulumi auto-names, and the prefix property that asks for a generated name instead. */
    name: string;
    prefix: string;
    /** fakeaws's name for it, the one create gives a resource whose name is left out. */
    generate: (name: string, inputs: Props, ctx: AwsContext, type: string) => string;
}

const BUCKET_NAME: AutoName = { name: "bucket", prefix: "bucketPrefix", generate: s3BucketName };
const LOAD_BALANCER_NAME: AutoName = {
    name: "name", prefix: "namePrefix", generate: (name, inputs, ctx, type) => loadBalancerName(name, inputs, ctx, type, regionOf(inputs, ctx)),
};

const AUTO_NAMED: Readonly<Record<string, AutoName>> = {
    [T.BUCKET]: BUCKET_NAME,
    [T.BUCKET_V2]: BUCKET_NAME,
    [T.LOAD_BALANCER]: LOAD_BALANCER_NAME,
    [T.ALB_LOAD_BALANCER]: LOAD_BALANCER_NAME,
};

/**
 * `news` as the real provider's Check returns them: schema defaults for what is left out, the auto-name filled in.
 * A resource that has one already (`olds`, its last inputs) keeps it: the bridged provider reuses the old value of
 * an auto-named property (Pulumi docs, "Resource names", section "Autonaming": the name is generated once, when the
 * resource is created), so a resource renamed with `aliases`, or moved to another provider, keeps its physical name.
 */
export function checkedInputs(type: string, name: string, news: Props, ctx: AwsContext, olds: Props = {}): Props {
    const checked: Props = { ...news };
    for (const [key, value] of Object.entries(SCHEMA_DEFAULTS[type] ?? {})) {
        if (checked[key] === undefined) checked[key] = value;
    }
    const auto = AUTO_NAMED[type];
    if (auto !== undefined && checked[auto.name] === undefined && checked[auto.prefix] === undefined) {
        const kept = olds[auto.name];
        checked[auto.name] = typeof kept === "string" && kept !== "" && olds[auto.prefix] === undefined ? kept : auto.generate(name, checked, ctx, type);
    }
    return checked;
}
