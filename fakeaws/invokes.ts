// Answers to the provider functions (invokes) the program may call, as the real provider shapes them.
import { Caller, callerOf } from "./caller";
import { callerIdentity, sessionContext } from "./callerInvokes";
import { AwsContext, regionOf } from "./context";
import { describeExistingAlias, describeExistingKey } from "./kmsGetKey";
import { describeBucket, describeRole } from "./lookupInvokes";
import { describeOrganization } from "./organizationInvokes";
import { policyDocument } from "./policyDocument";

/** The functions answered as AWS would; any other echoes its arguments, which the e2e stand-in refuses unless told to accept it. */
export const MODELLED_INVOKES: readonly string[] = [
    "aws:index/getCallerIdentity:getCallerIdentity",
    "aws:iam/getSessionContext:getSessionContext",
    "aws:index/getRegion:getRegion",
    "aws:index/getPartition:getPartition",
    "aws:iam/getPolicyDocument:getPolicyDocument",
    "aws:kms/getKey:getKey",
    "aws:kms/getAlias:getAlias",
    "aws:organizations/getOrganization:getOrganization",
    "aws:s3/getBucket:getBucket",
    "aws:iam/getRole:getRole",
];

/** What the one answering knows beyond fake AWS's rules: the e2e stand-in's world knows where a bucket it created lives. */
export interface KnownResources {
    bucketRegion(bucket: string): string | undefined;
}

const NOTHING_KNOWN: KnownResources = { bucketRegion: () => undefined };

/** Answers `token` for `caller`, calling through a provider in `ctx`; unknown tokens echo their arguments (Pulumi mocks' default). */
export function fakeInvoke(
    token: string,
    args: Record<string, unknown>,
    ctx: AwsContext,
    caller: Caller = callerOf({}, ctx),
    known: KnownResources = NOTHING_KNOWN,
): Record<string, unknown> {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return callerIdentity(caller);
        case "aws:iam/getSessionContext:getSessionContext":
            return sessionContext(args, caller);
        case "aws:index/getRegion:getRegion": {
            const region = typeof args["name"] === "string" ? args["name"] : regionOf(args, ctx);
            return { name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
        }
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", id: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return policyDocument(args);
        case "aws:kms/getKey:getKey":
            return describeExistingKey(args, ctx);
        case "aws:kms/getAlias:getAlias":
            return describeExistingAlias(args, ctx);
        case "aws:organizations/getOrganization:getOrganization":
            return describeOrganization(args, ctx);
        case "aws:s3/getBucket:getBucket":
            return describeBucket(args, ctx, known.bucketRegion(String(args["bucket"] ?? "")));
        case "aws:iam/getRole:getRole":
            return describeRole(args, ctx);
        default:
            return { ...args };
    }
}
