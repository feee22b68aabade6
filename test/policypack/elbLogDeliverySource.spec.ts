// policy-service-principal-source on Elastic Load Balancing's log delivery. AWS's documented bucket policy for it
// ("Enable access logs for your Application Load Balancer", Step 2) has no condition: its Resource,
// `<bucket>/<prefix>/AWSLogs/<account id>/*`, is what pins the source, because ELB writes a load balancer's logs under
// its own account's path only ("Access logs for your Application Load Balancer", Access log files). A stack written
// the way AWS documents gets no finding, at any level; a grant that reaches another account's path still gets one.
import * as assert from "assert";
import { albLogStatements } from "../../policypack/fixtures/albLogs";
import { logBucket } from "../../policypack/fixtures/accessLogs";
import { FixtureValue, ref } from "../../policypack/fixtures/format";
import { POLICY_SERVICE_PRINCIPAL_SOURCE } from "../../policypack/policies/policyServicePrincipalSource";
import { describeAll, run } from "./support/run";
import { fixtureStack } from "./support/fixtureStack";

const ELB = "logdelivery.elasticloadbalancing.amazonaws.com";

function elbAllow(resource: FixtureValue, extra: Record<string, FixtureValue> = {}): FixtureValue {
    return { Sid: "AllowElbLogDelivery", Effect: "Allow", Principal: { Service: ELB }, Action: "s3:PutObject", Resource: resource, ...extra };
}

const cases: { title: string; statement: FixtureValue; fires: boolean }[] = [
    { title: "one account's AWSLogs path (AWS's documented policy)", statement: elbAllow(ref("logs", "arn", "/web/AWSLogs/111111111111/*")), fires: false },
    { title: "one account's path, a literal ARN", statement: elbAllow("arn:aws:s3:::acme-logs/web/AWSLogs/111111111111/*"), fires: false },
    { title: "two accounts' paths of a central log bucket", statement: elbAllow([ref("logs", "arn", "/a/AWSLogs/111111111111/*"), ref("logs", "arn", "/b/AWSLogs/222222222222/*")]), fires: false },
    { title: "the older service name logdelivery.elb.amazonaws.com", statement: { ...(elbAllow(ref("logs", "arn", "/web/AWSLogs/111111111111/*")) as object), Principal: { Service: "logdelivery.elb.amazonaws.com" } }, fires: false },
    { title: "every object of the bucket", statement: elbAllow(ref("logs", "arn", "/*")), fires: true },
    { title: "every account's AWSLogs path", statement: elbAllow(ref("logs", "arn", "/web/AWSLogs/*")), fires: true },
    { title: "a wildcard before the AWSLogs path (another prefix can end in another account's path)", statement: elbAllow(ref("logs", "arn", "/*/AWSLogs/111111111111/*")), fires: true },
    { title: "one of two paths open to every account", statement: elbAllow([ref("logs", "arn", "/a/AWSLogs/111111111111/*"), ref("logs", "arn", "/b/*")]), fires: true },
    { title: "another service confined to an AWSLogs path (only ELB writes under its own account's path)", statement: { ...(elbAllow(ref("logs", "arn", "/web/AWSLogs/111111111111/*")) as object), Principal: { Service: "delivery.logs.amazonaws.com" } }, fires: true },
];

describe("policy pack: policy-service-principal-source and Elastic Load Balancing's log delivery", () => {
    for (const c of cases) {
        it(`${c.fires ? "fires" : "is silent"} on ELB log delivery to ${c.title}`, async () => {
            const resources = fixtureStack({ title: c.title, resources: logBucket({ statements: [albLogStatements()[0], c.statement] }) });
            const violations = (await run(resources)).filter((v) => v.policyName === POLICY_SERVICE_PRINCIPAL_SOURCE);
            assert.strictEqual(violations.length > 0, c.fires, describeAll(violations));
        });
    }
});
