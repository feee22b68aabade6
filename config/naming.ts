// Default names derived from logical names, shared by validation (uniqueness) and normalization.

export function defaultKeyAlias(bucketName: string): string {
    return `alias/encrypted-buckets/${bucketName}`;
}

export function defaultReplicaKeyAlias(bucketName: string, accountAlias: string, region: string): string {
    return `alias/encrypted-buckets/${bucketName}-replica-${accountAlias}-${region}`;
}
