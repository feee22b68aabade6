// Entry point of the pack. The Pulumi CLI (`pulumi preview --policy-pack policypack`) loads its compiled
// form, bin/index.js (package.json "main", built by `npm run build`). The only place that constructs a
// PolicyPack: construction starts the analyzer's gRPC server.
import { PolicyPack } from "@pulumi/policy";
import { installDecodeMemo } from "./analyzerDecodeMemo";
import { checkEntryPoint } from "./buildFreshness";
import { installRunModeHook } from "./model/runMode";
import { PACK_NAME, policies } from "./policies";
import { installSinglePass } from "./server/serverHooks";

// Refuses to serve policies compiled from sources that have changed since; warns when bin/ is missing.
checkEntryPoint(__filename);

// Every policy shares one decode of each resource the engine sends, instead of one per policy.
const decodeMemo = installDecodeMemo();
if (decodeMemo.kind === "unsupported") {
    process.stderr.write(`${PACK_NAME}: running without the shared decode (same results, slower): ${decodeMemo.reason}\n`);
}

// Reads the engine's ConfigureStack `dry_run`: outside a preview, a value the pack can't read is a "cannot verify".
if (!installRunModeHook()) {
    process.stderr.write(`${PACK_NAME}: can't read the engine's dry-run flag from its ConfigureStack call; without PULUMI_NODEJS_DRY_RUN the pack assumes a preview (values it can't read pass instead of "cannot verify")\n`);
}

const PACK_ENFORCEMENT_LEVEL = "mandatory";

// Analyze and AnalyzeStack build each resource's view once per request instead of once per policy (same answers).
const singlePass = installSinglePass({ policies, packName: PACK_NAME, enforcementLevel: PACK_ENFORCEMENT_LEVEL });
if (singlePass.kind === "unsupported") {
    process.stderr.write(`${PACK_NAME}: running on @pulumi/policy's own handlers (same results, slower): ${singlePass.reason}\n`);
}

new PolicyPack(PACK_NAME, {
    policies,
    enforcementLevel: PACK_ENFORCEMENT_LEVEL,
    description: "Blocks unencrypted or misconfigured S3 buckets, KMS keys, bucket policies and replication: SSE-KMS with customer managed keys, TLS-only and SSE-KMS-only bucket policies, key hygiene, and complete (cross-account) replication.",
    displayName: "Encrypted buckets guardrails",
    tags: ["aws", "s3", "kms", "encryption"],
});
