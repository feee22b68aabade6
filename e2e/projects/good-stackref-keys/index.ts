// The platform team's key stack: one customer managed key per data domain, kept apart from the buckets that use it
// so that no bucket stack's `destroy` can take the key with it (protected, and retained if its own stack ever deletes
// it: data outlives neither its key nor a pending deletion of it). Other stacks reach it through a StackReference
// (`good-stackref`). The key policy delegates use to IAM in the account (AWS KMS Developer Guide, "Default key
// policy": "Allows access to the AWS account and enables IAM policies"), so a bucket stack's roles get their
// permissions from their own IAM policies, and the key stack never needs their ARNs. The guardrails pack must let
// it through at preview, during `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const deployer = `arn:aws:iam::${account}:role/deployer`;
const provider = new aws.Provider("platform", { region, assumeRoles: [{ roleArn: deployer }] });

const key = new aws.kms.Key("reports", {
    description: "reports domain data",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
        ],
    }),
}, { provider, protect: true, retainOnDelete: true });
const alias = new aws.kms.Alias("reports", { name: "alias/platform/reports", targetKeyId: key.keyId }, { provider });

// Exported as secrets, as teams mark what other stacks should not print: a StackReference reads them as secret
// outputs, which reach the pack (and the provider) as their values.
export const keyArn = pulumi.secret(key.arn);
export const keyId = pulumi.secret(key.keyId);
export const aliasArn = alias.arn;
export const aliasName = alias.name;
