// The replication alert topic's policy: S3 may publish events of the monitored source bucket, CloudWatch the
// stack's replication alarms; the same services acting for anyone else's bucket or alarm may not (Amazon S3 User
// Guide, "Granting permissions to publish event notification messages to a destination"; IAM User Guide,
// "The confused deputy problem").
import type { OracleRequest } from "../support/oracle";
import { snsByServiceContext } from "../support/requestContext";
import { ALLOWED, defineScenario, notGranted, type Scenario } from "../support/scenario";
import type { AlertTopicFacts, World } from "../world/types";

const CATEGORY = "Replication monitoring" as const;
const otherAccount = (account: string): string => (account === "999999999999" ? "999999999998" : "999999999999");

function topics(world: World): Array<{ label: string; fixture: AlertTopicFacts }> {
    return world.alertTopics.map((topic) => ({ label: `topic ${topic.arn}`, fixture: topic }));
}

function publish(service: string, source: (t: AlertTopicFacts) => { arn: string; accountId: string }) {
    return (t: AlertTopicFacts): OracleRequest => ({
        principal: service,
        action: "sns:Publish",
        resource: t.arn,
        resourceAccount: t.accountId,
        context: snsByServiceContext(service, source(t), t.accountId, t.region),
        identityPolicies: [],
        resourcePolicy: t.policy,
    });
}

export const monitoringScenarios: ReadonlyArray<Scenario<World>> = [
    defineScenario({
        id: "replication-alert-topic-publishers",
        category: CATEGORY,
        title: "Who may publish to the replication alert topic",
        select: topics,
        legs: [
            { step: "sns:Publish by s3.amazonaws.com for the monitored source bucket", expect: ALLOWED, request: publish("s3.amazonaws.com", (t) => ({ arn: t.sourceBucketArn, accountId: t.accountId })) },
            { step: "sns:Publish by s3.amazonaws.com for another account's bucket", expect: notGranted("resource"), request: publish("s3.amazonaws.com", (t) => ({ arn: "arn:aws:s3:::someone-elses-bucket", accountId: otherAccount(t.accountId) })) },
            { step: "sns:Publish by s3.amazonaws.com for another bucket of the same account", expect: notGranted("resource"), request: publish("s3.amazonaws.com", (t) => ({ arn: "arn:aws:s3:::another-bucket-of-the-account", accountId: t.accountId })) },
            { step: "sns:Publish by cloudwatch.amazonaws.com for a replication alarm of the stack", expect: ALLOWED, request: publish("cloudwatch.amazonaws.com", (t) => ({ arn: t.alarmArns[0], accountId: t.accountId })) },
            { step: "sns:Publish by cloudwatch.amazonaws.com for another account's alarm", expect: notGranted("resource"), request: publish("cloudwatch.amazonaws.com", (t) => ({ arn: `arn:aws:cloudwatch:${t.region}:${otherAccount(t.accountId)}:alarm:any`, accountId: otherAccount(t.accountId) })) },
        ],
    }),
];
