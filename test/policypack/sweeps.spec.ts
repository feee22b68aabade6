// Sweeps over every compliant fixture of the registry, one input (or one value inside it) at a time: made unknown in a
// fresh preview it must never make a mandatory policy block the stack (an unknown never blocks a preview); made a secret
// the pack could not decrypt it must never pass silently outside a preview, unless it is one of the inputs below
// that no verdict reads (links the stack index follows by dependency, names, descriptions, object content).
import * as assert from "assert";
import { registry } from "../../policypack/policies";
import { ExportResource } from "../../policypack/harness";
import { fixtureStack } from "./support/fixtureStack";
import { run } from "./support/run";

const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
const SECRET = "[secret]";

/** `Type.input`s whose secret no verdict reads, and why. */
const NOT_READ: ReadonlyMap<string, string> = new Map([
    ...["BucketAcl.bucket", "BucketLifecycleConfiguration.bucket", "BucketLogging.bucket", "BucketLoggingV2.bucket", "BucketObject.bucket",
        "BucketObjectv2.bucket", "ObjectCopy.bucket", "BucketObjectLockConfiguration.bucket", "BucketReplicationConfig.bucket", "BucketLogging.targetBucket",
        "BucketLoggingV2.targetBucket", "RolePolicy.role", "BucketServerSideEncryptionConfigurationV2.bucket", "BucketVersioningV2.bucket"]
        .map((k): [string, string] => [k, "a link to another resource: the stack index follows the resource's dependency instead"]),
    ...["BucketObject.key", "BucketObject.content", "BucketObjectv2.key", "BucketObjectv2.content", "ObjectCopy.key", "ObjectCopy.source",
        "BucketLogging.targetPrefix", "BucketLoggingV2.targetPrefix", "Grant.operations", "BucketObjectLockConfiguration.rule", "DirectoryBucket.location",
        "Trail.name", "Trail.isMultiRegionTrail", "Trail.enableLogFileValidation", "DeliveryChannel.name", "FirehoseDeliveryStream.name",
        "Inventory.bucket", "Inventory.name", "Inventory.includedObjectVersions", "Inventory.schedule", "Workgroup.name",
        "Trail.trailName", "Trail.isLogging", "DeliveryStream.deliveryStreamName", "DeliveryStream.deliveryStreamType", "WorkGroup.name",
        "LoadBalancer.subnets", "LoadBalancer.listeners"]
        .map((k): [string, string] => [k, "no policy's verdict depends on it"]),
    ["Bucket.logging", "the inline logging block's target is found by the block's dependency, as for a BucketLogging's targetBucket; nothing else in it is read"],
    ["DirectoryBucket.bucket", "the fixture's encryption configuration names the directory bucket by dependency, which the pack follows; a configuration naming it by a literal name is the directory-bucket spec's"],
    ["BucketAcl.acl", "the fixture's bucket disables ACLs (BucketOwnerEnforced): its ACL is not read (the cannot-verify spec covers a bucket whose ACLs count)"],
]);

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The paths of the values below the top level (a top-level input is the other sweep's). */
function nestedLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (value !== null && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => nestedLeaves(v, [...path, Array.isArray(value) ? Number(k) : k]));
    }
    return path.length > 1 ? [path] : [];
}

function withLeaf(props: Record<string, unknown>, path: (string | number)[], leaf: unknown): Record<string, unknown> {
    const copy = structuredClone(props);
    let at: Record<string | number, unknown> = copy;
    for (const step of path.slice(0, -1)) {
        at = at[step] as Record<string | number, unknown>;
    }
    at[path[path.length - 1]] = leaf;
    return copy;
}

function withInput(stack: ExportResource[], urn: string, prop: string, value: string): ExportResource[] {
    return stack.map((r) => (r.urn === urn ? { ...r, inputs: { ...r.inputs, [prop]: value }, outputs: { ...(r.outputs ?? {}), [prop]: value } } : r));
}

function* inputsOfCompliantFixtures(): Generator<{ fixture: string; stack: () => ExportResource[]; urn: string; key: string; prop: string }> {
    for (const d of registry) {
        for (const f of d.compliant) {
            for (const r of fixtureStack(f)) {
                if (r.type.startsWith("pulumi:")) {
                    continue;
                }
                for (const prop of Object.keys(r.inputs ?? {})) {
                    yield { fixture: `${d.policy.name}: ${f.title}`, stack: () => fixtureStack(f), urn: r.urn, key: `${r.type.slice(r.type.lastIndexOf(":") + 1)}.${prop}`, prop };
                }
            }
        }
    }
}

describe("policy pack: every input of every compliant fixture", function () {
    this.timeout(120000);

    it("made unknown in a fresh preview, never makes a mandatory policy block the stack", async () => {
        const blocked: string[] = [];
        for (const input of inputsOfCompliantFixtures()) {
            const vs = await run(withInput(input.stack(), input.urn, input.prop, UNKNOWN_OBJECT), { preview: true });
            for (const v of vs.filter((x) => x.enforcementLevel === "mandatory")) {
                blocked.push(`${input.key} (${input.fixture}): ${v.policyName}`);
            }
        }
        assert.deepStrictEqual(blocked, []);
    });

    it("with any one value inside it unknown in a fresh preview, never makes a mandatory policy block the stack", async () => {
        const blocked: string[] = [];
        for (const d of registry) {
            for (const f of d.compliant) {
                for (const r of fixtureStack(f)) {
                    for (const path of r.type.startsWith("pulumi:") ? [] : nestedLeaves(r.inputs ?? {})) {
                        const stack = fixtureStack(f).map((x) => (x.urn === r.urn ? { ...x, inputs: withLeaf(x.inputs ?? {}, path, UNKNOWN_STRING) } : x));
                        for (const v of (await run(stack, { preview: true })).filter((x) => x.enforcementLevel === "mandatory")) {
                            blocked.push(`${r.type}.${path.join(".")} (${d.policy.name}: ${f.title}): ${v.policyName}`);
                        }
                    }
                }
            }
        }
        assert.deepStrictEqual(blocked, []);
    });

    it("made a secret outside a preview, is never a silent pass, unless no verdict reads it", async () => {
        const read = new Set<string>();
        const silent = new Map<string, string>();
        for (const input of inputsOfCompliantFixtures()) {
            if (read.has(input.key)) {
                continue;
            }
            const vs = await run(withInput(input.stack(), input.urn, input.prop, SECRET));
            if (vs.length > 0) {
                read.add(input.key);
                silent.delete(input.key);
            } else {
                silent.set(input.key, input.fixture);
            }
        }
        const unexplained = [...silent].filter(([key]) => !NOT_READ.has(key)).map(([key, fixture]) => `${key} (${fixture})`);
        assert.deepStrictEqual(unexplained, [], "a secret these inputs hold passes silently");
        const stale = [...NOT_READ.keys()].filter((key) => read.has(key));
        assert.deepStrictEqual(stale, [], "listed as not read, but a policy reports on them: take them off the list");
    });
});
