// What `pulumi up --policy-pack policypack` of ./index.ts must stop, per `policyStyle` config value, as
// `policy -> resource name`: each is reported by a resource policy on the BucketPolicy before it is created
// (its document is unknown at preview), and that BucketPolicy never reaches the state.

export const EXPECTED_BEFORE_CREATION: Readonly<Record<string, { policy: string; violations: readonly string[] }>> = {
    jsonStringify: {
        policy: "site-public-read",
        violations: [
            "s3-bucket-policy-deny-insecure-transport -> site-public-read",
            "s3-bucket-policy-no-public-allow -> site-public-read",
        ],
    },
    getPolicyDocument: {
        policy: "site-readers",
        violations: ["s3-bucket-policy-deny-insecure-transport -> site-readers"],
    },
};
