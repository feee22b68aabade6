import * as pulumi from "@pulumi/pulumi";
import { applyBoth } from "../combineOutputs";
import { EncryptedBucket } from "../encryptedBucket";
import { GrantTarget } from "../policy/grants";
import { organizationReadBucketStatements, organizationReadIdentityPolicy, organizationReadKeyStatement, organizationReadRetiredKeyStatement, organizationReadSids, OrganizationReadSubject } from "../policy/serviceGrants";
import { retiredKeysOfProgram, withRetiredKeys } from "../retiredKeys";
import { sidFragment } from "../policy/sids";
import { PolicyDocument } from "../policy/types";
import { InvalidArgumentError, parseArgs } from "../args/parseArgs";
import { bucketOrganizationReadArgsSchema, BucketOrganizationReadFields } from "./args";

export const BUCKET_ORGANIZATION_READ_TYPE = "encrypted-buckets:s3:BucketOrganizationRead";

export interface BucketOrganizationReadArgs extends BucketOrganizationReadFields {
    bucket: EncryptedBucket;
}

/**
 * Read access for the principals of every account of an AWS Organization except the bucket's own
 * (`aws:PrincipalOrgID`): bucket-policy and key-policy Allows for Principal "*" pinned to the
 * organisation. Across accounts a principal also needs an IAM policy of its own account (IAM User
 * Guide, "Cross-account policy evaluation logic"): `memberPolicyJson` is that policy, for the member
 * accounts' administrators. Read only: an organisation-wide write is refused by the schema.
 */
export class BucketOrganizationRead extends pulumi.ComponentResource {
    public readonly organizationId: string;
    public readonly prefix: string | undefined;
    public readonly memberPolicy: pulumi.Output<PolicyDocument>;
    public readonly memberPolicyJson: pulumi.Output<string>;
    public readonly sidBase: string;

    constructor(name: string, args: BucketOrganizationReadArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const where = `BucketOrganizationRead "${name}"`;
        if (!(args?.bucket instanceof EncryptedBucket)) {
            throw new InvalidArgumentError(where, "bucket", "is not an EncryptedBucket", "pass the EncryptedBucket component the grant is for");
        }
        const { bucket, ...fields } = args;
        const parsed = parseArgs(where, bucketOrganizationReadArgsSchema, fields);
        const subject: OrganizationReadSubject = { organizationId: parsed.organizationId, prefix: parsed.prefix, sidBase: `Org${sidFragment(name)}` };
        const sids = organizationReadSids(subject.sidBase);
        bucket.key.reserveSids(where, [sids.keyUse]);
        const retiredOfProgram = retiredKeysOfProgram(parsed.retiredKeys);
        for (const retired of retiredOfProgram) {
            retired.reserveSids(where, [sids.retiredKeys]);
        }
        bucket.reservePolicySids(where, [sids.list, sids.objects]);
        super(BUCKET_ORGANIZATION_READ_TYPE, name, {}, { parent: bucket, ...opts });
        this.organizationId = subject.organizationId;
        this.prefix = subject.prefix;
        this.sidBase = subject.sidBase;

        const current = applyBoth(
            bucket.bucketName,
            bucket.key.arn,
            (bucketName, keyArn): GrantTarget => ({ bucketName, keyArn, bucketAccountId: bucket.accountId, region: bucket.region }),
        );
        bucket.key.addStatements(current.apply((t) => organizationReadKeyStatement(subject, t)));
        // A retired key of this program is still managed here (another bucket uses it): its policy keeps the organisation's Decrypt.
        for (const retired of retiredOfProgram) {
            retired.addStatements(current.apply((t) => organizationReadRetiredKeyStatement(subject, t)));
        }
        const target = withRetiredKeys(current, parsed.retiredKeys);
        bucket.addPolicyStatementList(current.apply((t) => organizationReadBucketStatements(subject, t)));
        this.memberPolicy = target.apply((t) => organizationReadIdentityPolicy(subject, t));
        this.memberPolicyJson = this.memberPolicy.apply((doc) => JSON.stringify(doc));
        this.registerOutputs({ organizationId: this.organizationId, memberPolicyJson: this.memberPolicyJson });
    }
}
