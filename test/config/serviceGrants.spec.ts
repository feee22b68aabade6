// serviceGrants and organizationReads: what they become, and each rejected input naming its field.
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { assertRejected, validConfig } from "./fixtures";

const TRAIL = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/org";

function withServiceGrants(serviceGrants: unknown[], extra: Record<string, unknown> = {}) {
    const c = validConfig();
    Object.assign(c.buckets[0], { serviceGrants, ...extra });
    return c;
}

describe("config: serviceGrants and organizationReads", () => {
    it("defaults access to write and sourceAccount to the bucket's account, and resolves account aliases", () => {
        const config = parseStackConfig(withServiceGrants([
            { service: "cloudtrail.amazonaws.com", sourceArn: TRAIL },
            { service: "delivery.logs.amazonaws.com", sourceAccount: "analytics", prefix: "AWSLogs/" },
            { service: "delivery.logs.amazonaws.com", sourceAccount: "999999999999", access: "read" },
        ], { organizationReads: [{ organizationId: "o-a1b2c3d4e5", prefix: "exports/" }] }));
        assert.deepStrictEqual(config.buckets[0].serviceGrants, [
            { service: "cloudtrail.amazonaws.com", access: "write", sourceAccount: "111111111111", sourceArn: TRAIL },
            { service: "delivery.logs.amazonaws.com", access: "write", prefix: "AWSLogs/", sourceAccount: "333333333333" },
            { service: "delivery.logs.amazonaws.com", access: "read", sourceAccount: "999999999999" },
        ]);
        assert.deepStrictEqual(config.buckets[0].organizationReads, [{ organizationId: "o-a1b2c3d4e5", prefix: "exports/" }]);
        assert.deepStrictEqual(config.buckets[1].serviceGrants, []);
        assert.deepStrictEqual(config.buckets[1].organizationReads, []);
    });

    it("rejects S3 server access logging, which never delivers to an SSE-KMS bucket", () => {
        assertRejected(withServiceGrants([{ service: "logging.s3.amazonaws.com" }]), "buckets[0].serviceGrants[0].service", /SSE-S3.*log bucket/);
    });
    it("rejects a service that is not a service principal", () => {
        assertRejected(withServiceGrants([{ service: "arn:aws:iam::111111111111:role/x" }]), "buckets[0].serviceGrants[0].service", /<service>\.amazonaws\.com/);
    });
    it("rejects a sourceAccount that is neither an alias nor an account id", () => {
        assertRejected(withServiceGrants([{ service: "cloudtrail.amazonaws.com", sourceAccount: "ghost" }]), "buckets[0].serviceGrants[0].sourceAccount", /neither an alias of accounts \(data, backup, analytics\) nor a 12-digit account id/);
    });
    it("rejects a sourceArn of another account than sourceAccount", () => {
        assertRejected(withServiceGrants([{ service: "cloudtrail.amazonaws.com", sourceAccount: "analytics", sourceArn: TRAIL }]), "buckets[0].serviceGrants[0].sourceArn", /names account 111111111111 but sourceAccount is 333333333333/);
    });
    it("rejects a sourceArn of another service than the grant's (the service sends its own resource's ARN)", () => {
        assertRejected(withServiceGrants([{ service: "cloudtrail.amazonaws.com", sourceArn: "arn:aws:config:eu-west-1:111111111111:config-rule/x" }]), "buckets[0].serviceGrants[0].sourceArn",
            /names a resource of config, but cloudtrail\.amazonaws\.com acts for resources of cloudtrail .* Fix: use the ARN of the cloudtrail resource the service acts for \(arn:aws:cloudtrail:<region>:<account>:…\), or omit sourceArn/);
        assertRejected(withServiceGrants([{ service: "delivery.logs.amazonaws.com", sourceArn: TRAIL }]), "buckets[0].serviceGrants[0].sourceArn", /names a resource of cloudtrail, but delivery\.logs\.amazonaws\.com acts for resources of logs/);
    });
    it("accepts a sourceArn of the grant's own service, and any sourceArn for a service the shared declaration doesn't list", () => {
        const config = parseStackConfig(withServiceGrants([
            { service: "delivery.logs.amazonaws.com", sourceArn: "arn:aws:logs:eu-west-1:111111111111:delivery-source:*" },
            { service: "example-unlisted.amazonaws.com", sourceArn: TRAIL, access: "read" },
        ]));
        assert.deepStrictEqual(config.buckets[0].serviceGrants.map((g) => g.sourceArn), ["arn:aws:logs:eu-west-1:111111111111:delivery-source:*", TRAIL]);
    });
    it("rejects a sourceArn that names every resource", () => {
        assertRejected(withServiceGrants([{ service: "cloudtrail.amazonaws.com", sourceArn: "arn:aws:cloudtrail:eu-west-1:111111111111:*" }]), "buckets[0].serviceGrants[0].sourceArn", /not every resource/);
    });
    it("rejects a writing service on a bucket whose header mode denies header-less uploads", () => {
        assertRejected(withServiceGrants([{ service: "cloudtrail.amazonaws.com" }], { guardrails: { encryptionHeader: "strict" } }), "buckets[0].serviceGrants[0].access", /encryptionHeader: compatible/);
    });
    it("rejects the same service grant twice", () => {
        assertRejected(withServiceGrants([{ service: "cloudtrail.amazonaws.com" }, { service: "cloudtrail.amazonaws.com", sourceAccount: "data" }]), "buckets[0].serviceGrants[1].service", /repeats serviceGrants\[0\]/);
    });
    it("rejects an organisation id that is not one, and access (organisation reads are read only)", () => {
        const c = validConfig();
        Object.assign(c.buckets[0], { organizationReads: [{ organizationId: "o-short" }, { organizationId: "o-a1b2c3d4e5", access: "write" }] });
        assertRejected(c, "buckets[0].organizationReads[0].organizationId", /not an AWS Organization id/);
        assertRejected(c, "buckets[0].organizationReads[1]", /unknown setting "access"/);
    });
});
