// Load balancer log delivery as the stand-in answers it: an Application or Classic Load Balancer's logs are accepted
// into an SSE-S3 bucket of its Region whose policy lets Elastic Load Balancing write, and refused otherwise with ELB's
// error (Elastic Load Balancing User Guide, "Enable access logs for your Application Load Balancer", "Enable access logs
// for your Classic Load Balancer"); a Network Load Balancer's only modelled rule is the Region ("Enable access logs for
// your Network Load Balancer").
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeAwsProvider } from "./provider";

const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ALB = "aws:alb/loadBalancer:LoadBalancer";
const CLB = "aws:elb/loadBalancer:LoadBalancer";
const ACCOUNT = "111111111111";
const LOG_ARCHIVE = "444444444444";
const SUBNETS = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"];

function providerFor(account: string, region: string): FakeAwsProvider {
    return new FakeAwsProvider(() => ({ region, assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${account}:role/deploy`, sessionName: "s" }]) }));
}

async function create(p: FakeAwsProvider, type: string, name: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    await p.check(urn(type, name), {}, inputs);
    return (await p.create(urn(type, name), inputs)).outs ?? {};
}

/** TLS deny, and s3:PutObject under web/AWSLogs/<the load balancer's account>/ for `principal`. */
function logPolicy(bucket: string, principal: Record<string, string>, prefix = "web", lbAccount = ACCOUNT): string {
    const arn = `arn:aws:s3:::${bucket}`;
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "AllowElbLogDelivery", Effect: "Allow", Principal: principal, Action: "s3:PutObject", Resource: `${arn}/${prefix}/AWSLogs/${lbAccount}/*` },
        ],
    });
}

const EU_WEST_1_ELB = { AWS: "arn:aws:iam::156460612806:root" };
const LOG_DELIVERY = { Service: "logdelivery.elasticloadbalancing.amazonaws.com" };

function alb(bucket: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { subnets: SUBNETS, securityGroups: ["sg-0123456789abcdef0"], accessLogs: { bucket, enabled: true, prefix: "web" }, ...extra };
}

/** A Classic Load Balancer whose access logs (on by the provider's default) go to `bucket` under `web/`. */
function clb(bucket: string, logs: Record<string, unknown> = {}): Record<string, unknown> {
    return { subnets: SUBNETS, listeners: [{ instancePort: 8080, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }], accessLogs: { bucket, bucketPrefix: "web", ...logs } };
}

describe("e2e stand-in aws provider: load balancer logs", function () {
    const saved = { ...process.env };
    let a: FakeAwsProvider;

    async function logBucket(name: string, policy: string | undefined, sse?: Record<string, unknown>, p: FakeAwsProvider = a): Promise<void> {
        await create(p, BUCKET, name, { bucket: name });
        if (sse !== undefined) await create(p, SSE, name, { bucket: name, rules: [{ applyServerSideEncryptionByDefault: sse }] });
        if (policy !== undefined) await create(p, POLICY, name, { bucket: name, policy });
    }

    beforeEach(function () {
        process.env["STANDIN_AWS_WORLD_DIR"] = fs.mkdtempSync(path.join(os.tmpdir(), "standin-world-"));
        delete process.env["STANDIN_AWS_RULES"];
        a = providerFor(ACCOUNT, "eu-west-1");
    });
    afterEach(function () {
        fs.rmSync(String(process.env["STANDIN_AWS_WORLD_DIR"]), { recursive: true, force: true });
        process.env = { ...saved };
    });

    it("answers with what ELB computes: ARN (the id), DNS name, canonical hosted zone, name", async function () {
        const outs = await create(a, LB, "web", { name: "web", subnets: SUBNETS });
        assert.match(String(outs["arn"]), /^arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer\/app\/web\/[0-9a-f]{16}$/);
        assert.equal(outs["arnSuffix"], String(outs["arn"]).split(":loadbalancer/")[1]);
        assert.match(String(outs["dnsName"]), /^web-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
        assert.equal(outs["zoneId"], "Z32O12XQLNTSW2");
        assert.equal(outs["loadBalancerType"], "application");
        const nlb = await create(a, LB, "tcp", { loadBalancerType: "network", subnets: SUBNETS });
        assert.match(String(nlb["arn"]), /:loadbalancer\/net\/tcp-[0-9a-f]{8}\/[0-9a-f]{16}$/);
        assert.match(String(nlb["dnsName"]), /^tcp-[0-9a-f]{8}-[0-9a-f]{16}\.elb\.eu-west-1\.amazonaws\.com$/);
    });

    for (const [who, principal] of [["the Region's Elastic Load Balancing account", EU_WEST_1_ELB], ["the log delivery service principal", LOG_DELIVERY]] as const) {
        it(`accepts an ALB's access and connection logs into an SSE-S3 bucket of its Region whose policy grants ${who}`, async function () {
            await logBucket("acme-alb-logs", logPolicy("acme-alb-logs", principal), { sseAlgorithm: "AES256" });
            await create(a, LB, "web", alb("acme-alb-logs"));
            await create(a, ALB, "conn", alb("acme-alb-logs", { accessLogs: undefined, connectionLogs: { bucket: "acme-alb-logs", enabled: true, prefix: "web" } }));
        });
    }

    // "The bucket and the load balancer can be owned by different accounts" (Elastic Load Balancing User Guide, "Enable
    // access logs for your Application Load Balancer"): a central log-archive account's bucket, of the same Region.
    for (const [who, principal] of [["the Region's Elastic Load Balancing account", EU_WEST_1_ELB], ["the log delivery service principal", LOG_DELIVERY]] as const) {
        it(`accepts an ALB's access and connection logs into an SSE-S3 bucket of another account, same Region, whose policy grants ${who}`, async function () {
            const archive = providerFor(LOG_ARCHIVE, "eu-west-1");
            await logBucket("acme-central-alb-logs", logPolicy("acme-central-alb-logs", principal), { sseAlgorithm: "AES256" }, archive);
            await create(a, LB, "web", alb("acme-central-alb-logs"));
            await create(a, ALB, "conn", alb("acme-central-alb-logs", { accessLogs: undefined, connectionLogs: { bucket: "acme-central-alb-logs", enabled: true, prefix: "web" } }));
        });
    }

    it("refuses an ALB's logs into a bucket of another account whose policy grants only the bucket's own account path, or that is of another Region", async function () {
        const archive = providerFor(LOG_ARCHIVE, "eu-west-1");
        // The test object is under AWSLogs/<the load balancer's account>/, not the bucket owner's.
        await logBucket("acme-archive-own-path", logPolicy("acme-archive-own-path", LOG_DELIVERY, "web", LOG_ARCHIVE), { sseAlgorithm: "AES256" }, archive);
        await assert.rejects(create(a, LB, "own-path", alb("acme-archive-own-path")), /Access Denied for bucket: acme-archive-own-path\..*put web\/AWSLogs\/111111111111\/ELBAccessLogTestFile/s);
        await logBucket("acme-archive-far", logPolicy("acme-archive-far", LOG_DELIVERY), { sseAlgorithm: "AES256" }, providerFor(LOG_ARCHIVE, "eu-central-1"));
        await assert.rejects(create(a, LB, "far", alb("acme-archive-far")), /the log bucket acme-archive-far is in eu-central-1, the load balancer in eu-west-1/);
    });

    it("refuses an ALB's logs into a bucket whose default encryption is SSE-KMS (or DSSE-KMS), whatever its policy", async function () {
        for (const sseAlgorithm of ["aws:kms", "aws:kms:dsse"]) {
            const name = `acme-kms-logs-${sseAlgorithm.replace(/:/g, "-")}`;
            await logBucket(name, logPolicy(name, EU_WEST_1_ELB), { sseAlgorithm, kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000001" });
            await assert.rejects(create(a, LB, `web-${sseAlgorithm}`, alb(name)),
                new RegExp(`modifying ELBv2 Load Balancer \\(arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/[^)]+\\) attributes: operation error Elastic Load Balancing v2: ModifyLoadBalancerAttributes, StatusCode: 400, api error InvalidConfigurationRequest: Access Denied for bucket: ${name}\\. Please check S3bucket permission\\n\\(stand-in aws provider: the log bucket ${name} encrypts by default with ${sseAlgorithm}; an Application Load Balancer delivers logs only to a bucket under SSE-S3`));
        }
    });

    it("refuses an ALB's logs into a bucket without a policy, with a grant of another Region's ELB account, to the NLB principal, or under another prefix", async function () {
        await logBucket("acme-no-policy", undefined);
        await assert.rejects(create(a, LB, "none", alb("acme-no-policy")), /api error InvalidConfigurationRequest: Access Denied for bucket: acme-no-policy\. Please check S3bucket permission\n\(stand-in aws provider: the policy of log bucket acme-no-policy does not let the Elastic Load Balancing account of eu-west-1 \(156460612806\) or logdelivery\.elasticloadbalancing\.amazonaws\.com put web\/AWSLogs\/111111111111\/ELBAccessLogTestFile/);
        await logBucket("acme-us-east-1-elb", logPolicy("acme-us-east-1-elb", { AWS: "arn:aws:iam::127311923021:root" }));
        await assert.rejects(create(a, LB, "us", alb("acme-us-east-1-elb")), /Access Denied for bucket: acme-us-east-1-elb\./);
        await logBucket("acme-nlb-principal", logPolicy("acme-nlb-principal", { Service: "delivery.logs.amazonaws.com" }));
        await assert.rejects(create(a, LB, "nlbp", alb("acme-nlb-principal")), /Access Denied for bucket: acme-nlb-principal\./);
        await logBucket("acme-other-prefix", logPolicy("acme-other-prefix", EU_WEST_1_ELB, "alb"));
        await assert.rejects(create(a, LB, "prefix", alb("acme-other-prefix")), /Access Denied for bucket: acme-other-prefix\./);
    });

    it("refuses logs into a bucket of another Region, for an ALB and an NLB", async function () {
        await logBucket("acme-far-logs", logPolicy("acme-far-logs", LOG_DELIVERY), undefined, providerFor(ACCOUNT, "eu-central-1"));
        await assert.rejects(create(a, LB, "far", alb("acme-far-logs")),
            /api error InvalidConfigurationRequest: Access Denied for bucket: acme-far-logs\. Please check S3bucket permission\n\(stand-in aws provider: the log bucket acme-far-logs is in eu-central-1, the load balancer in eu-west-1/);
        await assert.rejects(create(a, LB, "far-nlb", alb("acme-far-logs", { loadBalancerType: "network" })), /api error ValidationError: Access Denied for bucket: acme-far-logs\./);
    });

    it("lets through disabled logs, an NLB into an SSE-KMS bucket of its Region (its policies are not modelled), and buckets outside the world", async function () {
        await logBucket("acme-kms-logs", undefined, { sseAlgorithm: "aws:kms" });
        await create(a, LB, "off", alb("acme-kms-logs", { accessLogs: { bucket: "acme-kms-logs", enabled: false } }));
        await create(a, LB, "unset", alb("acme-kms-logs", { accessLogs: { bucket: "acme-kms-logs" } }));
        await create(a, LB, "nlb", alb("acme-kms-logs", { loadBalancerType: "network" }));
        await create(a, LB, "elsewhere", alb("someone-elses-logs"));
    });

    it("replaces a load balancer whose type, name or scheme changes, and updates its log settings in place", async function () {
        const olds = await create(a, LB, "web", { name: "web", subnets: SUBNETS });
        const diff = (news: Record<string, unknown>) => a.diff(String(olds["arn"]), urn(LB, "web"), olds, { name: "web", subnets: SUBNETS, ...news });
        assert.deepEqual((await diff({ loadBalancerType: "network" })).replaces, ["loadBalancerType"]);
        assert.deepEqual((await diff({ internal: true })).replaces, ["internal"]);
        const logs = await diff({ accessLogs: { bucket: "acme-alb-logs", enabled: true } });
        assert.equal(logs.changes, true);
        assert.deepEqual(logs.replaces, []);
    });

    describe("Classic Load Balancers", function () {
        it("answers with what ELB computes: the name as id, ARN, DNS name, canonical hosted zone", async function () {
            const outs = await create(a, CLB, "web", { name: "web", ...clb("acme-clb-logs", { enabled: false }) });
            assert.equal(outs["id"], "web");
            assert.equal(outs["arn"], "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/web");
            assert.match(String(outs["dnsName"]), /^web-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
            assert.equal(outs["zoneId"], "Z32O12XQLNTSW2");
            assert.deepEqual(outs["accessLogs"], { bucket: "acme-clb-logs", bucketPrefix: "web", enabled: false });
        });

        // "Enable access logs for your Classic Load Balancer": the same bucket requirements and grantees as an ALB's.
        for (const [who, principal] of [["the Region's Elastic Load Balancing account", EU_WEST_1_ELB], ["the log delivery service principal", LOG_DELIVERY]] as const) {
            it(`accepts access logs (enabled by default) into an SSE-S3 bucket of its Region, of its account or another, whose policy grants ${who}`, async function () {
                await logBucket("acme-clb-logs", logPolicy("acme-clb-logs", principal), { sseAlgorithm: "AES256" });
                await create(a, CLB, "web", clb("acme-clb-logs"));
                await logBucket("acme-central-clb-logs", logPolicy("acme-central-clb-logs", principal), { sseAlgorithm: "AES256" }, providerFor(LOG_ARCHIVE, "eu-west-1"));
                await create(a, CLB, "central", clb("acme-central-clb-logs", { enabled: true, interval: 5 }));
            });
        }

        it("refuses access logs into an SSE-KMS bucket, with ELB Classic's error", async function () {
            await logBucket("acme-clb-kms", logPolicy("acme-clb-kms", LOG_DELIVERY), { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000001" });
            await assert.rejects(create(a, CLB, "web", clb("acme-clb-kms")),
                /^AwsApiError: modifying ELB Classic Load Balancer \(web-[0-9a-f]+\) attributes: operation error Elastic Load Balancing: ModifyLoadBalancerAttributes, StatusCode: 400, api error InvalidConfigurationRequest: Access Denied for bucket: acme-clb-kms\. Please check S3bucket permission\n\(stand-in aws provider: the log bucket acme-clb-kms encrypts by default with aws:kms; a Classic Load Balancer delivers logs only to a bucket under SSE-S3 \(AES256\); Elastic Load Balancing User Guide, "Enable access logs for your Classic Load Balancer"\)/);
        });

        it("refuses access logs into a bucket of another Region, without a policy, or granting another prefix or only the bucket owner's AWSLogs path", async function () {
            await logBucket("acme-clb-far", logPolicy("acme-clb-far", LOG_DELIVERY), { sseAlgorithm: "AES256" }, providerFor(ACCOUNT, "eu-central-1"));
            await assert.rejects(create(a, CLB, "far", clb("acme-clb-far")), /InvalidConfigurationRequest: Access Denied for bucket: acme-clb-far\..*the log bucket acme-clb-far is in eu-central-1, the load balancer in eu-west-1/s);
            await logBucket("acme-clb-none", undefined);
            await assert.rejects(create(a, CLB, "none", clb("acme-clb-none")), /InvalidConfigurationRequest: Access Denied for bucket: acme-clb-none\..*put web\/AWSLogs\/111111111111\/ELBAccessLogTestFile/s);
            await logBucket("acme-clb-prefix", logPolicy("acme-clb-prefix", LOG_DELIVERY, "alb"));
            await assert.rejects(create(a, CLB, "prefix", clb("acme-clb-prefix")), /Access Denied for bucket: acme-clb-prefix\./);
            await logBucket("acme-clb-own-path", logPolicy("acme-clb-own-path", LOG_DELIVERY, "web", LOG_ARCHIVE), { sseAlgorithm: "AES256" }, providerFor(LOG_ARCHIVE, "eu-west-1"));
            await assert.rejects(create(a, CLB, "own-path", clb("acme-clb-own-path")), /Access Denied for bucket: acme-clb-own-path\./);
        });

        it("lets through disabled access logs and buckets outside the world, and replaces on a new name or scheme", async function () {
            await logBucket("acme-clb-off", undefined, { sseAlgorithm: "aws:kms" });
            const olds = await create(a, CLB, "off", { name: "off", ...clb("acme-clb-off", { enabled: false }) });
            await create(a, CLB, "elsewhere", clb("someone-elses-logs"));
            const diff = (news: Record<string, unknown>) => a.diff(String(olds["id"]), urn(CLB, "off"), olds, { name: "off", ...clb("acme-clb-off", { enabled: false }), ...news });
            assert.deepEqual((await diff({ name: "on" })).replaces, ["name"]);
            assert.deepEqual((await diff({ internal: true })).replaces, ["internal"]);
            assert.deepEqual((await diff({ accessLogs: { bucket: "acme-clb-off", bucketPrefix: "web", enabled: true } })).replaces, []);
        });
    });

    it("refuses nothing with STANDIN_AWS_RULES=off", async function () {
        process.env["STANDIN_AWS_RULES"] = "off";
        const off = providerFor(ACCOUNT, "eu-west-1");
        await logBucket("acme-off", undefined, undefined, off);
        await create(off, LB, "web", alb("acme-off"));
    });
});
