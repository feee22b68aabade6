// `@pulumi/awsguard`'s S3 and KMS rules, loaded from the bench-local install in `bench/.deps` (it pins old
// @pulumi/aws and aws-sdk v2, which must stay out of the project's own node_modules).
import * as path from "path";
import { Policies, ResourceValidationPolicy } from "@pulumi/policy";
import { REPO_ROOT } from "../framework/childRunner";
import { requireOrExplain } from "./harnessAdapter";

export const AWSGUARD_PREFIX = path.join(REPO_ROOT, "bench", ".deps");
const AWSGUARD_MODULE = path.join(AWSGUARD_PREFIX, "node_modules", "@pulumi", "awsguard");

/** [module inside the package, exported name, policy name]: the rules awsguard has for S3 and KMS. */
const RULES: readonly [string, string, string][] = [
    ["storage", "s3BucketLoggingEnabled", "s3-bucket-logging-enabled"],
    ["security", "cmkBackingKeyRotationEnabled", "cmk-backing-key-rotation-enabled"],
];

export function loadAwsguardPolicies(): Policies {
    // awsguard's aws-sdk v2 prints an end-of-support notice on load; it is noise in a benchmark log.
    process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
    return RULES.map(([module, exported, name]) => {
        const loaded = requireOrExplain(path.join(AWSGUARD_MODULE, module), `@pulumi/awsguard (npm install --prefix bench/.deps @pulumi/awsguard)`);
        const policy = loaded[exported] as ResourceValidationPolicy | undefined;
        if (policy === undefined || policy.name !== name) {
            throw new Error(`@pulumi/awsguard/${module} no longer exports ${exported} as "${name}"`);
        }
        return policy;
    });
}

export function awsguardVersion(): string {
    const manifest = requireOrExplain(path.join(AWSGUARD_MODULE, "package.json"), "@pulumi/awsguard");
    return String(manifest.version);
}
