// Benchmark 3's program: `buckets` EncryptedBuckets (config, default 500), each with its own key, spread
// over two accounts and two regions. Names are fixed so preview knows every property the pack reads.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptedBucket } from "../../../components";

const count = new pulumi.Config().getNumber("buckets") ?? 500;
const placements = [
    { accountId: "111111111111", region: "eu-west-1" },
    { accountId: "222222222222", region: "eu-central-1" },
];
const providers = placements.map(
    (p) => new aws.Provider(`${p.accountId}-${p.region}`, { region: p.region, assumeRoles: [{ roleArn: `arn:aws:iam::${p.accountId}:role/deployer` }] }),
);

for (let i = 0; i < count; i++) {
    const placement = placements[i % placements.length];
    new EncryptedBucket(`bench-${i}`, { ...placement, bucketName: `eb-bench-${i}-${placement.region}` }, { provider: providers[i % providers.length] });
}
