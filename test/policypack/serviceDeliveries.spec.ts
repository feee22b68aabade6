// AWS services that write into an SSE-KMS bucket of the stack, wired the way their guides say (CloudTrail's bucket and
// key policy statements pinned by aws:SourceArn, the bucket policy the pack requires): the whole pack stays silent when
// the service asks for the bucket's default encryption or the bucket's own key, and s3-service-delivery-sse-kms alone
// fires when it asks for SSE-S3 or another key, which the bucket policy's KMS upload denies refuse (the service fails
// to deliver). Each firing case is a passing stack with the service's encryption setting changed.
import * as assert from "assert";
import { DELIVERY_SERVICES, DeliveryEncryption, deliveredInto, DeliveryService, SSE_S3_SERVICES } from "../../policypack/fixtures/serviceDeliveries";
import { ExportResource } from "../../policypack/harness";
import { fixtureStack } from "./support/fixtureStack";
import { BUCKET_SHAPES, BucketShape, withBucketShape } from "./support/logBuckets";
import { assertNone, describeAll, mandatory, run } from "./support/run";

const POLICY = "s3-service-delivery-sse-kms";

function stack(service: DeliveryService, encryption: DeliveryEncryption, shape: BucketShape = "v7"): ExportResource[] {
    return fixtureStack({ title: `${service} ${encryption}`, resources: withBucketShape(deliveredInto(service, encryption), shape) });
}

const RESOURCE_OF: Record<DeliveryService, string> = { cloudtrail: "trail", config: "config", firehose: "events", inventory: "inventory", athena: "analysts" };

describe("AWS services delivering into SSE-KMS buckets", () => {
    for (const [shape, bucketTitle] of BUCKET_SHAPES) {
        for (const service of DELIVERY_SERVICES) {
            for (const encryption of ["default", "bucket-key"] as const) {
                for (const preview of [false, true]) {
                    it(`${service} into an SSE-KMS bucket (${bucketTitle}) with ${encryption === "default" ? "no encryption setting" : "the bucket's own key"} passes every mandatory policy (${preview ? "fresh preview" : "after deployment"})`, async () => {
                        assertNone(mandatory(await run(stack(service, encryption, shape), { preview })));
                    });
                }
            }
            const firing: DeliveryEncryption[] = ["other-key", ...(SSE_S3_SERVICES.includes(service) ? ["sse-s3" as const] : [])];
            for (const encryption of firing) {
                for (const preview of [false, true]) {
                    it(`${service} into an SSE-KMS bucket (${bucketTitle}) with ${encryption === "sse-s3" ? "SSE-S3" : "another key of the stack"} is stopped by ${POLICY} alone, on the ${service} resource (${preview ? "fresh preview" : "after deployment"})`, async () => {
                        const vs = mandatory(await run(stack(service, encryption, shape), { preview }));
                        assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn.split("::").pop()}`), [`${POLICY} ${RESOURCE_OF[service]}`], describeAll(vs));
                        assert.match(vs[0].message, /fails to deliver/);
                    });
                }
            }
        }
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
