// Object Lock is chosen when a bucket is created: @pulumi/aws replaces a Bucket whose objectLockEnabled
// changes, and S3 never turns Object Lock off (Amazon S3 User Guide, "Configuring S3 Object Lock": "After
// you enable Object Lock on a bucket, you can't disable Object Lock or suspend versioning"). So turning it
// on or off for a deployed bucket is refused like any other replacement, unless acknowledge.replaceBucket
// names the bucket.
import { DeployedBucket } from "./previousDeployment";

/** The refusal for a deployed bucket whose Object Lock setting changes; undefined when it does not. */
export function objectLockChange(deployed: DeployedBucket, wanted: boolean): string | undefined {
    if (deployed.objectLockEnabled === wanted) {
        return undefined;
    }
    const what = wanted
        ? `turns Object Lock on for the deployed bucket ${deployed.bucketName}, which was created without it: Pulumi would replace the bucket (a new, empty bucket; the deployed one deleted or orphaned with every object in it)`
        : `removes Object Lock from the deployed bucket ${deployed.bucketName}: S3 cannot turn Object Lock off, so Pulumi would replace the bucket, and locked versions keep it from being deleted until their retention ends`;
    return (
        `${what}. To lock existing data, add a new bucket entry with objectLock and copy the objects (docs/operations.md, "Move data to a new bucket"); ` +
        `to go ahead anyway, add acknowledge: { replaceBucket: [${deployed.bucketName}] } to this bucket entry`
    );
}
