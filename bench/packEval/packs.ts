// The pack variants benchmark 1 compares, by the name the worker receives.
import { Policies } from "@pulumi/policy";
import { loadAwsguardPolicies } from "./awsguardPack";
import { noopPolicies, noopPoliciesShapedLike, parseOnlyPolicies, parsingPoliciesShapedLike } from "./noopPack";
import { indexingPoliciesShapedLike } from "./indexShapedPack";
import { loadOurPolicies } from "./ourPack";

export const PACK_VARIANTS = ["noop", "noopShaped", "parseShaped", "indexShaped", "parseOnly", "ours", "awsguard"] as const;
export type PackVariant = (typeof PACK_VARIANTS)[number];

export const PACK_LABELS: Record<PackVariant, string> = {
    noop: "no-op pack (floor)",
    noopShaped: "no-op pack shaped like ours",
    parseShaped: "no-op pack shaped like ours that parses every policy document",
    indexShaped: "no-op pack shaped like ours that builds our stack index",
    parseOnly: "reference: floor + JSON.parse of every policy document",
    ours: "our pack",
    awsguard: "awsguard S3+KMS rules",
};

export function loadPack(variant: PackVariant): Policies {
    switch (variant) {
        case "noop":
            return noopPolicies;
        case "noopShaped":
            return noopPoliciesShapedLike(loadOurPolicies());
        case "parseShaped":
            return parsingPoliciesShapedLike(loadOurPolicies());
        case "indexShaped":
            return indexingPoliciesShapedLike(loadOurPolicies());
        case "parseOnly":
            return parseOnlyPolicies;
        case "ours":
            return loadOurPolicies();
        case "awsguard":
            return loadAwsguardPolicies();
    }
}
