// Redshift audit log buckets: the pack recognises one from the Redshift logging of the stack that delivers into it
// (aws.redshift.Logging, or an older major's inline aws.redshift.Cluster `logging`), never from a tag. SSE-S3 is
// compliant for such a bucket only: Amazon Redshift Management Guide, "Database audit logging", "Limitations when you
// enable logging to Amazon S3": "You can use only Amazon S3-managed keys (SSE-S3) encryption (AES-256)." The bucket
// must be in the cluster's Region (Amazon Redshift API Reference, "EnableLogging"); logs sent to CloudWatch, inline
// logging switched off and a cluster of another Region get nothing.
import * as assert from "assert";
import { FixtureProvider } from "../../policypack/fixtures/format";
import { redshiftLogged, RedshiftLogOptions } from "../../policypack/fixtures/redshiftLogs";
import { withInputs, without } from "../../policypack/fixtures/stacks";
import { evaluatePolicies, ExportResource, packPolicies } from "../../policypack/harness";
import { fixtureStack } from "./support/fixtureStack";
import { BUCKET_SHAPES, BucketShape, kmsDemands, REQUIRE_SSE_KMS, SSE_KMS, withBucketShape } from "./support/logBuckets";
import { assertNone, describeAll, mandatory, run } from "./support/run";

const ARCHIVE = "444444444444";
const PROVIDERS: FixtureProvider[] = [
    { name: "frankfurt", region: "eu-central-1", account: "111111111111" },
    { name: "archive", region: "eu-west-1", account: ARCHIVE },
];

function stack(opts: RedshiftLogOptions = {}, shape: BucketShape = "v7"): ExportResource[] {
    return fixtureStack({ title: "redshift logs", providers: PROVIDERS, resources: withBucketShape(redshiftLogged(opts), shape) });
}

/** Findings of s3-bucket-sse-kms on the log bucket or its encryption configuration (the inline shape reports on the bucket). */
async function sseS3Findings(resources: ExportResource[], preview: boolean): Promise<string[]> {
    return (await kmsDemands(resources, preview)).filter((f) => f === `${SSE_KMS} logs` || f === `${SSE_KMS} logs-sse`);
}

/** The resource that names the bucket: the Logging, or the cluster with inline logging. */
function setting(resources: ExportResource[]): ExportResource {
    const found = resources.find((r) => r.urn.endsWith("::warehouse-audit")) ?? resources.find((r) => r.urn.endsWith("::warehouse"));
    assert.ok(found?.inputs && found.outputs, "fixture: the Redshift logging");
    return found;
}

/** Changes the resource's inputs and outputs alike, as a value written in the program shows in both. */
function everywhere(r: ExportResource, change: (props: Record<string, unknown>) => void): void {
    [r.inputs, r.outputs].forEach((props) => props && change(props));
}

describe("Redshift audit log buckets", () => {
    const shapes: [string, RedshiftLogOptions][] = [
        ["aws.redshift.Logging with logDestinationType \"s3\"", {}],
        ["aws.redshift.Logging without logDestinationType (a bucket and no type is S3)", { destination: null }],
        ["aws.redshift.Logging of another account (a central log-archive bucket), same Region", { bucketProvider: "archive" }],
        ["an aws.redshift.Cluster's inline logging (older majors)", { shape: "cluster-inline" }],
    ];
    for (const [shape, bucketTitle] of BUCKET_SHAPES) {
        for (const [title, opts] of shapes) {
            for (const preview of [false, true]) {
                it(`an SSE-S3 bucket (${bucketTitle}) receiving ${title} passes every mandatory policy (${preview ? "fresh preview" : "after deployment"})`, async () => {
                    assertNone(mandatory(await run(stack(opts, shape), { preview })));
                });
            }
        }
    }

    // Each firing case is a passing stack above with one thing changed, so that change is the cause.
    const firing: [string, RedshiftLogOptions, RedshiftLogOptions][] = [
        ["audit logs sent to CloudWatch (logDestinationType \"cloudwatch\")", {}, { destination: "cloudwatch" }],
        ["inline logging with enable: false", { shape: "cluster-inline" }, { shape: "cluster-inline", enabled: false }],
        ["inline logging without enable (off)", { shape: "cluster-inline" }, { shape: "cluster-inline", enabled: null }],
        ["a cluster in another Region (Redshift delivers only into the cluster's Region)", {}, { provider: "frankfurt" }],
        ["an inline-logging cluster in another Region", { shape: "cluster-inline" }, { shape: "cluster-inline", provider: "frankfurt" }],
    ];
    for (const [shape, bucketTitle] of BUCKET_SHAPES) {
        for (const [title, base, change] of firing) {
            for (const preview of [false, true]) {
                it(`SSE-S3 on a bucket (${bucketTitle}) stays a violation for ${title} (${preview ? "fresh preview" : "after deployment"})`, async () => {
                    assert.deepStrictEqual(await sseS3Findings(stack(base, shape), preview), []);
                    const found = await sseS3Findings(stack(change, shape), preview);
                    assert.strictEqual(found.length, 1, found.join("\n"));
                });
            }
        }
        for (const preview of [false, true]) {
            it(`SSE-S3 on the same bucket (${bucketTitle}) with no Redshift logging delivering into it stays a violation (${preview ? "fresh preview" : "after deployment"})`, async () => {
                assert.deepStrictEqual(await sseS3Findings(stack({}, shape), preview), []);
                const resources = fixtureStack({ title: "no delivery", providers: PROVIDERS, resources: withBucketShape(without(redshiftLogged(), "warehouse-audit"), shape) });
                assert.strictEqual((await sseS3Findings(resources, preview)).length, 1);
            });
        }
    }

    it("the bucket-policy KMS deny is not demanded of a Redshift log bucket, and is again once the logs go to CloudWatch", async () => {
        const passing = await kmsDemands(stack());
        assert.ok(!passing.includes(`${REQUIRE_SSE_KMS} logs-policy`), passing.join("\n"));
        const cloudwatch = await kmsDemands(stack({ destination: "cloudwatch" }));
        assert.ok(cloudwatch.includes(`${REQUIRE_SSE_KMS} logs-policy`), cloudwatch.join("\n"));
    });

    it("during `pulumi up` the resource part leaves a Redshift log bucket's policy to the stack part: the logging comes after it", async () => {
        // A literal bucket name, as the provider's Check fills in the auto-name: the resource part joins the policy to its bucket.
        const resources = fixtureStack({ title: "named", resources: withInputs(redshiftLogged(), "logs", { bucket: "acme-audit-logs" }) });
        assertNone(mandatory(await evaluatePolicies(packPolicies, resources, { enforcementLevel: "mandatory", runMode: "update" })));
    });

    it("a Logging naming another bucket (a literal name outside the stack) makes no log bucket of `logs`", async () => {
        const resources = stack();
        assert.deepStrictEqual(await sseS3Findings(resources, false), [], "fixture: the stack naming `logs` passes");
        everywhere(setting(resources), (props) => { props["bucketName"] = "someone-elses-logs"; });
        assert.strictEqual((await sseS3Findings(resources, false)).length, 1);
    });

    describe("values the pack can't read", () => {
        const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

        for (const [what, opts, change] of [
            ["logDestinationType", {}, (p: Record<string, unknown>) => { p["logDestinationType"] = UNKNOWN_VALUE; }],
            ["the inline logging block", { shape: "cluster-inline" }, (p: Record<string, unknown>) => { p["logging"] = UNKNOWN_VALUE; }],
            ["the inline enable flag", { shape: "cluster-inline" }, (p: Record<string, unknown>) => { (p["logging"] as Record<string, unknown>)["enable"] = UNKNOWN_VALUE; }],
        ] as const) {
            it(`${what} unknown in a preview: the bucket is judged as a possible Redshift log bucket (the end of \`pulumi up\` judges it known)`, async () => {
                const resources = stack(opts);
                const audit = setting(resources);
                assert.ok(Object.keys(audit.propertyDependencies ?? {}).length > 0, "fixture: the logging depends on the log bucket");
                change(audit.inputs as Record<string, unknown>);
                assert.deepStrictEqual(await kmsDemands(resources, true), []);
            });
        }

        for (const [title, opts, prop] of [["a Logging's", {}, "bucketName"], ["an inline logging block's", { shape: "cluster-inline" }, "logging"]] as const) {
            it(`outside a preview ${title} unreadable bucket (a secret) is no Redshift delivery: the bucket keeps the KMS requirement`, async () => {
                const resources = stack(opts);
                assert.deepStrictEqual(await kmsDemands(resources), [], "fixture: the readable stack passes");
                const audit = setting(resources);
                everywhere(audit, (props) => {
                    const holder = prop === "bucketName" ? props : props["logging"] as Record<string, unknown>;
                    holder["bucketName"] = "[secret]";
                });
                assert.strictEqual((await sseS3Findings(resources, false)).length, 1);
                // And says why, on the Redshift resource: its setting is unreadable, not known to be something else.
                const onSetting = mandatory(await run(resources)).filter((v) => v.policyName === SSE_KMS && v.urn === audit.urn);
                assert.strictEqual(onSetting.length, 1, describeAll(onSetting));
                assert.match(onSetting[0].message, new RegExp(`cannot verify: \\w+ "${audit.urn.split("::").pop()}" has ${prop} as an encrypted secret`));
                assert.deepStrictEqual(await kmsDemands(resources, true), []);
            });
        }

        it("outside a preview an unreadable Logging Region (a secret) is no Redshift delivery", async () => {
            const resources = stack();
            everywhere(setting(resources), (props) => { props["region"] = "[secret]"; });
            assert.strictEqual((await sseS3Findings(resources, false)).length, 1);
            assert.deepStrictEqual(await kmsDemands(resources, true), []);
        });
    });
});
