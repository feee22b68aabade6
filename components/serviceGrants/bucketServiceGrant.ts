import * as pulumi from "@pulumi/pulumi";
import { EncryptedBucket } from "../encryptedBucket";
import { GrantAccess } from "../policy/actions";
import { serviceGrantBucketStatements, serviceGrantKeySids, serviceGrantKeyStatements, serviceGrantSids, ServicePrincipalGrantSubject } from "../policy/serviceGrants";
import { sidFragment } from "../policy/sids";
import { InvalidArgumentError, parseArgs } from "../args/parseArgs";
import { bucketServiceGrantArgsSchema, BucketServiceGrantFields } from "./args";

export const BUCKET_SERVICE_GRANT_TYPE = "encrypted-buckets:s3:BucketServiceGrant";

export interface BucketServiceGrantArgs extends BucketServiceGrantFields {
    bucket: EncryptedBucket;
}

/**
 * Lets an AWS service principal (CloudTrail, log delivery, ...) use an EncryptedBucket while it acts
 * for a resource of `sourceAccount` (default: the bucket's account), optionally only for `sourceArn`:
 * a bucket-policy Allow and a key-policy Allow (plus kms:DescribeKey for the services that document
 * needing it, e.g. CloudTrail: see SERVICES_THAT_DESCRIBE_THE_KEY), all pinned by aws:SourceAccount /
 * aws:SourceArn so another account cannot make the service write here (IAM User Guide, "The confused
 * deputy problem").
 * Services have no IAM policies of their own: the two resource policies are the whole grant.
 */
export class BucketServiceGrant extends pulumi.ComponentResource {
    public readonly service: string;
    public readonly access: GrantAccess;
    public readonly sourceAccount: string;
    public readonly sourceArn: string | undefined;
    public readonly sidBase: string;

    constructor(name: string, args: BucketServiceGrantArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const where = `BucketServiceGrant "${name}"`;
        if (!(args?.bucket instanceof EncryptedBucket)) {
            throw new InvalidArgumentError(where, "bucket", "is not an EncryptedBucket", "pass the EncryptedBucket component the grant is for");
        }
        const { bucket, ...fields } = args;
        const parsed = parseArgs(where, bucketServiceGrantArgsSchema, fields);
        const subject: ServicePrincipalGrantSubject = {
            service: parsed.service,
            access: parsed.access,
            prefix: parsed.prefix,
            sourceAccount: parsed.sourceAccount ?? bucket.accountId,
            sourceArn: parsed.sourceArn,
            sidBase: `Service${sidFragment(name)}`,
        };
        const sids = serviceGrantSids(subject.sidBase);
        bucket.key.reserveSids(where, serviceGrantKeySids(subject));
        bucket.reservePolicySids(where, [sids.bucket, sids.objects]);
        super(BUCKET_SERVICE_GRANT_TYPE, name, {}, { parent: bucket, ...opts });
        this.service = subject.service;
        this.access = subject.access;
        this.sourceAccount = subject.sourceAccount;
        this.sourceArn = subject.sourceArn;
        this.sidBase = subject.sidBase;

        bucket.key.addStatementList(bucket.bucketName.apply((bucketName) => serviceGrantKeyStatements(subject, { bucketName })));
        bucket.addPolicyStatementList(bucket.bucketName.apply((bucketName) => serviceGrantBucketStatements(subject, { bucketName })));
        this.registerOutputs({ service: this.service, sourceAccount: this.sourceAccount });
    }
}
