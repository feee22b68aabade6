import { Maybe } from "../model/policyDocument";
import { IndexedResource } from "../model/resources";
import { KeyModel, regionOfKeyRef, ReplicationRule } from "../model/stackIndex";
import { describe, findingOn, stackPolicy } from "./framework";
import { cannotVerifyProviderSetting } from "./cannotVerify";
import { runMode } from "../model/runMode";
import { ExemptionConfig } from "./exemptions";
import { isKmsAlgorithm, sseRules } from "./sseFacts";
import { externalSource, judgedDestinations, judgedReplicaKeys, replicationRules } from "./replicationFacts";
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

/** The regions of a rule's candidate replica keys (one per candidate; not known when a candidate's can't be read). */
function replicaRegions(rule: ReplicationRule): (Maybe<string> | undefined)[] {
    const keys = judgedReplicaKeys(rule);
    if (keys.length === 0 && rule.replicaKeys.length > 0) {
        return [undefined]; // shared with a Disabled rule: can't tell yet
    }
    return (keys.length > 0 ? keys : [undefined]).map((k) => keyRegion(k, rule.replicaKmsKeyId));
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
        // A destination shared by several rules (a fresh preview can't pair them yet) is reported once.
        const pooledReported = new Set<string>();
        for (const { replication, rule, subject } of replicationRules(index)) {
            const destinations = judgedDestinations(rule);
            // A destination or replica key whose region can't be read is as unverified as a bucket's key.
            destinations.forEach((d) => unreadable(d.resource));
            judgedReplicaKeys(rule).forEach((k) => unreadable(k.resource));
            if (!destinations.some((d) => known(d.resource.region))) {
                continue;
            }
            // Rules sharing candidate destinations: each candidate is some rule's destination, so it needs a replica
            // key of one of those rules in its region (a stricter pairing would block a compliant stack).
            const regions = (rule.destinationPool.length > 0 ? rule.destinationPool : [rule]).flatMap(replicaRegions);
            if (regions.length === 0 || regions.some((r) => !known(r))) {
                continue;
            }
            for (const dest of destinations) {
                const region = dest.resource.region;
                if (!known(region) || regions.includes(region)) {
                    continue;
                }
                if (rule.destinationPool.length > 0) {
                    if (pooledReported.has(dest.resource.urn)) {
                        continue;
                    }
                    pooledReported.add(dest.resource.urn);
                    report(findingOn(subject, replication.resource,
                        `replicates to ${describe(dest.resource)} in ${region} but no replica key of its rules${externalSource(replication)} is in ${region} (${[...new Set(regions)].join(", ")})`,
                        `set replicaKmsKeyId to a key in ${region} (e.g. an aws.kms.ReplicaKey of the source key created in ${region})`));
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
