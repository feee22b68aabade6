// Another team's program built on EncryptedBucket (not the repository's stack program, which has its own
// continuity checks). Each edit e2e/componentDataSafety.spec.ts makes is one a team makes in its code: the spec
// sets it through this stack's configuration so that one staged program serves every step.
//   name          the component's name (a rename)         previousName  passed as `aliases` (a rename with aliases)
//   keyArn        an existing key instead of its own key   provider      "data" (default), "other-account" or "other-region"
//   accountId     the component's accountId argument        protect       the component's protect argument (default: the component's)
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptedBucket, ExternalKey } from "../../../components";

const config = new pulumi.Config();
const dataAccount = "111111111111";
const otherAccount = "222222222222";

const providers: Record<string, aws.Provider> = {
    data: new aws.Provider("data", { region: "eu-west-1", assumeRoles: [{ roleArn: `arn:aws:iam::${dataAccount}:role/deployer` }] }),
    "other-account": new aws.Provider("other-account", { region: "eu-west-1", assumeRoles: [{ roleArn: `arn:aws:iam::${otherAccount}:role/deployer` }] }),
    "other-region": new aws.Provider("other-region", { region: "eu-central-1", assumeRoles: [{ roleArn: `arn:aws:iam::${dataAccount}:role/deployer` }] }),
};
const provider = providers[config.get("provider") ?? "data"];
const name = config.get("name") ?? "reports";
const previousName = config.get("previousName");
const accountId = config.get("accountId") ?? dataAccount;
const keyArn = config.get("keyArn");
const protect = config.getBoolean("protect");

const opts = { provider, ...(previousName !== undefined ? { aliases: [{ name: previousName }] } : {}) };
const key = keyArn !== undefined ? new ExternalKey(`${name}-existing`, { arn: keyArn, region: "eu-west-1" }, opts) : undefined;
const reports = new EncryptedBucket(name, {
    accountId, region: "eu-west-1",
    ...(key !== undefined ? { key } : {}),
    ...(protect !== undefined ? { protect } : {}),
}, opts);

export const bucketName = reports.bucketName;
export const keyArnInUse = reports.key.arn;
