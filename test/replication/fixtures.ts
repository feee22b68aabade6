import { ReplicationBucketEnd, ReplicationDestinationEnd } from "../../components/policy/replicationEndpoints";

// Plain values for the pure-builder specs: a source in account A / eu-west-1 and destinations in
// account B / eu-central-1 (cross-account) and account A / us-east-1 (same account).

export const SOURCE_ACCOUNT = "111111111111";
export const DESTINATION_ACCOUNT = "222222222222";

export const source: ReplicationBucketEnd = {
    bucketArn: "arn:aws:s3:::orders-src",
    keyArn: "arn:aws:kms:eu-west-1:111111111111:key/11111111-1111-4111-8111-111111111111",
    region: "eu-west-1",
    accountId: SOURCE_ACCOUNT,
    bucketKeyEnabled: true,
};

export const crossAccountDestination: ReplicationDestinationEnd = {
    bucketArn: "arn:aws:s3:::orders-dr",
    keyArn: "arn:aws:kms:eu-central-1:222222222222:key/22222222-2222-4222-8222-222222222222",
    region: "eu-central-1",
    accountId: DESTINATION_ACCOUNT,
    bucketKeyEnabled: false,
    sidToken: "OrdersDr",
    ownerOverride: true,
};

export const sameAccountDestination: ReplicationDestinationEnd = {
    bucketArn: "arn:aws:s3:::orders-us",
    keyArn: "arn:aws:kms:us-east-1:111111111111:key/33333333-3333-4333-8333-333333333333",
    region: "us-east-1",
    accountId: SOURCE_ACCOUNT,
    bucketKeyEnabled: true,
    sidToken: "OrdersUs",
    ownerOverride: false,
};

export const ROLE_ARN = "arn:aws:iam::111111111111:role/orders-replication";
