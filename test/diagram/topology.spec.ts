// The topology read from stacks this program did not write (hand-built exports in the shapes users
// write): which statements count as grants, keys outside the stack, and the default SSE-S3 case.
import * as assert from "assert";
import { renderMermaid, topologyOfExport } from "../../tools/diagram";
import { secureBucket } from "../policypack/support/scenarios";
import { StackBuilder, T } from "../policypack/support/stackBuilder";

const PARTNER = "arn:aws:iam::999999999999:role/partner";
const BUCKET_LOGGING = "aws:s3/bucketLogging:BucketLogging";

function grantsOf(statements: (arn: (suffix?: string) => unknown) => unknown[]) {
    const b = new StackBuilder();
    secureBucket(b, "data", { bucketStatements: statements });
    return topologyOfExport(b.build()).grants.map((g) => ({ principal: g.principal, access: g.access, prefix: g.prefix, crossAccount: g.crossAccount }));
}

describe("diagram: topology of any stack export", () => {
    it("a bucket-policy Allow on object reads or writes is a grant, with its prefix and account", () => {
        assert.deepStrictEqual(grantsOf((arn) => [
            { Sid: "PartnerRead", Effect: "Allow", Principal: { AWS: PARTNER }, Action: ["s3:GetObject"], Resource: arn("/exports/*") },
            { Sid: "PartnerWrite", Effect: "Allow", Principal: { AWS: PARTNER }, Action: "s3:Put*", Resource: arn("/exports/*") },
        ]), [{ principal: PARTNER, access: "read/write", prefix: "exports/", crossAccount: true }]);
    });

    it("Deny statements, bucket-level actions and public principals are not grants", () => {
        assert.deepStrictEqual(grantsOf((arn) => [
            { Sid: "DenyPartner", Effect: "Deny", Principal: { AWS: PARTNER }, Action: "s3:GetObject", Resource: arn("/*") },
            { Sid: "ListOnly", Effect: "Allow", Principal: { AWS: PARTNER }, Action: "s3:ListBucket", Resource: arn() },
            { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: arn("/*") },
        ]), []);
    });

    it("an identity policy the stack attaches to a role of its account is a same-account grant", () => {
        const b = new StackBuilder();
        b.add(T.bucket, "data", { bucket: "data-bucket" });
        b.add(T.rolePolicy, "reader", {
            role: "reader",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject*", Resource: "arn:aws:s3:::data-bucket/*" }] }),
        });
        const topology = topologyOfExport(b.build());
        assert.deepStrictEqual(topology.grants.map((g) => [g.principal, g.bucket, g.access, g.crossAccount]),
            [["arn:aws:iam::111111111111:role/reader", "data-bucket", "read", false]]);
    });

    it("an Allow to a service principal is a service grant with its aws:SourceAccount pin; a Deny or a bucket-level action is not", () => {
        const b = new StackBuilder();
        secureBucket(b, "data", { bucketStatements: (arn) => [
            { Sid: "Trail", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: arn("/AWSLogs/*"),
                Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } } },
            { Sid: "TrailAcl", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: arn() },
            { Sid: "NoConfig", Effect: "Deny", Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetObject", Resource: arn("/*") },
        ] });
        const topology = topologyOfExport(b.build());
        assert.deepStrictEqual(topology.serviceGrants.map((g) => [g.service, g.access, g.prefix, g.sourceAccounts]), [["cloudtrail.amazonaws.com", "write", "AWSLogs/", ["111111111111"]]]);
        assert.deepStrictEqual(topology.grants, []);
    });

    it("Principal * pinned by aws:PrincipalOrgID is an organisation read; Principal * without it is nothing", () => {
        const b = new StackBuilder();
        secureBucket(b, "data", { bucketStatements: (arn) => [
            { Sid: "Org", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: arn("/exports/*"),
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" }, StringNotEquals: { "aws:PrincipalAccount": "111111111111" } } },
            { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: arn("/public/*") },
        ] });
        const topology = topologyOfExport(b.build());
        assert.deepStrictEqual(topology.organizationReads.map((g) => [g.organizationId, g.access, g.prefix]), [["o-a1b2c3d4e5", "read", "exports/"]]);
        assert.deepStrictEqual(topology.serviceGrants, []);
    });

    it("a logging configuration is an arrow to its target with the prefix, and log delivery into that target is not also a service grant", () => {
        const b = new StackBuilder();
        b.add(T.bucket, "data", { bucket: "data-bucket" });
        secureBucket(b, "logs", { bucketStatements: (arn) => [
            { Sid: "Delivery", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: arn("/raw/*") },
        ] });
        const logsName = topologyOfExport(b.build()).buckets.map((x) => x.name).find((n) => n !== "data-bucket")!;
        assert.deepStrictEqual(topologyOfExport(b.build()).serviceGrants.map((g) => g.service), ["logging.s3.amazonaws.com"], "without a logging configuration it is a grant like any other");
        b.add(BUCKET_LOGGING, "data-logging", { bucket: "data-bucket", targetBucket: logsName, targetPrefix: "raw/" });
        const topology = topologyOfExport(b.build());
        assert.deepStrictEqual(topology.accessLogs, [{ from: "data-bucket", to: logsName, prefix: "raw/" }]);
        assert.deepStrictEqual(topology.serviceGrants, []);
    });

    it("a replica or log bucket the stack does not declare is an external bucket, in the account its rule names", () => {
        const b = new StackBuilder();
        b.add(T.bucket, "data", { bucket: "data-bucket" });
        b.add(T.replication, "data-replication", { bucket: "data-bucket", role: "arn:aws:iam::111111111111:role/replication", rules: [
            { id: "partner", status: "Enabled", destination: { bucket: "arn:aws:s3:::partner-archive", account: "444444444444" } },
            { id: "unnamed-account", status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } },
        ] });
        b.add(BUCKET_LOGGING, "data-logging", { bucket: "data-bucket", targetBucket: "central-logs", targetPrefix: "data/" });
        const topology = topologyOfExport(b.build());
        assert.deepStrictEqual(topology.externalBuckets, [
            { name: "central-logs", account: undefined },
            { name: "elsewhere", account: undefined },
            { name: "partner-archive", account: "444444444444" },
        ]);
        const mermaid = renderMermaid(topology);
        assert.match(mermaid, /subgraph account_444444444444\["account 444444444444 \(outside this stack\)"\]\n\s+bucket_partner_archive\[\("partner-archive \(not in this stack\)"\)\]/);
        assert.match(mermaid, /^ {4}bucket_central_logs\[\("central-logs \(not in this stack\)"\)\]$/m);
    });

    it("a key named only by ARN is placed by its ARN and marked as outside the stack; SSE-S3 has no key", () => {
        const b = new StackBuilder();
        const foreignKey = "arn:aws:kms:eu-central-1:222222222222:key/11111111-2222-3333-4444-555555555555";
        b.add(T.bucket, "kms", { bucket: "kms-bucket" });
        b.add(T.sse, "kms-sse", { bucket: "kms-bucket", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: foreignKey } }] });
        b.add(T.bucket, "s3", { bucket: "s3-bucket" });
        b.add(T.sse, "s3-sse", { bucket: "s3-bucket", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
        const topology = topologyOfExport(b.build());
        assert.deepStrictEqual(topology.keys.map((k) => [k.ref, k.external, k.account, k.region]), [[foreignKey, true, "222222222222", "eu-central-1"]]);
        assert.deepStrictEqual(topology.buckets.map((x) => [x.name, x.keys, x.encryption, x.account, x.region]), [
            ["kms-bucket", [foreignKey], "aws:kms", "111111111111", "eu-west-1"],
            ["s3-bucket", [], "AES256", "111111111111", "eu-west-1"],
        ]);
    });
});
