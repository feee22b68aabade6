// AWS services that write into an SSE-KMS bucket of the stack, wired the way their guides say (CloudTrail's bucket and
// key policy statements pinned by aws:SourceArn, the bucket policy the pack requires): the whole pack stays silent when
// the service asks for the bucket's default encryption or the bucket's own key, and s3-service-delivery-sse-kms alone
// fires when it asks for SSE-S3 or another key, which the bucket policy's KMS upload denies refuse (the service fails
// to deliver). Each firing case is a passing stack with the service's encryption setting changed. The same services
// written with @pulumi/aws-native 1.x are judged alike.
import * as assert from "assert";
import {
    DELIVERY_SERVICES, DeliveryEncryption, deliveredInto, DeliveryService, DeliveryShape, NATIVE_DELIVERY_SERVICES, SSE_S3_SERVICES,
} from "../../policypack/fixtures/serviceDeliveries";
import { ExportResource } from "../../policypack/harness";
import { fixtureStack } from "./support/fixtureStack";
import { BUCKET_SHAPES, BucketShape, withBucketShape } from "./support/logBuckets";
import { assertNone, describeAll, mandatory, run } from "./support/run";

const POLICY = "s3-service-delivery-sse-kms";

function stack(service: DeliveryService, encryption: DeliveryEncryption, shape: BucketShape = "v7", delivery: DeliveryShape = "classic"): ExportResource[] {
    return fixtureStack({ title: `${service} ${encryption}`, resources: withBucketShape(deliveredInto(service, encryption, delivery), shape) });
}

/** The resource `name` of `resources`, whose inputs and outputs `change` rewrites alike. */
function patch(resources: ExportResource[], name: string, change: (props: Record<string, unknown>) => void): string {
    const r = resources.find((x) => x.urn.endsWith(`::${name}`));
    assert.ok(r?.inputs && r.outputs, `fixture: no resource ${name}`);
    change(r.inputs);
    change(r.outputs);
    return r.urn;
}

const SHAPES: readonly [DeliveryShape, readonly DeliveryService[], string][] = [
    ["classic", DELIVERY_SERVICES, ""],
    ["native", NATIVE_DELIVERY_SERVICES, "aws-native "],
];

const RESOURCE_OF: Record<DeliveryService, string> = { cloudtrail: "trail", config: "config", firehose: "events", inventory: "inventory", athena: "analysts" };

describe("AWS services delivering into SSE-KMS buckets", () => {
    for (const [delivery, services, provider] of SHAPES) {
        for (const [shape, bucketTitle] of BUCKET_SHAPES) {
            for (const service of services) {
                for (const encryption of ["default", "bucket-key"] as const) {
                    for (const preview of [false, true]) {
                        it(`${provider}${service} into an SSE-KMS bucket (${bucketTitle}) with ${encryption === "default" ? "no encryption setting" : "the bucket's own key"} passes every mandatory policy (${preview ? "fresh preview" : "after deployment"})`, async () => {
                            assertNone(mandatory(await run(stack(service, encryption, shape, delivery), { preview })));
                        });
                    }
                }
                const firing: DeliveryEncryption[] = ["other-key", ...(SSE_S3_SERVICES.includes(service) ? ["sse-s3" as const] : [])];
                for (const encryption of firing) {
                    for (const preview of [false, true]) {
                        it(`${provider}${service} into an SSE-KMS bucket (${bucketTitle}) with ${encryption === "sse-s3" ? "SSE-S3" : "another key of the stack"} is stopped by ${POLICY} alone, on the ${service} resource (${preview ? "fresh preview" : "after deployment"})`, async () => {
                            const vs = mandatory(await run(stack(service, encryption, shape, delivery), { preview }));
                            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn.split("::").pop()}`), [`${POLICY} ${RESOURCE_OF[service]}`], describeAll(vs));
                            assert.match(vs[0].message, /fails to deliver/);
                        });
                    }
                }
            }
        }
    }

    /**
     * aws-native's stream `events` with its extended S3 destination's block under `to` instead, with the dependencies
     * Pulumi records for it (a preview resolves the bucket's unknown ARN through them).
     */
    function moveDestination(resources: ExportResource[], to: string, wrap: (block: unknown) => unknown = (block) => block): void {
        const from = "extendedS3DestinationConfiguration";
        patch(resources, "events", (props) => {
            props[to] = wrap(props[from]);
            delete props[from];
        });
        const stream = resources.find((r) => r.urn.endsWith("::events"));
        const deps = stream?.propertyDependencies;
        assert.ok(deps?.[from], "fixture: the stream's bucket ARN depends on the bucket");
        deps[to] = deps[from];
        delete deps[from];
    }

    for (const preview of [false, true]) {
        const mode = preview ? "fresh preview" : "after deployment";
        it(`an aws-native Firehose stream's s3DestinationConfiguration is judged as the extended one: another key is stopped, the bucket's key passes (${mode})`, async () => {
            const bad = stack("firehose", "other-key", "v7", "native");
            moveDestination(bad, "s3DestinationConfiguration");
            const vs = mandatory(await run(bad, { preview }));
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn.split("::").pop()}`), [`${POLICY} events`], describeAll(vs));
            assert.match(vs[0].message, /s3DestinationConfiguration\.encryptionConfiguration\.kmsEncryptionConfig\.awskmsKeyArn/);
            const good = stack("firehose", "bucket-key", "v7", "native");
            moveDestination(good, "s3DestinationConfiguration");
            assertNone(mandatory(await run(good, { preview })));
        });

        it(`an aws-native Firehose stream with noEncryptionConfig (it asks S3 for nothing: the bucket's default applies) passes (${mode})`, async () => {
            const resources = stack("firehose", "other-key", "v7", "native");
            patch(resources, "events", (props) => {
                (props["extendedS3DestinationConfiguration"] as Record<string, unknown>)["encryptionConfiguration"] = { noEncryptionConfig: "NoEncryption" };
            });
            assertNone(mandatory(await run(resources, { preview })));
        });
    }

    for (const preview of [false, true]) {
        it(`an aws-native Firehose stream to another destination (its S3 settings are a backup's) is not judged (${preview ? "fresh preview" : "after deployment"})`, async () => {
            const resources = stack("firehose", "other-key", "v7", "native");
            moveDestination(resources, "httpEndpointDestinationConfiguration", (block) => ({ endpointConfiguration: { url: "https://example.com/ingest" }, s3Configuration: block }));
            assertNone(mandatory(await run(resources, { preview })));
        });
    }

    // Outside a preview, an encryption or bucket setting the pack can't read (a secret) is a "cannot verify", never a
    // pass; in a preview it is expected.
    const secrets: [DeliveryShape, DeliveryService, string[]][] = [
        ["classic", "cloudtrail", ["kmsKeyId"]],
        ["native", "cloudtrail", ["kmsKeyId"]],
        ["native", "config", ["s3KmsKeyArn"]],
        ["native", "firehose", ["extendedS3DestinationConfiguration", "encryptionConfiguration"]],
        ["native", "athena", ["workGroupConfiguration", "resultConfiguration", "encryptionConfiguration"]],
        ["native", "athena", ["workGroupConfiguration", "resultConfiguration", "outputLocation"]],
    ];
    for (const [delivery, service, path] of secrets) {
        it(`${delivery === "native" ? "aws-native " : ""}${service}: a secret ${path.join(".")} is ${POLICY}'s "cannot verify"; nothing in a preview`, async () => {
            const resources = stack(service, "bucket-key", "v7", delivery);
            const urn = patch(resources, RESOURCE_OF[service], (props) => {
                let o = props;
                for (const step of path.slice(0, -1)) {
                    o = o[step] as Record<string, unknown>;
                }
                o[path[path.length - 1]] = "[secret]";
            });
            const vs = await run(resources);
            assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [[POLICY, urn]], describeAll(vs));
            assert.ok(vs[0].message.includes(`has ${path.join(".")} as an encrypted secret`), vs[0].message);
            assertNone(mandatory(await run(resources, { preview: true })));
        });
    }

    it("a Firehose stream to another destination type (its S3 settings are a backup's) is not judged", async () => {
        const resources = stack("firehose", "other-key");
        const stream = resources.find((r) => r.urn.endsWith("::events"));
        assert.ok(stream?.inputs && stream.outputs);
        stream.inputs["destination"] = "http_endpoint";
        stream.outputs["destination"] = "http_endpoint";
        assertNone(mandatory(await run(resources)));
    });

    it("an Athena workgroup with client-side encryption (CSE_KMS asks S3 for nothing) is not judged", async () => {
        const resources = stack("athena", "other-key");
        const workgroup = resources.find((r) => r.urn.endsWith("::analysts"));
        assert.ok(workgroup?.inputs && workgroup.outputs);
        for (const props of [workgroup.inputs, workgroup.outputs]) {
            const config = props["configuration"] as { resultConfiguration: { encryptionConfiguration: { encryptionOption: string } } };
            config.resultConfiguration.encryptionConfiguration.encryptionOption = "CSE_KMS";
        }
        assertNone(mandatory(await run(resources)));
    });

    it("the service's exemption tag exempts it", async () => {
        const resources = stack("cloudtrail", "other-key");
        const trail = resources.find((r) => r.urn.endsWith("::trail"));
        assert.ok(trail?.inputs && trail.outputs);
        trail.inputs["tags"] = { "encrypted-buckets:exempt": POLICY };
        trail.outputs["tags"] = { "encrypted-buckets:exempt": POLICY };
        assertNone(mandatory(await run(resources)));
    });
});
