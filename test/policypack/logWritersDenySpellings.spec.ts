// Regression (precision, found probing spellings of a log bucket's writers deny): s3-access-log-target accepted only
// AWS's exact `Bool aws:PrincipalIsAWSService = false` and reported the same guarantee spelt otherwise as "does not
// deny s3:PutObject to callers other than AWS services": `BoolIfExists` (the key is in every request, "AWS global
// condition context keys"), a string operator on "false", or `StringNotEquals aws:PrincipalServiceName
// logging.s3.amazonaws.com` (denies every caller but log delivery). Still reported: a deny that stops log delivery
// too, or one that a caller outside AWS services gets around. A deny that spares some objects (NotResource) too.
import * as assert from "assert";
import { FixtureValue, ref } from "../../policypack/fixtures/format";
import { loggedData, logBucketStatements } from "../../policypack/fixtures/accessLogs";
import { run } from "./support/run";
import { fixtureStack } from "./support/fixtureStack";

const POLICY = "s3-access-log-target";

/** The log bucket's policy with its writers' deny on every object, `deny` replacing its Condition (or its Resource, by NotResource). */
async function fires(deny: Record<string, FixtureValue>): Promise<boolean> {
    const [tls, , logDelivery] = logBucketStatements("logs", "data");
    const resources: Record<string, FixtureValue> = "NotResource" in deny ? {} : { Resource: ref("logs", "arn", "/*") };
    const statements: FixtureValue[] = [tls, { Sid: "DenyOtherWriters", Effect: "Deny", Principal: "*", Action: "s3:PutObject", ...resources, ...deny }, logDelivery];
    const violations = await run(fixtureStack({ title: "log bucket", resources: loggedData({ statements }) }));
    return violations.some((v) => v.policyName === POLICY && v.message.includes("does not deny s3:PutObject"));
}

describe(`policy pack: ${POLICY} reads the writers' deny as IAM evaluates it`, () => {
    const compliant: [string, Record<string, FixtureValue>][] = [
        ["AWS's Bool aws:PrincipalIsAWSService false", { Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } } }],
        ["BoolIfExists", { Condition: { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } }],
        ["StringEquals \"false\"", { Condition: { StringEquals: { "aws:PrincipalIsAWSService": "false" } } }],
        ["StringNotEquals aws:PrincipalServiceName logging.s3.amazonaws.com", { Condition: { StringNotEquals: { "aws:PrincipalServiceName": "logging.s3.amazonaws.com" } } }],
        ["both, ANDed", { Condition: { Bool: { "aws:PrincipalIsAWSService": "false" }, StringNotEqualsIfExists: { "aws:PrincipalServiceName": "logging.s3.amazonaws.com" } } }],
    ];
    for (const [what, deny] of compliant) {
        it(`does not fire on ${what}`, async () => {
            assert.strictEqual(await fires(deny), false);
        });
    }
    const violating: [string, Record<string, FixtureValue>][] = [
        ["Bool aws:PrincipalIsAWSService true (denies the services, not the others)", { Condition: { Bool: { "aws:PrincipalIsAWSService": "true" } } }],
        ["StringNotEquals aws:PrincipalServiceName naming another service (denies log delivery too)", { Condition: { StringNotEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com" } } }],
        ["StringEquals aws:PrincipalServiceName logging.s3.amazonaws.com (denies log delivery only)", { Condition: { StringEquals: { "aws:PrincipalServiceName": "logging.s3.amazonaws.com" } } }],
        ["a second condition on another key (a caller from that network gets around it)", { Condition: { Bool: { "aws:PrincipalIsAWSService": "false" }, StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }],
        ["no condition (denies log delivery too)", {}],
        ["a NotResource sparing a prefix", { NotResource: ref("logs", "arn", "/uploads/*"), Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } } }],
    ];
    for (const [what, deny] of violating) {
        it(`fires on ${what}`, async () => {
            assert.strictEqual(await fires(deny), true);
        });
    }
});
