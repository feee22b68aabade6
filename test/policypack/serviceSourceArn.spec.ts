// A grant to an AWS service principal pinned by aws:SourceArn to an ARN of another service: the service sends its
// own resource's ARN ("IAM User Guide: AWS global condition context keys", aws:SourceArn), so the condition never
// matches and the pin names nothing the service acts for. policy-service-principal-source (advisory) reports it, on
// bucket and key policies, in every shape the pack reads documents; a pin to the service's own ARNs is silent.
import * as assert from "assert";
import { Violation } from "../../policypack/harness";
import { arnServiceOf, foreignSourceArnServices, sourceArnServicesOf } from "../../policypack/model/serviceSources";
import { describeAll, run } from "./support/run";
import { nativeBucket, rootStatement, secureBucket } from "./support/scenarios";
import { StackBuilder } from "./support/stackBuilder";

const POLICY = "policy-service-principal-source";
const ACCOUNT = "111111111111";
const TRAIL = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/org-trail`;
const CONFIG_RULE = `arn:aws:config:eu-west-1:${ACCOUNT}:config-rule/*`;

function grant(service: string | string[], sourceArn: unknown, extra: Record<string, unknown> = {}): unknown {
    return {
        Sid: "ServiceGrant", Effect: "Allow", Principal: { Service: service }, Action: "kms:GenerateDataKey*", Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": sourceArn }, ...extra },
    };
}

/** The secure bucket's key policy with `statement` added. */
async function keyPolicyWith(statement: unknown, preview = false): Promise<{ vs: Violation[]; keyPolicy: string }> {
    const b = new StackBuilder();
    const s = secureBucket(b, "data");
    b.patch(s.keyPolicy, (i) => { i["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [rootStatement(ACCOUNT), statement] }); });
    return { vs: await run(b.build(), { preview }), keyPolicy: s.keyPolicy };
}

function mismatches(vs: Violation[]): Violation[] {
    return vs.filter((v) => v.policyName === POLICY && /an ARN of .* not of .* whose resources/.test(v.message));
}

describe("policy-service-principal-source: aws:SourceArn of another service than the principal's", () => {
    for (const preview of [false, true]) {
        const mode = preview ? "fresh preview" : "after deployment";
        it(`cloudtrail.amazonaws.com pinned to an AWS Config ARN fires on the key policy, advisory (${mode})`, async () => {
            const { vs, keyPolicy } = await keyPolicyWith(grant("cloudtrail.amazonaws.com", CONFIG_RULE), preview);
            const found = mismatches(vs);
            assert.deepStrictEqual(found.map((v) => v.urn), [keyPolicy], describeAll(vs));
            assert.equal(found[0].enforcementLevel, "advisory");
            assert.match(found[0].message, /allows service principal cloudtrail\.amazonaws\.com in statement "ServiceGrant" only for aws:SourceArn arn:aws:config:.*, an ARN of config, not of cloudtrail/);
            assert.match(found[0].message, /Fix: set aws:SourceArn to the ARN of the resource the service acts for/);
        });

        it(`cloudtrail.amazonaws.com pinned to its trail's ARN is silent (${mode})`, async () => {
            const { vs } = await keyPolicyWith(grant("cloudtrail.amazonaws.com", TRAIL), preview);
            assert.deepStrictEqual(vs.filter((v) => v.policyName === POLICY).map((v) => v.message), []);
        });
    }

    it("fires on a bucket policy too (delivery.logs.amazonaws.com pinned to a CloudTrail ARN), and on an aws-native bucket policy", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        const statement = { ...(grant("delivery.logs.amazonaws.com", TRAIL) as object), Action: "s3:PutObject", Resource: "arn:aws:s3:::data-bucket/AWSLogs/*" };
        b.patch(s.policy, (i) => {
            const doc = JSON.parse(String(i["policy"])) as { Statement: unknown[] };
            i["policy"] = JSON.stringify({ ...doc, Statement: [...doc.Statement, statement] });
        });
        const vs = await run(b.build());
        assert.deepStrictEqual(mismatches(vs).map((v) => v.urn), [s.policy], describeAll(vs));
        const n = new StackBuilder();
        const native = nativeBucket(n, "data");
        n.patch(native.policy, (i) => {
            const doc = i["policyDocument"] as { Statement: unknown[] };
            i["policyDocument"] = { ...doc, Statement: [...doc.Statement, statement] };
        });
        const nvs = await run(n.build());
        assert.deepStrictEqual(mismatches(nvs).map((v) => v.urn), [native.policy], describeAll(nvs));
    });

    it("is silent when one of the values is the principal's own service, for several principals each with its own ARN, and for a service not listed", async () => {
        for (const statement of [
            grant("cloudtrail.amazonaws.com", [TRAIL, CONFIG_RULE]),
            grant(["cloudtrail.amazonaws.com", "config.amazonaws.com"], [TRAIL, CONFIG_RULE]),
            grant("logs.eu-west-1.amazonaws.com", `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*`),
            grant("example-unlisted.amazonaws.com", CONFIG_RULE),
            // A wildcard service part can't be read: not judged (precision first).
            grant("cloudtrail.amazonaws.com", `arn:aws:*:eu-west-1:${ACCOUNT}:*`),
        ]) {
            const { vs } = await keyPolicyWith(statement);
            assert.deepStrictEqual(mismatches(vs).map((v) => v.message), [], JSON.stringify(statement));
        }
    });

    it("fires for the principal of several whose own ARN none of the values is", async () => {
        const { vs } = await keyPolicyWith(grant(["cloudtrail.amazonaws.com", "config.amazonaws.com"], TRAIL));
        const found = mismatches(vs);
        assert.equal(found.length, 1, describeAll(vs));
        assert.match(found[0].message, /allows service principal config\.amazonaws\.com .* an ARN of cloudtrail, not of config/);
    });

    it("a negated or IfExists SourceArn clause is no pin and is left to the unpinned check", async () => {
        const { vs } = await keyPolicyWith({
            Sid: "ServiceGrant", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnNotLike: { "aws:SourceArn": CONFIG_RULE } },
        });
        assert.deepStrictEqual(mismatches(vs).map((v) => v.message), []);
    });

    it("the mapping: a principal's ARN services, ARN service parts, and the foreign services of a value list", () => {
        assert.deepStrictEqual(sourceArnServicesOf("cloudtrail.amazonaws.com"), ["cloudtrail"]);
        assert.deepStrictEqual(sourceArnServicesOf("logs.ap-southeast-2.amazonaws.com"), ["logs"]);
        assert.equal(sourceArnServicesOf("example-unlisted.amazonaws.com"), undefined);
        assert.equal(arnServiceOf("arn:aws:s3:::bucket"), "s3");
        assert.equal(arnServiceOf("arn:aws:cloud*:eu-west-1:1:x"), undefined);
        assert.equal(arnServiceOf("not-an-arn"), undefined);
        assert.deepStrictEqual(foreignSourceArnServices("cloudtrail.amazonaws.com", [CONFIG_RULE]), { expected: ["cloudtrail"], found: ["config"] });
        assert.equal(foreignSourceArnServices("cloudtrail.amazonaws.com", [CONFIG_RULE, TRAIL]), undefined);
        assert.equal(foreignSourceArnServices("cloudtrail.amazonaws.com", []), undefined);
    });
});
