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
        const acc = new StatementAccumulator("test policy", false);
        acc.add(statement("A"));
        acc.addList(pulumi.output([statement("B"), statement("C")]));
        acc.add(pulumi.output(statement("D")));
        acc.seal();
        assert.deepStrictEqual((await resolved(acc.document)).Statement.map((s) => s.Sid), ["A", "B", "C", "D"]);
    });

    it("reserveSids names both claimants of a clash at declaration time", () => {
        const acc = new StatementAccumulator("test policy", false);
        acc.reserveSids('BucketGrant "a-b"', ["GrantAB"]);
        assert.throws(() => acc.reserveSids('BucketGrant "aB"', ["GrantAB"]), /Sid "GrantAB" is claimed by both BucketGrant "a-b" and BucketGrant "aB"/);
    });

    it("every mutation throws after sealing, naming the policy and the fix", () => {
        const acc = new StatementAccumulator("bucket policy of x", false);
        acc.seal();
        for (const mutate of [() => acc.add(statement("A")), () => acc.addList([statement("B")]), () => acc.reserveSids("c", ["C"])]) {
            assert.throws(mutate, /bucket policy of x: its policy was already sealed.*autoSeal: false/);
        }
    });
});
