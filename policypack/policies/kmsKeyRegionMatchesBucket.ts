import { Maybe } from "../model/policyDocument";
import { IndexedResource } from "../model/resources";
import { KeyModel, regionOfKeyRef } from "../model/stackIndex";
import { describe, findingOn, stackPolicy } from "./framework";
import { cannotVerifyProviderSetting } from "./cannotVerify";
import { runMode } from "../model/runMode";
import { ExemptionConfig } from "./exemptions";
import { isKmsAlgorithm, sseRules } from "./sseFacts";
import { externalSource, replicationRules } from "./replicationFacts";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const KMS_KEY_REGION_MATCHES_BUCKET = "kms-key-region-matches-bucket";

function known(region: Maybe<string> | undefined): region is string {
    return typeof region === "string" && region !== "";
}

function keyRegion(key: KeyModel | undefined, ref: Maybe<string> | undefined): Maybe<string> | undefined {
    if (key) {
        return key.resource.region;
    }
    return typeof ref === "string" ? regionOfKeyRef(ref) : undefined;
}

function regionNote(r: IndexedResource): string {
    return r.regionSource === "resource" ? "its region" : "its provider's region";
}

export const kmsKeyRegionMatchesBucket = stackPolicy<ExemptionConfig>(
    {
        name: KMS_KEY_REGION_MATCHES_BUCKET,
        description: "A bucket's SSE-KMS key is in the bucket's region, and each replication destination's replica key is in the destination bucket's region (S3 can't use a key from another region).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "create the key (or an aws.kms.ReplicaKey of a multi-Region key) in the bucket's region, via the key's region input or a provider for that region",
    },
    {},
    (index, _config, report) => {
        const mode = runMode();
        // Outside a preview a region the pack can't read (a secret provider setting) is a finding, never a pass.
        const reported = new Set<string>();
        const unreadable = (r: IndexedResource): void => {
            const reason = reported.has(r.urn) ? undefined : cannotVerifyProviderSetting(mode, r, regionNote(r), r.region);
            if (reason !== undefined) {
                reported.add(r.urn);
                report({ subject: r, urn: r.urn, message: reason });
            }
        };
        for (const bucket of index.buckets) {
            const bucketRegion = bucket.resource.region;
            const kmsRules = sseRules(bucket).filter(({ rule }) => isKmsAlgorithm(rule.algorithm));
            if (!known(bucketRegion)) {
                if (kmsRules.length > 0) {
                    unreadable(bucket.resource);
                }
                continue;
            }
            for (const { config, rule } of kmsRules) {
                const candidates = rule.keys.length > 0 ? rule.keys : [undefined];
                const regions = candidates.map((k) => keyRegion(k, rule.keyRef));
                if (regions.some((r) => !known(r)) || regions.includes(bucketRegion)) {
                    rule.keys.forEach((k) => unreadable(k.resource));
                    continue;
                }
                const key = rule.keys[0];
                report(findingOn(bucket.resource, key?.resource ?? config.resource,
                    `${key ? "is in region " + String(regions[0]) + ` (${regionNote(key.resource)})` : `references key ${String(rule.keyRef)} in region ${String(regions[0])}`}, but encrypts bucket ${describe(bucket.resource)} in ${bucketRegion} (${regionNote(bucket.resource)})`,
                    `use a KMS key created in ${bucketRegion} for this bucket`));
            }
        }
        for (const { replication, rule, subject } of replicationRules(index)) {
            // A destination or replica key whose region can't be read is as unverified as a bucket's key.
            rule.destinations.forEach((d) => unreadable(d.resource));
            rule.replicaKeys.forEach((k) => unreadable(k.resource));
            const destRegions = rule.destinations.map((d) => d.resource.region).filter(known);
            if (destRegions.length === 0) {
                continue;
            }
            const candidates = rule.replicaKeys.length > 0 ? rule.replicaKeys : [undefined];
            const regions = candidates.map((k) => keyRegion(k, rule.replicaKmsKeyId));
            if (regions.some((r) => !known(r))) {
                continue;
            }
            for (const dest of rule.destinations) {
                const region = dest.resource.region;
                if (!known(region) || regions.includes(region)) {
                    continue;
                }
                const key = rule.replicaKeys[0];
                report(findingOn(subject, replication.resource,
                    `replicates to ${describe(dest.resource)} in ${region} but encrypts replicas${externalSource(replication)} with ${key ? describe(key.resource) : `key ${String(rule.replicaKmsKeyId)}`} in ${String(regions[0])}`,
                    `set replicaKmsKeyId to a key in ${region} (e.g. an aws.kms.ReplicaKey of the source key created in ${region})`));
            }
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyRegionMatchesBucket,
    doc: {
        checks: "The bucket's key is in the bucket's region; each replica key is in its destination bucket's region (in-stack keys, and literal key ARNs). Outside a preview, the region of an SSE-KMS bucket or its key, or of a replication's destination or replica key, that the pack can't read (a secret provider `region`, for resources without a region of their own, or a secret v7 `region` input of the bucket or key itself, which is never taken for the provider's) is a \"cannot verify\", not a pass.",
        shapes: "v7, V2, inline, keys, replication",
        config: "—",
    },
    compliant: [{ title: "key and bucket in eu-west-1", resources: dataBucket() }],
    violating: [{ title: "a us-east-1 key for an eu-west-1 bucket", resources: dataBucket((r) => withInputs(r, "data-key", { region: "us-east-1" })) }],
});
