// Application and Classic Load Balancer log buckets: the pack recognises one from the load balancer of the stack that
// delivers its access or connection logs there (aws.lb.LoadBalancer, aws.alb.LoadBalancer, aws-native's attributes,
// aws.elb.LoadBalancer), never from a tag. SSE-S3 is compliant for such a bucket only: ELB delivers ALB and Classic logs
// only to an SSE-S3 bucket (Elastic Load Balancing User Guide, "Enable access logs for your Application Load Balancer",
// "Enable access logs for your Classic Load Balancer"). Network and Gateway Load Balancers,
// disabled logs, and a load balancer of another Region than the bucket get nothing. The bucket's account is no
// matter: "The bucket and the load balancer can be owned by different accounts" (the same guide, bucket requirements).
import * as assert from "assert";
import { albLogged, AlbLogOptions, LOG_ARCHIVE_ACCOUNT } from "../../policypack/fixtures/albLogs";
import { FixtureProvider, FixtureResource } from "../../policypack/fixtures/format";
import * as T from "../../policypack/model/awsTypes";
import { withInputs, without } from "../../policypack/fixtures/stacks";
import { evaluatePolicies, ExportResource, packPolicies } from "../../policypack/harness";
import { assertNone, describeAll, mandatory, run } from "./support/run";
import { fixtureStack } from "./support/fixtureStack";

const SSE_KMS = "s3-bucket-sse-kms";
const REQUIRE_SSE_KMS = "s3-bucket-policy-require-sse-kms";

function stack(opts: AlbLogOptions = {}, providers: FixtureProvider[] = []): ExportResource[] {
    return fixtureStack({ title: "alb logs", providers, resources: albLogged(opts) });
}

function lb(resources: ExportResource[]): ExportResource {
    const found = resources.find((r) => r.urn.endsWith("::web"));
    assert.ok(found?.inputs && found.outputs, "fixture: the load balancer `web`");
    return found;
}

/** The mandatory violations of the SSE policies that demand KMS, as `policy name`. */
async function kmsDemands(resources: ExportResource[], preview = false): Promise<string[]> {
    const vs = mandatory(await run(resources, { preview }));
    return vs.filter((v) => v.policyName === SSE_KMS || v.policyName === REQUIRE_SSE_KMS).map((v) => `${v.policyName} ${v.urn.split("::").pop()}`);
}

describe("ALB log buckets", () => {
    const shapes: [string, AlbLogOptions][] = [
        ["aws.lb.LoadBalancer access logs", {}],
        ["aws.lb.LoadBalancer connection logs", { log: "connection" }],
        ["aws.alb.LoadBalancer access logs", { shape: "alb" }],
        ["aws.lb.LoadBalancer with loadBalancerType \"application\"", { loadBalancerType: "application" }],
        ["an ELB account principal (Regions before August 2022)", { legacyPrincipal: true }],
        ["aws-native access logs", { shape: "native" }],
        ["aws-native connection logs", { shape: "native", log: "connection" }],
        ["aws.elb.LoadBalancer (Classic) access logs", { shape: "classic" }],
        ["aws.elb.LoadBalancer (Classic) access logs without enabled (its provider's default is true)", { shape: "classic", enabled: null }],
        ["Classic access logs under the older token aws:elasticloadbalancing/loadBalancer:LoadBalancer", { shape: "classic-alias" }],
        ["Classic access logs granted to ELB's Regional account", { shape: "classic", legacyPrincipal: true }],
    ];
    for (const [title, opts] of shapes) {
        for (const preview of [false, true]) {
            it(`an SSE-S3 bucket receiving ${title} passes every mandatory policy (${preview ? "fresh preview" : "after deployment"})`, async () => {
                assertNone(mandatory(await run(stack(opts), { preview })));
            });
        }
    }

    for (const [lbTitle, shape] of [["ALB", "lb"], ["Classic", "classic"]] as const) {
        for (const legacyPrincipal of [false, true]) {
            it(`during \`pulumi up\` the resource part leaves a ${lbTitle} log bucket's policy (${legacyPrincipal ? "ELB account" : "ELB service principal"}) to the stack part: the load balancer comes after it`, async () => {
                // A literal bucket name, as the provider's Check fills in the auto-name: the resource part joins the policy to its bucket.
                const resources = fixtureStack({ title: "named", resources: withInputs(albLogged({ legacyPrincipal, shape }), "logs", { bucket: "acme-alb-logs" }) });
                const vs = mandatory(await evaluatePolicies(packPolicies, resources, { enforcementLevel: "mandatory", runMode: "update" }));
                assertNone(vs);
            });
        }
    }

    const holes: [string, AlbLogOptions, FixtureProvider[]][] = [
        ["a Network Load Balancer's access logs (NLB delivers to SSE-KMS buckets)", { loadBalancerType: "network" }, []],
        ["a Gateway Load Balancer", { loadBalancerType: "gateway" }, []],
        ["an aws-native Network Load Balancer", { shape: "native", loadBalancerType: "network" }, []],
        ["access logs with enabled: false", { enabled: false }, []],
        ["access logs without enabled (the provider's default is false)", { enabled: null }, []],
        ["aws-native access logs without access_logs.s3.enabled", { shape: "native", enabled: null }, []],
        ["a load balancer in another Region", { provider: "frankfurt" }, [{ name: "frankfurt", region: "eu-central-1", account: "111111111111" }]],
    ];
    for (const [title, opts, providers] of holes) {
        for (const preview of [false, true]) {
            it(`SSE-S3 stays a violation for ${title} (${preview ? "fresh preview" : "after deployment"})`, async () => {
                const found = await kmsDemands(stack(opts, providers), preview);
                assert.ok(found.includes(`${SSE_KMS} logs-sse`), found.join("\n"));
            });
        }
    }

    // A Classic Load Balancer's log bucket takes only SSE-S3 too (Elastic Load Balancing User Guide, "Enable access logs
    // for your Classic Load Balancer": "The only server-side encryption option that's supported is Amazon S3-managed keys
    // (SSE-S3)"), in the load balancer's Region. Each case is the passing Classic stack with one thing changed.
    const frankfurt: FixtureProvider = { name: "frankfurt", region: "eu-central-1", account: "111111111111" };
    const classicHoles: [string, AlbLogOptions][] = [
        ["Classic access logs with enabled: false", { enabled: false }],
        ["a Classic Load Balancer in another Region", { provider: "frankfurt" }],
    ];
    for (const [title, change] of classicHoles) {
        for (const preview of [false, true]) {
            it(`SSE-S3 stays a violation for ${title} (${preview ? "fresh preview" : "after deployment"})`, async () => {
                assert.deepStrictEqual(await kmsDemands(stack({ shape: "classic" }, [frankfurt]), preview), []);
                const found = await kmsDemands(stack({ shape: "classic", ...change }, [frankfurt]), preview);
                assert.ok(found.includes(`${SSE_KMS} logs-sse`), found.join("\n"));
            });
        }
    }

    it("the bucket-policy KMS deny is not demanded of a Classic log bucket, and is again once its logs are disabled", async () => {
        const passing = await kmsDemands(stack({ shape: "classic" }));
        assert.ok(!passing.includes(`${REQUIRE_SSE_KMS} logs-policy`), passing.join("\n"));
        const disabled = await kmsDemands(stack({ shape: "classic", enabled: false }));
        assert.ok(disabled.includes(`${REQUIRE_SSE_KMS} logs-policy`), disabled.join("\n"));
    });

    it("the bucket-policy KMS deny is still demanded of a bucket no ALB delivers to, once the policy is readable", async () => {
        const found = await kmsDemands(stack({ loadBalancerType: "network" }));
        assert.ok(found.includes(`${REQUIRE_SSE_KMS} logs-policy`), found.join("\n"));
    });

    it("an ALB log bucket without a default encryption configuration is still reported (it wants an explicit AES256, like a server access log bucket)", async () => {
        const resources = fixtureStack({ title: "no sse", resources: without(albLogged(), "logs-sse") });
        const vs = mandatory(await run(resources));
        assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn.split("::").pop()}`), [`${SSE_KMS} logs`, `${REQUIRE_SSE_KMS} logs-policy`], describeAll(vs));
        assert.match(vs[0].message, /has no default server-side encryption configuration/);
    });

    it("a load balancer naming another bucket (a literal name outside the stack) makes no log bucket of `logs`", async () => {
        const resources = stack();
        const web = lb(resources);
        for (const props of [web.inputs, web.outputs]) {
            if (props) props["accessLogs"] = { bucket: "someone-elses-logs", enabled: true, prefix: "web" };
        }
        const found = await kmsDemands(resources);
        assert.ok(found.includes(`${SSE_KMS} logs-sse`), found.join("\n"));
    });

    describe("values the pack can't read", () => {
        const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

        for (const [what, change, shapes] of [
            ["the enabled flag", (p: Record<string, unknown>) => { (p["accessLogs"] as Record<string, unknown>)["enabled"] = UNKNOWN_VALUE; }, ["lb", "classic"]],
            ["the load balancer type", (p: Record<string, unknown>) => { p["loadBalancerType"] = UNKNOWN_VALUE; }, ["lb"]],
            ["the whole accessLogs block", (p: Record<string, unknown>) => { p["accessLogs"] = UNKNOWN_VALUE; }, ["lb", "classic"]],
        ] as const) {
            for (const shape of shapes) {
                it(`${what} unknown in a preview: the bucket is judged as a possible ${shape === "lb" ? "ALB" : "Classic"} log bucket (the end of \`pulumi up\` judges it with the value known)`, async () => {
                    const resources = stack({ shape });
                    const web = lb(resources);
                    assert.ok(web.propertyDependencies?.["accessLogs"]?.length, "fixture: accessLogs depends on the log bucket");
                    change(web.inputs as Record<string, unknown>);
                    assert.deepStrictEqual(await kmsDemands(resources, true), []);
                });
            }
        }

        for (const [lbTitle, shape] of [["ALB", "lb"], ["Classic", "classic"]] as const) {
            it(`outside a preview an unreadable bucket name (a secret) is no ${lbTitle} delivery: the bucket keeps the KMS requirement`, async () => {
                const resources = stack({ shape });
                assert.deepStrictEqual(await kmsDemands(resources), [], "fixture: the readable stack passes");
                const web = lb(resources);
                for (const props of [web.inputs, web.outputs]) {
                    if (props) (props["accessLogs"] as Record<string, unknown>)["bucket"] = "[secret]";
                }
                const found = await kmsDemands(resources);
                assert.ok(found.includes(`${SSE_KMS} logs-sse`), found.join("\n"));
                // And says why, on the load balancer: its setting is unreadable, not known to be something else.
                const onLb = mandatory(await run(resources)).filter((v) => v.policyName === SSE_KMS && v.urn.endsWith("::web"));
                assert.strictEqual(onLb.length, 1, describeAll(onLb));
                assert.match(onLb[0].message, /cannot verify: LoadBalancer "web" has accessLogs as an encrypted secret/);
                assert.deepStrictEqual(await kmsDemands(resources, true), []);
            });
        }

        it("an unreadable log setting of a load balancer whose bucket uses SSE-KMS is no \"cannot verify\" (the answer changes nothing)", async () => {
            const resources = stack({ loadBalancerType: "network", sse: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000009" } });
            const web = lb(resources);
            for (const props of [web.inputs, web.outputs]) {
                if (props) (props["accessLogs"] as Record<string, unknown>)["bucket"] = "[secret]";
            }
            const vs = (await run(resources)).filter((v) => v.urn.endsWith("::web"));
            assert.deepStrictEqual(vs.map((v) => v.message), []);
        });

        it("an unreadable load balancer account (a secret provider role) changes nothing: the account is not compared", async () => {
            const resources = stack({ provider: "other" }, [{ name: "other", region: "eu-west-1", account: "111111111111" }]);
            const provider = resources.find((r) => r.type === "pulumi:providers:aws" && r.urn.endsWith("::other"));
            assert.ok(provider);
            for (const props of [provider.inputs, provider.outputs]) {
                if (props) props["assumeRoles"] = "[secret]";
            }
            const web = lb(resources);
            for (const props of [web.outputs]) {
                if (props) delete props["arn"];
            }
            assert.deepStrictEqual(await kmsDemands(resources), []);
            assert.deepStrictEqual(await kmsDemands(resources, true), []);
        });

        it("outside a preview an unreadable load balancer Region (a secret) is no ALB delivery", async () => {
            const resources = stack();
            const web = lb(resources);
            for (const props of [web.inputs, web.outputs]) {
                if (props) props["region"] = "[secret]";
            }
            const found = await kmsDemands(resources);
            assert.ok(found.includes(`${SSE_KMS} logs-sse`), found.join("\n"));
            assert.deepStrictEqual(await kmsDemands(resources, true), []);
        });
    });
});

// A platform team's central log-archive account keeps every ALB's logs: the load balancer is deployed through the
// application account's provider, the log bucket (and its configuration) through the log-archive account's, in one
// stack. Elastic Load Balancing User Guide, "Enable access logs for your Application Load Balancer": "The bucket must be
// located in the same Region as the load balancer. The bucket and the load balancer can be owned by different accounts."
describe("ALB log buckets in another account than the load balancer", () => {
    const APP = "111111111111";
    const ARCHIVE = LOG_ARCHIVE_ACCOUNT;
    const providers: FixtureProvider[] = [
        { name: "app", region: "eu-west-1", account: APP },
        { name: "app-native", region: "eu-west-1", account: APP, kind: "aws-native" },
        { name: "archive", region: "eu-west-1", account: ARCHIVE },
        { name: "archive-frankfurt", region: "eu-central-1", account: ARCHIVE },
    ];
    const crossAccount: AlbLogOptions = { provider: "app", bucketProvider: "archive", loadBalancerAccount: APP };

    type BucketShape = "v7" | "v2" | "inline";
    /** The log bucket as users write it: v7 Bucket + separate configuration, the deprecated V2 names, or the legacy inline rule. */
    function withBucketShape(resources: FixtureResource[], shape: BucketShape): FixtureResource[] {
        if (shape === "v2") {
            return resources.map((r) => (r.name === "logs" ? { ...r, type: T.BUCKET_V2 } : r.name === "logs-sse" ? { ...r, type: T.SSE_CONFIG_V2 } : r));
        }
        if (shape === "inline") {
            const sse = resources.find((r) => r.name === "logs-sse");
            assert.ok(sse, "fixture: the log bucket's encryption configuration `logs-sse`");
            const rule = (sse.inputs["rules"] as FixtureResource["inputs"][])[0];
            return without(resources, "logs-sse").map((r) => (r.name === "logs" ? { ...r, inputs: { ...r.inputs, serverSideEncryptionConfiguration: { rule } } } : r));
        }
        return resources;
    }

    function crossStack(shape: BucketShape, opts: AlbLogOptions = {}): ExportResource[] {
        const resources = fixtureStack({ title: "central alb logs", providers, resources: withBucketShape(albLogged({ ...crossAccount, ...opts }), shape) });
        // Guard the fixture: the log bucket is the log-archive account's, the load balancer the application account's.
        const providerOf = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`))?.provider ?? "";
        assert.match(providerOf("logs"), /::archive(-frankfurt)?::/);
        assert.match(providerOf("web"), /::app(-native)?::/);
        return resources;
    }

    /** Findings of s3-bucket-sse-kms on the log bucket or its encryption configuration. */
    async function sseS3Findings(resources: ExportResource[], preview: boolean): Promise<string[]> {
        return (await kmsDemands(resources, preview)).filter((f) => f === `${SSE_KMS} logs` || f === `${SSE_KMS} logs-sse`);
    }

    const lbShapes: [string, AlbLogOptions][] = [
        ["aws.lb.LoadBalancer access logs", {}],
        ["aws.lb.LoadBalancer connection logs", { log: "connection" }],
        ["aws.alb.LoadBalancer access logs", { shape: "alb" }],
        ["aws-native access logs", { shape: "native", provider: "app-native" }],
        ["aws.elb.LoadBalancer (Classic) access logs", { shape: "classic" }],
    ];
    const bucketShapes: [BucketShape, string][] = [
        ["v7", "aws.s3.Bucket + BucketServerSideEncryptionConfiguration"],
        ["v2", "aws.s3.BucketV2 + BucketServerSideEncryptionConfigurationV2"],
        ["inline", "aws.s3.Bucket with inline serverSideEncryptionConfiguration"],
    ];
    for (const [shape, bucketTitle] of bucketShapes) {
        for (const [lbTitle, opts] of lbShapes) {
            for (const preview of [false, true]) {
                it(`an SSE-S3 log-archive bucket (${bucketTitle}) receiving ${lbTitle} of another account, same Region, passes every mandatory policy (${preview ? "fresh preview" : "after deployment"})`, async () => {
                    assertNone(mandatory(await run(crossStack(shape, opts), { preview })));
                });
            }
        }
    }

    it("the same with ELB's Regional account as the grantee (Regions before August 2022)", async () => {
        assertNone(mandatory(await run(crossStack("v7", { legacyPrincipal: true }))));
    });

    it("the same when the providers name their accounts by allowedAccountIds instead of an assumed role", async () => {
        const resources = crossStack("v7");
        for (const [name, account] of [["app", APP], ["archive", ARCHIVE]] as const) {
            const provider = resources.find((r) => r.type === "pulumi:providers:aws" && r.urn.endsWith(`::${name}`));
            assert.ok(provider);
            for (const props of [provider.inputs, provider.outputs]) {
                if (props) {
                    delete props["assumeRoles"];
                    props["allowedAccountIds"] = [account];
                }
            }
        }
        assertNone(mandatory(await run(resources)));
    });

    // Each firing case is the passing stack above (ALB, or Classic) with one thing changed, so the Region, the type or
    // the switch is the cause and the account is not.
    const classic: AlbLogOptions = { shape: "classic" };
    const firing: [string, AlbLogOptions, AlbLogOptions][] = [
        ["the log bucket in another Region (ELB delivers only into the load balancer's Region)", {}, { bucketProvider: "archive-frankfurt" }],
        ["a Network Load Balancer of another account (NLB logs accept SSE-KMS)", {}, { loadBalancerType: "network" }],
        ["a Classic Load Balancer's log bucket in another Region", classic, { ...classic, bucketProvider: "archive-frankfurt" }],
        ["Classic access logs of another account disabled", classic, { ...classic, enabled: false }],
    ];
    for (const [shape, bucketTitle] of bucketShapes) {
        for (const [title, base, change] of firing) {
            for (const preview of [false, true]) {
                it(`SSE-S3 on a log-archive bucket (${bucketTitle}) stays a violation for ${title} (${preview ? "fresh preview" : "after deployment"})`, async () => {
                    assert.deepStrictEqual(await sseS3Findings(crossStack(shape, base), preview), []);
                    const found = await sseS3Findings(crossStack(shape, change), preview);
                    assert.strictEqual(found.length, 1, found.join("\n"));
                });
            }
        }
    }

    it("an aws.alb.LoadBalancer of another account in another Region gets nothing either", async () => {
        assert.deepStrictEqual(await sseS3Findings(crossStack("v7", { shape: "alb" }), false), []);
        assert.strictEqual((await sseS3Findings(crossStack("v7", { shape: "alb", bucketProvider: "archive-frankfurt" }), false)).length, 1);
    });

    it("the bucket-policy KMS deny is not demanded of the log-archive bucket, and is again once the load balancer is an NLB", async () => {
        const passing = await kmsDemands(crossStack("v7"));
        assert.ok(!passing.includes(`${REQUIRE_SSE_KMS} logs-policy`), passing.join("\n"));
        const nlb = await kmsDemands(crossStack("v7", { loadBalancerType: "network" }));
        assert.ok(nlb.includes(`${REQUIRE_SSE_KMS} logs-policy`), nlb.join("\n"));
    });
});
