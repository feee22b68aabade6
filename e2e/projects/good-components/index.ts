// A team's own program built from the components (not the repository's stack program): a bucket in the data
// account, read and written by a role the program declares next to it, read by a role it declares in a partner's
// account through that account's provider, and replicated to a second Region. The grants take the role resources
// themselves, so the key policy, the bucket policy and each role's IAM policy name ARNs that exist only once the
// roles do. Around it: two buckets sharing one key with its own administrators, S3 server access logs into a log
// bucket, CloudTrail writing into an audit bucket (a service grant pinned to the trail), the organisation reading a
// prefix, lifecycle rules, and replication of the audit trail to another team's bucket and key named by ARN.
import * as aws from "@pulumi/aws";
import {
    BucketAccessLogging, BucketGrant, BucketOrganizationRead, BucketReplication, BucketServiceGrant, CustomerManagedKey, EncryptedBucket,
    ExternalDestination, LogBucket,
} from "../../../components";

const dataAccount = "111111111111";
const partnerAccount = "333333333333";

const data = new aws.Provider("data", { region: "eu-west-1", assumeRoles: [{ roleArn: `arn:aws:iam::${dataAccount}:role/deployer` }] });
const dataDr = new aws.Provider("data-dr", { region: "eu-central-1", assumeRoles: [{ roleArn: `arn:aws:iam::${dataAccount}:role/deployer` }] });
const partner = new aws.Provider("partner", { region: "eu-west-1", assumeRoles: [{ roleArn: `arn:aws:iam::${partnerAccount}:role/deployer` }] });

const trust = (service: string): string => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
});
const ingest = new aws.iam.Role("ingest", { name: "reports-ingest", assumeRolePolicy: trust("lambda.amazonaws.com") }, { provider: data });
const partnerReader = new aws.iam.Role("partner-reader", { name: "reports-reader", assumeRolePolicy: trust("ec2.amazonaws.com") }, { provider: partner });

const reports = new EncryptedBucket("reports", { accountId: dataAccount, region: "eu-west-1" }, { provider: data });
const reportsDr = new EncryptedBucket("reports-dr", { accountId: dataAccount, region: "eu-central-1" }, { provider: dataDr });

new BucketGrant("ingest-rw", { bucket: reports, principal: ingest, access: "read-write", prefix: "incoming/" });

// Two buckets of one team on one key whose administrators are not its users.
const teamKey = new CustomerManagedKey("team", {
    accountId: dataAccount, region: "eu-west-1", alias: "alias/team-data",
    administrators: [`arn:aws:iam::${dataAccount}:role/kms-admin`],
}, { provider: data });
const raw = new EncryptedBucket("raw", {
    accountId: dataAccount, region: "eu-west-1", key: teamKey,
    lifecycleRules: [
        { id: "tmp", prefix: "tmp/", expiration: { days: 7 } },
        { id: "noncurrent", noncurrentVersionTransitions: [{ days: 30, storageClass: "STANDARD_IA" }], noncurrentVersionExpiration: { days: 365 } },
    ],
}, { provider: data });
const audit = new EncryptedBucket("audit", { accountId: dataAccount, region: "eu-west-1", key: teamKey }, { provider: data });

const logs = new LogBucket("access-logs", { accountId: dataAccount, region: "eu-west-1" }, { provider: data });
new BucketAccessLogging("raw", { source: raw, target: logs });
new BucketAccessLogging("reports", { source: reports, target: logs });

new BucketServiceGrant("trail", {
    bucket: audit, service: "cloudtrail.amazonaws.com", prefix: "AWSLogs/",
    sourceArn: `arn:aws:cloudtrail:eu-west-1:${dataAccount}:trail/org-trail`,
});
new BucketOrganizationRead("org-read", { bucket: raw, organizationId: "o-a1b2c3d4e5", prefix: "published/" });
new BucketReplication("audit-archive", {
    source: audit,
    destinations: [{ name: "archive", bucket: new ExternalDestination("archive", {
        bucketArn: "arn:aws:s3:::security-audit-archive", accountId: "444444444444", region: "eu-central-1",
        keyArn: "arn:aws:kms:eu-central-1:444444444444:key/0b9f7a36-6f2d-4b8e-9a51-3c1d2e4f5a6b",
    }) }],
});
new BucketGrant("partner-read", { bucket: reports, principal: partnerReader, principalAccountId: partnerAccount, access: "read", consumerProvider: partner });
new BucketReplication("reports", { source: reports, destinations: [{ name: "dr", bucket: reportsDr }] });

export const bucket = reports.bucketName;
