// Names of the child resources a component registers, where another layer must predict them (the
// stack configuration checks the bucket name Pulumi will generate before anything is registered).

/** The aws.s3.Bucket child of `EncryptedBucket "<name>"`; without bucketName, Pulumi generates `<this>-<7 hex>`. */
export function bucketResourceName(componentName: string): string {
    return `${componentName}-bucket`;
}
