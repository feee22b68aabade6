// One test per rejected input: each names the field path and says how to fix it.
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { assertRejected, rejection, validConfig } from "./fixtures";

type Bucket = Record<string, unknown> & { grants?: Record<string, unknown>[]; replicas?: Record<string, unknown>[] };
const bucket = (c: ReturnType<typeof validConfig>, i: number) => c.buckets[i] as Bucket;

describe("config: rejected inputs", () => {
    it("the fixture itself is valid (so each rejection below comes from its one change)", () => {
        assert.doesNotThrow(() => parseStackConfig(validConfig()));
    });

    describe("accounts", () => {
        it("rejects an account id that is not 12 digits", () => {
            const c = validConfig();
            c.accounts.data.accountId = "11111111111";
            assertRejected(c, "accounts.data.accountId", /12 digits/);
        });
        it("rejects an unquoted (numeric) account id", () => {
            const c = validConfig();
            c.accounts.data.accountId = 111111111111;
            assertRejected(c, "accounts.data.accountId", /in quotes/);
        });
        it("rejects a region that is not an AWS region code", () => {
            const c = validConfig();
            c.accounts.data.region = "eu-west-1a";
            assertRejected(c, "accounts.data.region", /not an AWS region.*eu-west-1/);
        });
        it("rejects a malformed role ARN", () => {
            const c = validConfig();
            c.accounts.data.roleArn = "arn:aws:iam:111111111111:role/deploy";
            assertRejected(c, "accounts.data.roleArn", /not an IAM role ARN\. Fix: use arn:aws:iam::<account id>:role/);
        });
        it("rejects a role in another account than accountId", () => {
            const c = validConfig();
            c.accounts.data.roleArn = "arn:aws:iam::999999999999:role/deploy";
            assertRejected(c, "accounts.data.roleArn", /role is in account 999999999999 but accounts.data.accountId is 111111111111/);
        });
        it("rejects an empty accounts map", () => {
            const c = validConfig();
            c.accounts = {};
            assertRejected(c, "accounts", /at least one account/);
        });
    });

    describe("buckets", () => {
        it("rejects an empty bucket list", () => {
            const c = validConfig();
            c.buckets = [];
            assertRejected(c, "buckets", /at least one bucket/);
        });
        it("rejects a bucket region that is not a region", () => {
            const c = validConfig();
            bucket(c, 1).region = "europe";
            assertRejected(c, "buckets[1].region", /not an AWS region/);
        });
        it("rejects a bucket account alias with no entry in accounts", () => {
            const c = validConfig();
            bucket(c, 1).account = "ghost";
            assertRejected(c, "buckets[1].account", /"ghost" has no entry in encrypted-buckets:accounts; add accounts.ghost or use one of: data, backup, analytics/);
        });
        it("rejects duplicate logical bucket names", () => {
            const c = validConfig();
            bucket(c, 1).name = "raw";
            assertRejected(c, "buckets[1].name", /duplicate bucket name "raw"/);
        });
        it("rejects a physical bucket name used twice (bucket and replica)", () => {
            const c = validConfig();
            bucket(c, 0).bucketName = "acme-raw";
            bucket(c, 0).replicas![0].bucketName = "acme-raw";
            assertRejected(c, "buckets[0].replicas[0].bucketName", /"acme-raw" is also used by encrypted-buckets:buckets\[0\].bucketName/);
        });
        it("rejects what the components reject: one field declaration for both layers", () => {
            // These once passed the components and failed only here (issue 15): both now use components/args/fields.ts.
            const c = validConfig();
            bucket(c, 1).bucketName = "my-bucket.mrap";
            assertRejected(c, "buckets[1].bucketName", /is "my-bucket.mrap", not a valid S3 bucket name/);
            const d = validConfig();
            bucket(d, 1).region = "ap-southeast-10";
            assertRejected(d, "buckets[1].region", /is "ap-southeast-10", not an AWS region of the aws partition/);
        });
        it("rejects a physical bucket name that breaks S3 naming rules", () => {
            const c = validConfig();
            bucket(c, 1).bucketName = "Acme_Curated";
            assertRejected(c, "buckets[1].bucketName", /lower-case letters, digits, dots and hyphens/);
        });
        it("rejects a logical name that cannot become a resource name", () => {
            const c = validConfig();
            bucket(c, 1).name = "Curated Data";
            assertRejected(c, "buckets[1].name", /lower-case letters, digits or hyphens/);
        });
        it("rejects a misspelled setting instead of ignoring it", () => {
            const c = validConfig();
            bucket(c, 1).bucketKeyEnable = false;
            assertRejected(c, "buckets[1]", /unknown setting "bucketKeyEnable"/);
        });
        it("rejects a misspelled top-level key", () => {
            const c = validConfig();
            c.bucket = [];
            assertRejected(c, "", /unknown setting "bucket"/);
        });
    });

    describe("keys", () => {
        it("rejects a deletion window below 7 days", () => {
            const c = validConfig();
            (bucket(c, 1).key as Record<string, unknown>).deletionWindowInDays = 6;
            assertRejected(c, "buckets[1].key.deletionWindowInDays", /at least 7 days.*7-30/);
        });
        it("rejects a deletion window above 30 days", () => {
            const c = validConfig();
            c.keys!.shared.deletionWindowInDays = 31;
            assertRejected(c, "keys.shared.deletionWindowInDays", /at most 30 days/);
        });
        it("rejects a fractional deletion window", () => {
            const c = validConfig();
            (bucket(c, 1).key as Record<string, unknown>).deletionWindowInDays = 7.5;
            assertRejected(c, "buckets[1].key.deletionWindowInDays", /whole number/);
        });
        it("rejects a key given as an alias, saying how to get the key ARN", () => {
            const c = validConfig();
            bucket(c, 1).key = "alias/existing";
            assertRejected(c, "buckets[1].key", /is a KMS alias.*existing key's ARN.*describe-key --key-id alias\/existing/);
        });
        it("rejects an existing key ARN in another region than the bucket", () => {
            const c = validConfig();
            bucket(c, 1).key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            assertRejected(c, "buckets[1].key", /key in us-east-1 but the bucket is in eu-west-1/);
        });
        it("rejects a shared key name with no entry in keys", () => {
            const c = validConfig();
            bucket(c, 1).key = "sharred";
            assertRejected(c, "buckets[1].key", /shared key "sharred" has no entry in encrypted-buckets:keys.*one of: shared/);
        });
        it("rejects a shared key in another account than its bucket", () => {
            const c = validConfig();
            bucket(c, 0).replicas = [];
            bucket(c, 0).account = "analytics";
            bucket(c, 0).grants = [];
            assertRejected(c, "buckets[0].key", /shared key "shared" is in account data but this bucket is in account analytics/);
        });
        it("rejects a shared key in another region than its bucket", () => {
            const c = validConfig();
            c.keys!.shared.region = "us-east-1";
            assertRejected(c, "buckets[0].key", /shared key "shared" is in us-east-1 but this bucket is in eu-west-1; S3 needs a key in the bucket's region/);
        });
        it("rejects a shared key whose account alias is unknown", () => {
            const c = validConfig();
            c.keys!.shared.account = "ghost";
            assertRejected(c, "keys.shared.account", /"ghost" has no entry/);
        });
        it("rejects an alias that is not alias/<name>", () => {
            const c = validConfig();
            (bucket(c, 1).key as Record<string, unknown>).alias = "curated";
            assertRejected(c, "buckets[1].key.alias", /alias\/<name>/);
        });
        it("rejects the reserved alias/aws/ prefix", () => {
            const c = validConfig();
            (bucket(c, 1).key as Record<string, unknown>).alias = "alias/aws/s3";
            assertRejected(c, "buckets[1].key.alias", /reserved for AWS managed keys/);
        });
        it("rejects one alias used by two keys in the same account and region", () => {
            const c = validConfig();
            (bucket(c, 1).key as Record<string, unknown>).alias = "alias/shared";
            assertRejected(c, "buckets[1].key.alias", /alias\/shared is already used by encrypted-buckets:keys.shared.alias/);
        });
        it("rejects a key administrator that is not an IAM principal ARN", () => {
            const c = validConfig();
            c.keys!.shared.administrators = ["kms-admin"];
            assertRejected(c, "keys.shared.administrators[0]", /not an IAM principal ARN/);
        });
        it("rejects rootDelegation: false without administrators (key lockout)", () => {
            const c = validConfig();
            (bucket(c, 1).key as Record<string, unknown>).rootDelegation = false;
            assertRejected(c, "buckets[1].key.administrators", /nobody could manage the key/);
        });
        it("rejects a key user that is also a key administrator (separation of duties)", () => {
            const c = validConfig();
            c.keys!.shared.users = ["arn:aws:iam::111111111111:role/reader", "arn:aws:iam::111111111111:role/kms-admin"];
            assertRejected(c, "keys.shared.users[1]", /also one of the key's administrators; separation of duties.*Fix: use a separate role/);
        });
        it("rejects the deploying role as a key user while rootDelegation is false (it becomes an administrator)", () => {
            const c = validConfig();
            Object.assign(bucket(c, 1).key as Record<string, unknown>, {
                rootDelegation: false, administrators: ["arn:aws:iam::111111111111:role/kms-admin"], users: ["arn:aws:iam::111111111111:role/deploy"],
            });
            assertRejected(c, "buckets[1].key.users[0]", /the role that deploys the key, which becomes a key administrator/);
        });
    });

    describe("guardrails", () => {
        it("rejects an unknown encryption header mode", () => {
            const c = validConfig();
            bucket(c, 1).guardrails = { encryptionHeader: "paranoid" };
            assertRejected(c, "buckets[1].guardrails.encryptionHeader", /compatible.*strict.*strict-key/);
        });
        it("rejects a minimum TLS version below 1.2", () => {
            const c = validConfig();
            bucket(c, 1).guardrails = { minimumTlsVersion: "1.0" };
            assertRejected(c, "buckets[1].guardrails.minimumTlsVersion", /"1.2", "1.3" \(quote it in YAML\)/);
        });
        it("rejects a non-boolean toggle", () => {
            const c = validConfig();
            bucket(c, 1).guardrails = { denySseC: "yes" };
            assertRejected(c, "buckets[1].guardrails.denySseC", /true or false/);
        });
    });

    describe("grants", () => {
        it("rejects an unknown grant kind", () => {
            const c = validConfig();
            bucket(c, 0).grants![0].access = "admin";
            assertRejected(c, "buckets[0].grants[0].access", /is "admin"\. Fix: use one of "read", "write", "read-write"/);
        });
        it("rejects a principal that is not an IAM user or role ARN", () => {
            const c = validConfig();
            bucket(c, 0).grants![0].principal = "arn:aws:iam::111111111111:group/admins";
            assertRejected(c, "buckets[0].grants[0].principal", /not an IAM user or role ARN/);
        });
        it("rejects an assumed-role session ARN as principal", () => {
            const c = validConfig();
            bucket(c, 0).grants![0].principal = "arn:aws:sts::111111111111:assumed-role/ingest/session";
            assertRejected(c, "buckets[0].grants[0].principal", /not an IAM user or role ARN/);
        });
        it("rejects a consumerAccount alias with no entry in accounts", () => {
            const c = validConfig();
            bucket(c, 0).grants![1].consumerAccount = "analytic";
            assertRejected(c, "buckets[0].grants[1].consumerAccount", /"analytic" has no entry in encrypted-buckets:accounts/);
        });
        it("rejects a consumerAccount that is not the principal's account", () => {
            const c = validConfig();
            bucket(c, 0).grants![1].consumerAccount = "backup";
            assertRejected(c, "buckets[0].grants[1].consumerAccount", /accounts.backup is account 222222222222 but the principal is in account 333333333333/);
        });
        it("rejects a consumerAccount on a same-account grant", () => {
            const c = validConfig();
            c.accounts["data-us"] = { accountId: "111111111111", region: "us-east-1", roleArn: "arn:aws:iam::111111111111:role/deploy" };
            bucket(c, 0).grants![0].consumerAccount = "data-us";
            assertRejected(c, "buckets[0].grants[0].consumerAccount", /bucket's own account; omit consumerAccount/);
        });
        it("rejects two grants for one principal and prefix", () => {
            const c = validConfig();
            bucket(c, 0).grants!.push({ principal: "arn:aws:iam::111111111111:role/ingest", access: "read", prefix: "incoming/" });
            assertRejected(c, "buckets[0].grants[2].principal", /already has a grant on this prefix.*read-write/);
        });
        it("rejects a prefix with a leading slash", () => {
            const c = validConfig();
            bucket(c, 0).grants![0].prefix = "/incoming/";
            assertRejected(c, "buckets[0].grants[0].prefix", /starts with \/, but S3 keys have no leading slash/);
        });
        it("rejects a prefix with a wildcard", () => {
            const c = validConfig();
            bucket(c, 0).grants![0].prefix = "incoming/*";
            assertRejected(c, "buckets[0].grants[0].prefix", /contains \* or \? \(they would act as wildcards\)/);
        });
        it("rejects a prefix with an IAM policy variable", () => {
            const c = validConfig();
            bucket(c, 0).grants![0].prefix = "home/${aws:username}/";
            assertRejected(c, "buckets[0].grants[0].prefix", /contains \$\{, the start of an IAM policy variable/);
        });
    });

    describe("replicas", () => {
        it("rejects a replica in the source's region without allowSameRegion", () => {
            const c = validConfig();
            bucket(c, 0).replicas![0] = { account: "analytics" };
            assertRejected(c, "buckets[0].replicas[0].region", /the source's own region\. Fix: .*allowSameRegion: true/);
        });
        it("accepts the same replica with allowSameRegion: true", () => {
            const c = validConfig();
            bucket(c, 0).replicas![0] = { account: "analytics", allowSameRegion: true };
            assert.equal(parseStackConfig(c).buckets[0].replicas[0].region, "eu-west-1");
        });
        it("rejects a replica account alias with no entry in accounts", () => {
            const c = validConfig();
            bucket(c, 0).replicas![0].account = "dr";
            assertRejected(c, "buckets[0].replicas[0].account", /"dr" has no entry in encrypted-buckets:accounts/);
        });
        it("rejects a replica whose shared key is in another region", () => {
            const c = validConfig();
            bucket(c, 0).replicas![0].key = "shared";
            assertRejected(c, "buckets[0].replicas[0].key", /shared key "shared" is in account data but this bucket is in account backup/);
        });
        it("rejects an unknown storage class", () => {
            const c = validConfig();
            bucket(c, 0).replicas![0].storageClass = "COLD";
            assertRejected(c, "buckets[0].replicas[0].storageClass", /Fix: use one of "STANDARD"/);
        });
        it("rejects two replicas with one priority", () => {
            const c = validConfig();
            c.accounts.dr = { accountId: "444444444444", region: "us-east-1", roleArn: "arn:aws:iam::444444444444:role/deploy" };
            bucket(c, 0).replicas = [{ account: "backup", priority: 1 }, { account: "dr", priority: 1 }];
            assertRejected(c, "buckets[0].replicas[1].priority", /is 1, the same as replicas\[0\]\.priority\. Fix: give each destination a distinct priority/);
        });
        it("rejects two replicas to the same account and region", () => {
            const c = validConfig();
            bucket(c, 0).replicas = [{ account: "backup" }, { account: "backup", region: "eu-central-1" }];
            assertRejected(c, "buckets[0].replicas[1].region", /already replicates to account backup in eu-central-1/);
        });
        it("rejects delete-marker replication on a tag-filtered rule", () => {
            const c = validConfig();
            bucket(c, 0).replicas![0].filter = { tags: { replicate: "yes" } };
            bucket(c, 0).replicas![0].deleteMarkerReplication = true;
            assertRejected(c, "buckets[0].replicas[0].deleteMarkerReplication", /tag-based rules/);
        });
        it("rejects different replication role names for one bucket", () => {
            const c = validConfig();
            c.accounts.dr = { accountId: "444444444444", region: "us-east-1", roleArn: "arn:aws:iam::444444444444:role/deploy" };
            bucket(c, 0).replicas = [{ account: "backup", roleName: "a-replication" }, { account: "dr", roleName: "b-replication" }];
            assertRejected(c, "buckets[0].replicas[1].roleName", /one role replicates a bucket to all its replicas/);
        });
        it("rejects an invalid role name", () => {
            const c = validConfig();
            bucket(c, 0).replicas![0].roleName = "role with spaces";
            assertRejected(c, "buckets[0].replicas[0].roleName", /IAM role name/);
        });
    });

    describe("AWS deploy-time rules (shared with the components and the e2e stand-in: awsrules/)", () => {
        it("rejects a region that has the shape of one but does not exist, and other partitions", () => {
            for (const region of ["eu-west-9", "ap-southeast-10", "us-gov-west-1"]) {
                const c = validConfig();
                c.accounts.backup.region = region;
                assertRejected(c, "accounts.backup.region", /not an AWS region of the aws partition/);
                const d = validConfig();
                bucket(d, 1).region = region;
                assertRejected(d, "buckets[1].region", /not an AWS region/);
            }
        });
        it("accepts regions the AWS SDK lists, new ones included", () => {
            const c = validConfig();
            c.accounts.backup.region = "ap-southeast-7";
            assert.doesNotThrow(() => parseStackConfig(c));
        });
        it("rejects a bucket name with a hyphen next to a dot", () => {
            const c = validConfig();
            bucket(c, 1).bucketName = "abc.-def";
            assertRejected(c, "buckets[1].bucketName", /hyphen next to a dot.*S3 bucket naming rules/);
        });
        it("rejects a replica whose generated bucket name would exceed 63 characters", () => {
            const r = validConfig();
            bucket(r, 0).name = "analytics-results-archive";
            assertRejected(r, "buckets[0].replicas[0].bucketName", /analytics-results-archive-replica-backup-eu-central-1-bucket-<7 random characters> would be 68 characters long.*set bucketName/);
            bucket(r, 0).replicas![0].bucketName = "acme-replica";
            assert.doesNotThrow(() => parseStackConfig(r));
        });
        it("rejects tags AWS refuses: aws: prefix, more than 50, long keys and values", () => {
            const c = validConfig();
            c.tags = { "aws:owner": "me" };
            assertRejected(c, "tags", /aws:, a prefix reserved/);
            const many = validConfig();
            bucket(many, 0).tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
            assertRejected(many, "buckets[0].tags", /51 tags; a resource takes at most 50/);
            const long = validConfig();
            bucket(long, 0).tags = { ["k".repeat(129)]: "v" };
            assertRejected(long, "buckets[0].tags", /1-128 characters/);
        });
        it("rejects stack tags and bucket tags that together exceed 50", () => {
            const c = validConfig();
            c.tags = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`s${i}`, "v"]));
            bucket(c, 0).tags = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`b${i}`, "v"]));
            assertRejected(c, "buckets[0].tags", /together with encrypted-buckets:tags has 51 tags/);
            delete (bucket(c, 0).tags as Record<string, string>)["b0"];
            assert.doesNotThrow(() => parseStackConfig(c));
        });
    });

    describe("protection", () => {
        it("refuses forceDestroy on a bucket of a protected stack (the default) without an acknowledgement", () => {
            const c = validConfig();
            bucket(c, 1).forceDestroy = true;
            assertRejected(c, "buckets[1].forceDestroy", /stack is protected.*acknowledge: \{ forceDestroy: true \}/);
        });
        it("refuses forceDestroy on a replica of a protected stack, judged on the replica's own setting", () => {
            const c = validConfig();
            bucket(c, 0).replicas![0].forceDestroy = true;
            assertRejected(c, "buckets[0].replicas[0].forceDestroy", /stack is protected/);
        });
        it("accepts forceDestroy when the bucket acknowledges it, or when the stack is not protected", () => {
            const acknowledged = validConfig();
            bucket(acknowledged, 1).forceDestroy = true;
            bucket(acknowledged, 1).acknowledge = { forceDestroy: true };
            assert.doesNotThrow(() => parseStackConfig(acknowledged));
            const unprotected = validConfig();
            unprotected.protect = false;
            bucket(unprotected, 1).forceDestroy = true;
            assert.doesNotThrow(() => parseStackConfig(unprotected));
        });
        it("rejects a malformed acknowledgement or protect setting", () => {
            const c = validConfig();
            bucket(c, 0).acknowledge = { replaceBucket: "acme-raw" };
            assertRejected(c, "buckets[0].acknowledge.replaceBucket", /list of deployed bucket names/);
            const d = validConfig();
            bucket(d, 0).acknowledge = { retire: ["x"] };
            assertRejected(d, "buckets[0].acknowledge", /unknown setting "retire"/);
            const e = validConfig();
            e.protect = "yes";
            assertRejected(e, "protect", /true or false/);
        });
    });

    it("lists every problem at once", () => {
        const c = validConfig();
        c.accounts.data.accountId = "1";
        bucket(c, 0).grants![0].access = "admin";
        (bucket(c, 1).key as Record<string, unknown>).deletionWindowInDays = 99;
        const error = rejection(c);
        assert.deepStrictEqual(
            error.problems.map((p) => p.path),
            ["encrypted-buckets:accounts.data.accountId", "encrypted-buckets:buckets[0].grants[0].access", "encrypted-buckets:buckets[1].key.deletionWindowInDays"],
        );
    });
});
