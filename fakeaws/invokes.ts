// Answers to the provider functions (invokes) the program may call, as the real provider shapes them.
import { AwsContext, regionOf } from "./context";
import { describeExistingKey } from "./kmsGetKey";
import { policyDocument } from "./policyDocument";

type Args = Record<string, unknown>;

/** Answers `token` for a caller in `ctx`; unknown tokens echo their arguments (Pulumi mocks' default). */
export function fakeInvoke(token: string, args: Record<string, unknown>, ctx: AwsContext): Record<string, unknown> {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: ctx.accountId,
                arn: `arn:aws:sts::${ctx.accountId}:assumed-role/fakeaws/fakeaws`,
                userId: "AROAFAKEAWSFAKEAWS000:fakeaws",
                id: ctx.accountId,
            };
        case "aws:index/getRegion:getRegion": {
            const region = typeof args["name"] === "string" ? args["name"] : regionOf(args, ctx);
            return { name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
        }
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", id: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return policyDocument(args);
        case "aws:kms/getKey:getKey": return describeExistingKey(args, ctx);
        default:
            return { ...args };
    }
}
