// The stand-in's model of what outlives a Pulumi operation: S3 buckets with objects in them, and every
// delete the engine asks for (ScheduleKeyDeletion for KMS keys), so the data-safety specs can check what
// a `pulumi up` or `destroy` really did to data. Active only when EB_STANDIN_STATE_DIR names a directory
// (the specs set it for every CLI call); without it the stand-in behaves as before.
//
// The engine starts one plugin process per provider resource, so the model lives in files that every
// process of a run shares: `buckets/<bucket name>.json` per existing bucket, `events.jsonl` (append-only)
// for creates and deletes. Test code uses the same functions (putObject, readEvents) as its hook.
import * as fs from "node:fs";
import * as path from "node:path";

export const STATE_DIR_VARIABLE = "EB_STANDIN_STATE_DIR";

export const BUCKET_TYPE = "aws:s3/bucket:Bucket";
/** The deprecated name of the same bucket resource: S3 answers its deletes the same way. */
const BUCKET_TYPES: readonly string[] = [BUCKET_TYPE, "aws:s3/bucketV2:BucketV2"];
/** An object the program uploads itself: it is in the bucket while the resource exists. */
const OBJECT_TYPES: readonly string[] = ["aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2"];
export const KEY_TYPE = "aws:kms/key:Key";

/** A bucket's configuration resources: S3 deletes them with the bucket. */
export const GUARDRAIL_TYPES: readonly string[] = [
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
];

export interface StoredBucket {
    bucket: string;
    /** Object keys, each with the KMS key its current version is encrypted under. */
    objects: Record<string, { kmsKeyId?: string }>;
}

export interface ModelEvent {
    /** `create`, `delete`, or `ScheduleKeyDeletion` (recorded for a deleted KMS key, as KMS knows it). */
    op: "create" | "delete" | "ScheduleKeyDeletion";
    type: string;
    /** Logical name from the URN. */
    name: string;
    id: string;
    /** The bucket a bucket or bucket-configuration resource belongs to. */
    bucket?: string;
    /** The key's ARN, for KMS keys. */
    keyArn?: string;
}

function stateDir(): string | undefined {
    const dir = process.env[STATE_DIR_VARIABLE];
    return dir === undefined || dir === "" ? undefined : dir;
}

function bucketFile(dir: string, bucket: string): string {
    return path.join(dir, "buckets", `${bucket}.json`);
}

export function readBucket(dir: string, bucket: string): StoredBucket | undefined {
    const file = bucketFile(dir, bucket);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as StoredBucket) : undefined;
}

function writeBucket(dir: string, stored: StoredBucket): void {
    fs.mkdirSync(path.join(dir, "buckets"), { recursive: true });
    fs.writeFileSync(bucketFile(dir, stored.bucket), JSON.stringify(stored));
}

function appendEvent(dir: string, event: ModelEvent): void {
    fs.appendFileSync(path.join(dir, "events.jsonl"), `${JSON.stringify(event)}\n`);
}

export function readEvents(dir: string): ModelEvent[] {
    const file = path.join(dir, "events.jsonl");
    if (!fs.existsSync(file)) return [];
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as ModelEvent);
}

/** Test hook: puts an object into an existing bucket, as `aws s3 cp` would. */
export function putObject(dir: string, bucket: string, key: string, kmsKeyId?: string): void {
    const stored = readBucket(dir, bucket);
    if (stored === undefined) {
        throw new Error(`NoSuchBucket: The specified bucket does not exist (${bucket})`);
    }
    stored.objects[key] = kmsKeyId !== undefined ? { kmsKeyId } : {};
    writeBucket(dir, stored);
}

/** Deletes an object from a bucket, if both exist (S3 answers DeleteObject of a missing key with success). */
function removeObject(dir: string, bucket: string, key: string): void {
    const stored = readBucket(dir, bucket);
    if (stored !== undefined) {
        delete stored.objects[key];
        writeBucket(dir, stored);
    }
}

/** Names of the buckets that exist now. */
export function existingBuckets(dir: string): string[] {
    const folder = path.join(dir, "buckets");
    return fs.existsSync(folder) ? fs.readdirSync(folder).map((f) => f.replace(/\.json$/, "")).sort() : [];
}

function bucketOf(type: string, props: Record<string, unknown>): string | undefined {
    const value = type.startsWith("aws:s3/") ? props["bucket"] : undefined;
    return typeof value === "string" ? value : undefined;
}

/** Hook for the provider's create (and replacement create): a new bucket exists, empty. */
export function recordCreate(type: string, name: string, id: string, outputs: Record<string, unknown>): void {
    const dir = stateDir();
    if (dir === undefined) return;
    const bucket = bucketOf(type, outputs);
    if (BUCKET_TYPES.includes(type) && bucket !== undefined && readBucket(dir, bucket) === undefined) {
        writeBucket(dir, { bucket, objects: {} });
    }
    const objectKey = outputs["key"];
    if (OBJECT_TYPES.includes(type) && bucket !== undefined && typeof objectKey === "string" && readBucket(dir, bucket) !== undefined) {
        const kmsKeyId = outputs["kmsKeyId"];
        putObject(dir, bucket, objectKey, typeof kmsKeyId === "string" && kmsKeyId !== "" ? kmsKeyId : undefined);
    }
    appendEvent(dir, { op: "create", type, name, id, ...(bucket !== undefined ? { bucket } : {}) });
}

/**
 * Hook for the provider's delete. A bucket that still holds objects is not deleted, with S3's answer
 * (Amazon S3 API Reference, "DeleteBucket": 409 BucketNotEmpty, "The bucket you tried to delete is not
 * empty"), unless forceDestroy is set: the provider then deletes every object and version first. A KMS
 * key is never deleted at once: KMS schedules it (AWS KMS API Reference, "ScheduleKeyDeletion").
 */
export function recordDelete(type: string, name: string, id: string, props: Record<string, unknown>): void {
    const dir = stateDir();
    if (dir === undefined) return;
    const bucket = bucketOf(type, props);
    const objectKey = props["key"];
    if (OBJECT_TYPES.includes(type) && bucket !== undefined && typeof objectKey === "string") {
        removeObject(dir, bucket, objectKey);
    }
    if (BUCKET_TYPES.includes(type) && bucket !== undefined) {
        const stored = readBucket(dir, bucket);
        if (stored !== undefined && Object.keys(stored.objects).length > 0 && props["forceDestroy"] !== true) {
            throw new Error(
                `deleting S3 Bucket (${bucket}): operation error S3: DeleteBucket, https response error StatusCode: 409, ` +
                    `api error BucketNotEmpty: The bucket you tried to delete is not empty`,
            );
        }
        fs.rmSync(bucketFile(dir, bucket), { force: true });
    }
    const keyArn = type === KEY_TYPE && typeof props["arn"] === "string" ? props["arn"] : undefined;
    appendEvent(dir, { op: "delete", type, name, id, ...(bucket !== undefined ? { bucket } : {}), ...(keyArn !== undefined ? { keyArn } : {}) });
    if (type === KEY_TYPE) {
        appendEvent(dir, { op: "ScheduleKeyDeletion", type, name, id, ...(keyArn !== undefined ? { keyArn } : {}) });
    }
}
