import * as assert from "assert";
import type * as awsTypes from "@pulumi/aws";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";

describe("test/support/mocks (fake AWS behind Pulumi mocks)", function () {
    let mocks: FakeAwsMockSession;
    let aws: typeof awsTypes;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "mocks-spec" });
        aws = await import("@pulumi/aws");
    });
    beforeEach(() => mocks.reset());

    it("places a resource in the account and region of its provider", async () => {
        const backup = new aws.Provider("backup", {
            region: "eu-central-1",
            assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/deploy", sessionName: "t" }],
            allowedAccountIds: ["222222222222"],
        });
        const key = new aws.kms.Key("k", { enableKeyRotation: true }, { provider: backup });
        const arn = await promiseOf(key.arn);
        assert.match(arn, /^arn:aws:kms:eu-central-1:222222222222:key\/[0-9a-f-]{36}$/);
        await mocks.settled();
        const recorded = mocks.named("k", "aws:kms/key:Key");
        assert.equal(recorded.context.accountId, "222222222222");
        assert.match(recorded.provider ?? "", /::backup::[0-9a-f-]{36}$/);
    });

    it("answers invokes in the provider's account", async () => {
        const consumer = new aws.Provider("consumer", { region: "eu-west-1", allowedAccountIds: ["333333333333"] });
        const identity = await aws.getCallerIdentity({}, { provider: consumer });
        assert.equal(identity.accountId, "333333333333");
    });

    it("answers getCallerIdentity as the provider's assumed role, and getSessionContext with that role's ARN", async () => {
        const deployer = new aws.Provider("deployer", {
            region: "eu-west-1",
            assumeRoles: [{ roleArn: "arn:aws:iam::444444444444:role/platform/deployer", sessionName: "ci" }],
        });
        const identity = await aws.getCallerIdentity({}, { provider: deployer });
        assert.equal(identity.arn, "arn:aws:sts::444444444444:assumed-role/deployer/ci");
        assert.match(identity.userId, /^AROA[A-Z2-7]{17}:ci$/);
        const session = await aws.iam.getSessionContext({ arn: identity.arn }, { provider: deployer });
        assert.equal(session.issuerArn, "arn:aws:iam::444444444444:role/platform/deployer");
        assert.equal(session.sessionName, "ci");
    });

    it("records component resources with custom=false", async () => {
        const pulumi = await import("@pulumi/pulumi");
        new pulumi.ComponentResource("test:index:Thing", "thing", {}, {});
        await mocks.settled();
        assert.equal(mocks.named("thing").custom, false);
    });
});
