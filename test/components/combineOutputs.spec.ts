import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { applyAll, applyBoth } from "../../components/combineOutputs";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { RegistrationLog } from "./support/registrations";
import { dataProvider } from "./support/world";

// The helpers replace pulumi.all in the components; they must keep what all() gives a resource input:
// the value, the dependencies, and unknown and secret propagation.

/** True once `output` resolves with its apply callbacks skipped (an unknown value), false if it resolves with a value. */
async function staysUnknown(output: pulumi.Output<unknown>): Promise<boolean> {
    let ran = false;
    output.apply(() => {
        ran = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return !ran;
}

describe("combineOutputs (applyBoth, applyAll)", () => {
    let mocks: FakeAwsMockSession;
    let log: RegistrationLog;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "combine" });
        log = RegistrationLog.attach();
    });
    beforeEach(() => {
        mocks.reset();
        log.reset();
    });

    it("applyBoth gives f both values, like pulumi.all", async () => {
        assert.equal(await promiseOf(applyBoth(pulumi.output("a"), pulumi.output(1), (a, b) => `${a}${b}`)), "a1");
    });

    it("applyAll keeps order across plain values, Promises and Outputs, and returns an Output when nothing is pending", async () => {
        const mixed = applyAll<string, string>(["a", pulumi.output("b"), Promise.resolve("c"), "d", pulumi.output("e")], (values) => values.join(""));
        assert.equal(await promiseOf(mixed), "abcde");
        const plain = applyAll(["x", "y"], (values) => values.join("+"));
        assert.ok(pulumi.Output.isInstance(plain));
        assert.equal(await promiseOf(plain), "x+y");
    });

    it("a resource input built with them depends on every resource behind the inputs", async () => {
        const provider = dataProvider();
        const first = new aws.s3.Bucket("first", { bucket: "combine-first" }, { provider });
        const second = new aws.s3.Bucket("second", { bucket: "combine-second" }, { provider });
        const third = new aws.s3.Bucket("third", { bucket: "combine-third" }, { provider });
        const both = new aws.s3.Bucket("both", { bucket: "combine-both", tags: { n: applyBoth(first.bucket, second.bucket, (a, b) => `${a},${b}`) } }, { provider });
        const all = new aws.s3.Bucket("all", { bucket: "combine-all", tags: { n: applyAll(["x", first.bucket, third.bucket], (v) => v.join(",")) } }, { provider });
        await promiseOf(pulumi.all([both.urn, all.urn]));
        await mocks.settled();
        const urns = await promiseOf(pulumi.all([first.urn, second.urn, third.urn]));
        assert.deepStrictEqual([...log.named("both").dependencies].sort(), [urns[0], urns[1]].sort());
        assert.deepStrictEqual([...log.named("all").dependencies].sort(), [urns[0], urns[2]].sort());
        assert.deepStrictEqual(mocks.named("all", "aws:s3/bucket:Bucket").inputs.tags, { n: "x,combine-first,combine-third" });
        assert.deepStrictEqual(mocks.named("both", "aws:s3/bucket:Bucket").inputs.tags, { n: "combine-first,combine-second" });
    });

    it("an unknown input leaves the result unknown without calling f", async () => {
        let called = false;
        const f = () => {
            called = true;
            return "value";
        };
        assert.ok(await staysUnknown(applyBoth(pulumi.output("known"), pulumi.output(pulumi.unknown as unknown as string), f)));
        assert.ok(await staysUnknown(applyAll(["plain", pulumi.output(pulumi.unknown as unknown as string), pulumi.output("known")], f)));
        assert.equal(called, false);
    });

    it("a secret input makes the result secret", async () => {
        assert.equal(await pulumi.isSecret(applyBoth(pulumi.output("a"), pulumi.secret("b"), (a, b) => a + b)), true);
        assert.equal(await pulumi.isSecret(applyAll(["a", pulumi.secret("b")], (v) => v.join(""))), true);
        assert.equal(await pulumi.isSecret(applyAll(["a", pulumi.output("b")], (v) => v.join(""))), false);
    });
});
