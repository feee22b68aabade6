// Shared fixture values for the component tests.
export const DATA_ACCOUNT = "111122223333";
export const CONSUMER_ACCOUNT = "444455556666";
export const REGION = "eu-west-1";
export const OTHER_REGION = "us-east-1";
export const BUCKET = "example-data-bucket";
export const KEY_ARN = `arn:aws:kms:${REGION}:${DATA_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const SAME_ACCOUNT_ROLE = `arn:aws:iam::${DATA_ACCOUNT}:role/app`;
export const SAME_ACCOUNT_USER = `arn:aws:iam::${DATA_ACCOUNT}:user/people/Jane`;
export const CONSUMER_ROLE = `arn:aws:iam::${CONSUMER_ACCOUNT}:role/service-role/analytics`;
export const CONSUMER_USER = `arn:aws:iam::${CONSUMER_ACCOUNT}:user/Jane`;
export const ADMIN_ROLE = `arn:aws:iam::${DATA_ACCOUNT}:role/key-admin`;
export const DEPLOY_ROLE = `arn:aws:iam::${DATA_ACCOUNT}:role/deploy`;
