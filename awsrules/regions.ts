// Which region names exist, from the partitions data AWS ships with its own SDK for JavaScript
// (`@aws-sdk/util-endpoints`, refreshed with every SDK release), instead of a list kept by hand.
// AWS General Reference, "AWS Regions": a resource lives in one Region of one partition; our ARNs
// and providers are for the commercial partition `aws` only.
import { partition } from "@aws-sdk/util-endpoints";
import { AwsRuleViolation, violation } from "./violation";

export const REGIONS_SOURCE = "AWS General Reference, \"AWS Regions\" (partitions data of the AWS SDK for JavaScript)";

/**
 * True for a Region of the `aws` partition that the SDK's partition data lists. A name that only
 * matches the partition's pattern (`eu-west-9`, `ap-southeast-10`) is not a Region; the global
 * pseudo-regions (`aws-global`) name endpoints, not places where resources live.
 */
export function isAwsRegion(region: string): boolean {
    if (region.endsWith("-global")) {
        return false;
    }
    const info = partition(region) as { name?: string; description?: string };
    return info.name === "aws" && info.description !== undefined;
}

/** The region rule, as the provider reports it before any API call (no endpoint exists for it). */
export function regionViolation(region: string): AwsRuleViolation | undefined {
    if (isAwsRegion(region)) {
        return undefined;
    }
    const partitionName = (partition(region) as { name?: string }).name;
    const rule =
        partitionName !== undefined && partitionName !== "aws" && !region.endsWith("-global")
            ? `is a Region of the ${partitionName} partition; only the aws partition is supported`
            : "is not an AWS Region of the aws partition";
    return violation("InvalidRegion", `invalid AWS Region: ${region}`, rule, REGIONS_SOURCE);
}
