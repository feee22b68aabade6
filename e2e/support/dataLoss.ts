// What a data-safety step must never do, read from the stand-in's object model and world: schedule a key's
// deletion, make an object of a surviving bucket unreadable, or take a guardrail away from a surviving bucket.
import { World } from "../standin-aws/world";
import { existingBuckets, GUARDRAIL_TYPES, ModelEvent, readBucket, readObject } from "../standin-aws/objectModel";
import { BUCKET_GUARDRAIL_SIDS } from "../../components/policy/bucketPolicy";

/** The deny statements every surviving bucket keeps in its policy (the component's defaults). */
const KEPT_DENIES: readonly string[] = [
    BUCKET_GUARDRAIL_SIDS.denyInsecureTransport,
    BUCKET_GUARDRAIL_SIDS.denyWrongAlgorithmHeader,
    BUCKET_GUARDRAIL_SIDS.denyWrongKeyHeader,
    BUCKET_GUARDRAIL_SIDS.denyKmsHeaderWithoutKeyId,
];

/** Every way `events` (one step's) lost data or guardrails, as sentences; empty when none. */
export function dataLossProblems(stateDir: string, worldDir: string, events: readonly ModelEvent[], buckets: readonly string[]): string[] {
    const problems: string[] = [];
    for (const e of events.filter((e) => e.op === "ScheduleKeyDeletion")) problems.push(`key ${e.keyArn ?? e.name} was scheduled for deletion`);
    const alive = new Set(existingBuckets(stateDir));
    for (const e of events) {
        if (e.op === "delete" && GUARDRAIL_TYPES.includes(e.type) && e.bucket !== undefined && alive.has(e.bucket)) {
            problems.push(`${e.type} ${e.name} of the surviving bucket ${e.bucket} was deleted`);
        }
    }
    const world = new World(worldDir);
    for (const bucket of buckets) {
        if (!alive.has(bucket)) {
            problems.push(`bucket ${bucket} (with its objects) is gone`);
            continue;
        }
        for (const key of Object.keys(readBucket(stateDir, bucket)?.objects ?? {})) {
            try {
                readObject(stateDir, bucket, key);
            } catch (error) {
                problems.push((error as Error).message);
            }
        }
        const record = world.bucket(bucket);
        const sids = new Set<string>(
            record?.policy !== undefined ? (JSON.parse(record.policy) as { Statement: { Sid?: string }[] }).Statement.map((s) => s.Sid ?? "") : [],
        );
        const missing = KEPT_DENIES.filter((sid) => !sids.has(sid));
        if (missing.length > 0) problems.push(`bucket ${bucket}'s policy lacks ${missing.join(", ")}`);
        if (record?.defaultEncryption?.sseAlgorithm !== "aws:kms") problems.push(`bucket ${bucket} is no longer encrypted by default with a KMS key`);
    }
    return problems;
}
