// Shared by the specs of log buckets that must use SSE-S3 (load balancer and Redshift logs): the KMS demands a stack
// gets, and the log bucket `logs` rewritten in each shape users write.
import * as assert from "assert";
import { FixtureResource } from "../../../policypack/fixtures/format";
import { without } from "../../../policypack/fixtures/stacks";
import * as T from "../../../policypack/model/awsTypes";
import { ExportResource } from "../../../policypack/harness";
import { mandatory, run } from "./run";

export const SSE_KMS = "s3-bucket-sse-kms";
export const REQUIRE_SSE_KMS = "s3-bucket-policy-require-sse-kms";

/** The mandatory violations of the SSE policies that demand KMS, as `policy name`. */
export async function kmsDemands(resources: ExportResource[], preview = false): Promise<string[]> {
    const vs = mandatory(await run(resources, { preview }));
    return vs.filter((v) => v.policyName === SSE_KMS || v.policyName === REQUIRE_SSE_KMS).map((v) => `${v.policyName} ${v.urn.split("::").pop()}`);
}

export type BucketShape = "v7" | "v2" | "inline";

export const BUCKET_SHAPES: readonly [BucketShape, string][] = [
    ["v7", "aws.s3.Bucket + BucketServerSideEncryptionConfiguration"],
    ["v2", "aws.s3.BucketV2 + BucketServerSideEncryptionConfigurationV2"],
    ["inline", "aws.s3.Bucket with inline serverSideEncryptionConfiguration"],
];

/** The log bucket `logs` as users write it: v7 Bucket + separate configuration, the deprecated V2 names, or the legacy inline rule. */
export function withBucketShape(resources: FixtureResource[], shape: BucketShape): FixtureResource[] {
    if (shape === "v2") {
        return resources.map((r) => (r.name === "logs" ? { ...r, type: T.BUCKET_V2 } : r.name === "logs-sse" ? { ...r, type: T.SSE_CONFIG_V2 } : r));
    }
    if (shape === "inline") {
        const sse = resources.find((r) => r.name === "logs-sse");
        assert.ok(sse, "fixture: the log bucket's encryption configuration `logs-sse`");
        const rule = (sse.inputs["rules"] as FixtureResource["inputs"][])[0];
        return without(resources, "logs-sse").map((r) => (r.name === "logs" ? { ...r, inputs: { ...r.inputs, serverSideEncryptionConfiguration: { rule } } } : r));
    }
    return resources;
}
