import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { StatementAccumulator } from "../../components/policy/statementAccumulator";
import { PolicyDocument, PolicyStatement } from "../../components/policy/types";

function resolved(output: pulumi.Output<PolicyDocument>): Promise<PolicyDocument> {
    return new Promise((resolve) => output.apply((doc) => { resolve(doc); return doc; }));
}

const statement = (sid: string): PolicyStatement => ({ Sid: sid, Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" });

describe("StatementAccumulator (additions: addList, reserveSids)", () => {
    it("keeps declaration order across single statements and lists that resolve later", async () => {
        const acc = new StatementAccumulator("test policy", "bucket", false);
        acc.add(statement("A"));
        acc.addList(pulumi.output([statement("B"), statement("C")]));
        acc.add(pulumi.output(statement("D")));
        acc.seal();
        assert.deepStrictEqual((await resolved(acc.document)).Statement.map((s) => s.Sid), ["A", "B", "C", "D"]);
    });

    it("reserveSids names both claimants of a clash at declaration time", () => {
        const acc = new StatementAccumulator("test policy", "bucket", false);
        acc.reserveSids('BucketGrant "a-b"', ["GrantAB"]);
        assert.throws(() => acc.reserveSids('BucketGrant "aB"', ["GrantAB"]), /Sid "GrantAB" is claimed by both BucketGrant "a-b" and BucketGrant "aB"/);
    });

    it("every mutation throws after sealing, naming the policy and the fix", () => {
        const acc = new StatementAccumulator("bucket policy of x", "bucket", false);
        acc.seal();
        for (const mutate of [() => acc.add(statement("A")), () => acc.addList([statement("B")]), () => acc.reserveSids("c", ["C"])]) {
            assert.throws(mutate, /bucket policy of x: its policy was already sealed.*autoSeal: false/);
        }
    });

    describe("rendered size (AWS's limits, awsrules/policySizes.ts)", () => {
        const big = (n: number) => Array.from({ length: n }, (_, i) => ({ ...statement(`S${i}`), Resource: `arn:aws:s3:::bucket/${"p".repeat(80)}${i}/*` }));
        const jsonOf = (acc: StatementAccumulator) => (acc.json as unknown as { promise(): Promise<string> }).promise();

        it("a bucket policy over 20 KB fails, naming the policy, the size and the fix", async () => {
            const acc = new StatementAccumulator('EncryptedBucket "b" bucket policy', "bucket", false);
            acc.add(...big(150));
            acc.seal();
            await assert.rejects(jsonOf(acc), /EncryptedBucket "b" bucket policy renders to \d+ bytes; an S3 bucket policy may have at most 20480 \(Amazon S3 User Guide.*Fix: grant fewer principals/);
        });

        it("the same statements fit a key policy's 32 KB, and a small bucket policy renders", async () => {
            const key = new StatementAccumulator("key policy", "key", false);
            key.add(...big(150));
            key.seal();
            assert.ok((await jsonOf(key)).length > 20480);
            const small = new StatementAccumulator("bucket policy", "bucket", false);
            small.add(...big(10));
            small.seal();
            assert.ok((await jsonOf(small)).length < 20480);
        });

        it("a key policy over 32 KB fails", async () => {
            const key = new StatementAccumulator("key policy of k", "key", false);
            key.add(...big(400));
            key.seal();
            await assert.rejects(jsonOf(key), /key policy of k renders to \d+ bytes; a KMS key policy may have at most 32768/);
        });
    });
});
