// Default names derived from logical names, shared by validation (uniqueness) and normalization.

export function defaultKeyAlias(bucketName: string): string {
    return `alias/encrypted-buckets/${bucketName}`;
}

export function defaultReplicaKeyAlias(bucketName: string, accountAlias: string, region: string): string {
    return `alias/encrypted-buckets/${bucketName}-replica-${accountAlias}-${region}`;
}

/** The EncryptedBucket component name of a replica (its bucket is auto-named from it when bucketName is unset). */
export function replicaBucketComponentName(bucketName: string, accountAlias: string, region: string): string {
    return `${bucketName}-replica-${accountAlias}-${region}`;
}
