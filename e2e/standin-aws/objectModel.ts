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
/**
 * Keys whose delete is a ScheduleKeyDeletion: a replica of a multi-Region key is deleted the same way, alone ("Deleting
 * multi-Region keys", AWS KMS Developer Guide), and the replicas it encrypted become unreadable in its Region.
 */
const KEY_TYPES: readonly string[] = [KEY_TYPE, "aws:kms/replicaKey:ReplicaKey"];
/** Versioning resources: once a bucket is versioned, a deleted object leaves its versions behind. */
const VERSIONING_TYPES: readonly string[] = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];

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
    /**
     * Object keys, each with the KMS key its current version is encrypted under; `noncurrent` when the object was
     * deleted from a versioned bucket, where a delete marker hides it and its versions stay until deleted by version.
     */
    objects: Record<string, { kmsKeyId?: string; noncurrent?: boolean }>;
    /** Versioning was Enabled at some time: S3 keeps every version of an object deleted since. */
    versioned?: boolean;
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

/**
 * Deletes an object from a bucket, if both exist (S3 answers DeleteObject of a missing key with success). In a bucket
 * that is or was versioned, DeleteObject without a version id only adds a delete marker (Amazon S3 User Guide,
 * "Deleting object versions from a versioning-enabled bucket"): the object's versions stay, and so does the bucket's
 * content.
 */
function removeObject(dir: string, bucket: string, key: string): void {
    const stored = readBucket(dir, bucket);
    if (stored === undefined) return;
    const object = stored.objects[key];
    if (stored.versioned === true && object !== undefined) {
        stored.objects[key] = { ...object, noncurrent: true };
    } else {
        delete stored.objects[key];
    }
    writeBucket(dir, stored);
}

/** Records that a bucket's versioning was Enabled (a bucket's own `versioning` input, or a versioning resource). */
function recordVersioning(dir: string, bucket: string): void {
    const stored = readBucket(dir, bucket);
    if (stored !== undefined && stored.versioned !== true) writeBucket(dir, { ...stored, versioned: true });
}

function versioningEnabled(type: string, outputs: Record<string, unknown>): boolean {
    const status = (outputs["versioningConfiguration"] as { status?: unknown } | undefined)?.status;
    const inline = (outputs["versioning"] as { enabled?: unknown } | undefined)?.enabled;
    return (VERSIONING_TYPES.includes(type) && status === "Enabled") || (BUCKET_TYPES.includes(type) && inline === true);
}

/** The ARNs of the keys scheduled for deletion so far. */
function keysPendingDeletion(dir: string): Set<string> {
    return new Set(readEvents(dir).flatMap((e) => (e.op === "ScheduleKeyDeletion" && e.keyArn !== undefined ? [e.keyArn] : [])));
}

/**
 * Test hook: GetObject of an object's current version, as its reader sees it. S3 decrypts an SSE-KMS object with its
 * key, and a key pending deletion is in a state Decrypt refuses (AWS KMS Developer Guide, "Key states of AWS KMS keys":
 * KMSInvalidStateException), so the object cannot be read (Amazon S3 API Reference, "GetObject": S3 answers the KMS
 * error). Returns the key the object is encrypted under, or undefined for SSE-S3.
 */
export function readObject(dir: string, bucket: string, key: string): string | undefined {
    const stored = readBucket(dir, bucket);
    if (stored === undefined) throw new Error(`NoSuchBucket: The specified bucket does not exist (${bucket})`);
    const object = stored.objects[key];
    if (object === undefined || object.noncurrent === true) throw new Error(`NoSuchKey: The specified key does not exist (${bucket}/${key})`);
    if (object.kmsKeyId !== undefined && keysPendingDeletion(dir).has(object.kmsKeyId)) {
        throw new Error(`KMS.KMSInvalidStateException: ${object.kmsKeyId} is pending deletion (${bucket}/${key} cannot be decrypted)`);
    }
    return object.kmsKeyId;
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
    if (bucket !== undefined && versioningEnabled(type, outputs)) recordVersioning(dir, bucket);
    const objectKey = outputs["key"];
    if (OBJECT_TYPES.includes(type) && bucket !== undefined && typeof objectKey === "string" && readBucket(dir, bucket) !== undefined) {
        const kmsKeyId = outputs["kmsKeyId"];
        putObject(dir, bucket, objectKey, typeof kmsKeyId === "string" && kmsKeyId !== "" ? kmsKeyId : undefined);
    }
    appendEvent(dir, { op: "create", type, name, id, ...(bucket !== undefined ? { bucket } : {}) });
}

/**
 * Hook for the provider's delete. A bucket that still holds objects, noncurrent versions included ("All objects
 * (including all object versions and delete markers) in the bucket must be deleted before the bucket itself can be
 * deleted"), is not deleted, with S3's answer (Amazon S3 API Reference, "DeleteBucket": 409 BucketNotEmpty, "The
 * bucket you tried to delete is not empty"), unless forceDestroy is set: the provider then deletes every object and version first. A KMS
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
    const keyArn = KEY_TYPES.includes(type) && typeof props["arn"] === "string" ? props["arn"] : undefined;
    appendEvent(dir, { op: "delete", type, name, id, ...(bucket !== undefined ? { bucket } : {}), ...(keyArn !== undefined ? { keyArn } : {}) });
    if (KEY_TYPES.includes(type)) {
        appendEvent(dir, { op: "ScheduleKeyDeletion", type, name, id, ...(keyArn !== undefined ? { keyArn } : {}) });
    }
}
