// A team's own program built from the components (not the repository's stack program): a bucket in the data
// account, read and written by a role the program declares next to it, read by a role it declares in a partner's
// account through that account's provider, and replicated to a second Region. The grants take the role resources
// themselves, so the key policy, the bucket policy and each role's IAM policy name ARNs that exist only once the
// roles do.
import * as aws from "@pulumi/aws";
import { BucketGrant, BucketReplication, EncryptedBucket } from "../../../components";

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
new BucketGrant("partner-read", { bucket: reports, principal: partnerReader, principalAccountId: partnerAccount, access: "read", consumerProvider: partner });
new BucketReplication("reports", { source: reports, destinations: [{ name: "dr", bucket: reportsDr }] });

export const bucket = reports.bucketName;
