// Entry point the Pulumi CLI loads (`pulumi preview --policy-pack policypack`). The only place that
// constructs a PolicyPack: construction starts the analyzer's gRPC server.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policies";

new PolicyPack(PACK_NAME, {
    policies,
    enforcementLevel: "mandatory",
    description: "Blocks unencrypted or misconfigured S3 buckets, KMS keys, bucket policies and replication: SSE-KMS with customer managed keys, TLS-only and SSE-KMS-only bucket policies, key hygiene, and complete (cross-account) replication.",
    displayName: "Encrypted buckets guardrails",
    tags: ["aws", "s3", "kms", "encryption"],
});
