// A stack that adopted existing buckets with `pulumi import`: a bridged provider's import records the bucket's
// inputs from what it reads, so the deprecated inline blocks it reads back (default encryption, versioning) sit
// in the bucket's recorded inputs next to the separate resources that manage them, though no program declares
// them. `pulumi policy analyze` of that state must not block the compliant stack; `pulumi up` of a program that
// does declare the inline block next to the separate resource must still be stopped before the latter is created.
import * as assert from "assert";
import { ExportResource } from "../../policypack/harness";
import { describeAll, mandatory, run } from "./support/run";
import { secureBucket } from "./support/scenarios";
import { StackBuilder } from "./support/stackBuilder";

type Props = Record<string, unknown>;

/** What the import reads back for a bucket encrypted with `keyArn` and versioned, in the bucket shape's form. */
function readBack(shape: "v7" | "v2", rule: Props): Props {
    return shape === "v7"
        ? { serverSideEncryptionConfiguration: { rule }, versioning: { enabled: true, mfaDelete: false }, forceDestroy: false }
        : { serverSideEncryptionConfigurations: [{ rules: [rule] }], versionings: [{ enabled: true, mfaDelete: false }], forceDestroy: false };
}

function importedStack(shape: "v7" | "v2"): { resources: ExportResource[]; bucket: string; sse: string; versioning: string; inline: Props } {
    const b = new StackBuilder();
    const s = secureBucket(b, "data", { shape });
    const built = b.build();
    const sse = built.find((r) => r.urn === s.sse);
    const rule = (sse?.inputs?.["rules"] as Props[])[0];
    const inline = readBack(shape, rule);
    // The import records the read-back as the bucket's inputs and its outputs alike.
    const resources = built.map((r) => (r.urn === s.bucket ? { ...r, inputs: { ...r.inputs, bucket: r.id, ...inline }, outputs: { ...r.outputs, ...inline } } : r));
    return { resources, bucket: s.bucket, sse: s.sse, versioning: s.versioning, inline };
}

const SSE_FIELD = { v7: "serverSideEncryptionConfiguration", v2: "serverSideEncryptionConfigurations" } as const;

describe("an imported bucket's read-back inline blocks next to the separate resources (pulumi import)", () => {
    for (const shape of ["v7", "v2"] as const) {
        it(`${shape}: pulumi policy analyze of the imported, compliant state reports nothing mandatory`, async () => {
            const { resources } = importedStack(shape);
            const vs = mandatory(await run(resources, { runMode: "state" }));
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [], describeAll(vs));
        });

        it(`${shape}: pulumi up of a program that declares the inline blocks next to the separate ones is stopped on the separate ones`, async () => {
            const { resources, sse, versioning } = importedStack(shape);
            // During `up` the engine sends the program's inputs: here the program itself declares the inline blocks.
            const vs = mandatory(await run(resources, { runMode: "update" })).filter((v) => /overwrite each other on every update/.test(v.message));
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [`s3-bucket-sse-kms ${sse}`, `s3-replication-versioning-enabled ${versioning}`], describeAll(vs));
            assert.match(vs[0].message, new RegExp(`also declare the deprecated inline ${SSE_FIELD[shape]};`));
        });

        it(`${shape}: pulumi up of a program that declares only the separate resources is silent`, async () => {
            const { resources, bucket, inline } = importedStack(shape);
            const program = resources.map((r) => {
                if (r.urn !== bucket) {
                    return r;
                }
                const inputs = { ...r.inputs };
                for (const field of Object.keys(inline)) {
                    delete inputs[field];
                }
                return { ...r, inputs };
            });
            const vs = mandatory(await run(program, { runMode: "update" }));
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [], describeAll(vs));
        });
    }
});
