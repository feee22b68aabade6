// Someone else's program: plain JavaScript, its own node_modules (only @pulumi/pulumi and
// @pulumi/aws, no ts-node), a bucket the stand-in models and a queue it does not.
"use strict";
const aws = require("@pulumi/aws");

const provider = new aws.Provider("foreign", {
    region: "eu-west-1",
    assumeRoles: [{ roleArn: "arn:aws:iam::121212121212:role/deployer" }],
});
new aws.s3.Bucket("data", { bucket: "foreign-program-data", region: "eu-west-1" }, { provider });
new aws.sqs.Queue("jobs", { name: "foreign-jobs", region: "eu-west-1" }, { provider });
