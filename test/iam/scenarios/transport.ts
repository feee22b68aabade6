// How a request reaches the bucket: plain HTTP, an outdated TLS version, Signature Version 2.
// Each is refused by its own bucket-policy statement, whatever the caller's permissions.
import { defineScenario, deniedBy, type Scenario } from "../support/scenario";
import { PLAIN_HTTP, SIGV2, TLS_1_0 } from "../support/requestContext";
import type { World } from "../world/types";
import { s3BucketRequest, s3ObjectRequest } from "./requests";
import { grantsWhere, type GrantFixture } from "./select";

const CATEGORY = "Transport and signing" as const;
const readers = grantsWhere((g) => g.access !== "write" && g.bucket.guardrails.requireTls);
const writers = grantsWhere((g) => g.access !== "read" && g.bucket.guardrails.requireTls);

export const transportScenarios: ReadonlyArray<Scenario<World>> = [
    defineScenario({
        id: "download-over-http",
        category: CATEGORY,
        title: "A reader downloads over plain HTTP",
        select: readers,
        legs: [
            {
                step: "s3:GetObject",
                expect: deniedBy("DenyInsecureTransport"),
                request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:GetObject", { transport: PLAIN_HTTP, prefix: f.grant.prefix }),
            },
        ],
    }),
    defineScenario({
        id: "upload-over-http",
        category: CATEGORY,
        title: "A writer uploads over plain HTTP with correct encryption headers",
        select: writers,
        legs: [
            {
                step: "s3:PutObject",
                expect: deniedBy("DenyInsecureTransport"),
                request: (f: GrantFixture) =>
                    s3ObjectRequest(f.caller, f.grant.bucket, "s3:PutObject", {
                        transport: PLAIN_HTTP,
                        headers: { serverSideEncryption: "aws:kms", kmsKeyId: f.grant.bucket.key.arn },
                        prefix: f.grant.prefix,
                    }),
            },
        ],
    }),
    defineScenario({
        id: "list-over-http",
        category: CATEGORY,
        title: "A reader lists the bucket over plain HTTP",
        select: readers,
        legs: [
            {
                step: "s3:ListBucket",
                expect: deniedBy("DenyInsecureTransport"),
                request: (f: GrantFixture) => s3BucketRequest(f.caller, f.grant.bucket, "s3:ListBucket", PLAIN_HTTP, f.grant.prefix),
            },
        ],
    }),
    defineScenario({
        id: "download-tls-1-0",
        category: CATEGORY,
        title: "A reader downloads over TLS 1.0",
        // The TLS floor is always on; 1.0 is below both choices (1.2, 1.3).
        select: grantsWhere((g) => g.access !== "write"),
        legs: [
            {
                step: "s3:GetObject",
                expect: deniedBy("DenyOutdatedTlsVersion"),
                request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:GetObject", { transport: TLS_1_0, prefix: f.grant.prefix }),
            },
        ],
    }),
    defineScenario({
        id: "download-sigv2",
        category: CATEGORY,
        title: "A reader downloads with a Signature Version 2 request",
        select: grantsWhere((g) => g.access !== "write" && g.bucket.guardrails.denySigV2),
        legs: [
            {
                step: "s3:GetObject",
                expect: deniedBy("DenySignatureVersion2"),
                request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:GetObject", { transport: SIGV2, prefix: f.grant.prefix }),
            },
        ],
    }),
];
