import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsProviderOf } from "../awsProvider";
import { BucketKey } from "../bucketKey";
import { KeyPolicyStatements } from "../keyPolicyStatements";
import { parseKmsKeyArn } from "../policy/arns";
import { deployerDescribeKeyStatement, EXTERNAL_KEY_SIDS, unusableKeyProblems } from "../policy/externalKey";
import { StatementAccumulator } from "../policy/statementAccumulator";
import { PolicyDocument } from "../policy/types";
import { parseArgs } from "../args/parseArgs";
import { InvalidArgumentError } from "../args/parseArgs";
import { externalKeyArgsSchema, ExternalKeyFields } from "./args";

export const EXTERNAL_KEY_TYPE = "encrypted-buckets:kms:ExternalKey";

export type ExternalKeyArgs = ExternalKeyFields;

/**
 * An existing customer managed key, used by ARN. This stack cannot edit its key policy: grants and
 * replications add their statements here as for a CustomerManagedKey, and `requiredPolicyJson`
 * exports them for the key's owner to add (like `consumerPolicies`). With `verify` (the default) the
 * key's attributes are read through `aws.kms.getKey` and a key S3 cannot use is refused before the
 * bucket uses it; the key ARN output waits for that check.
 */
export class ExternalKey extends KeyPolicyStatements implements BucketKey {
    public readonly arn: pulumi.Output<string>;
    public readonly keyId: pulumi.Output<string>;
    public readonly aliasName = "";
    public readonly accountId: string;
    public readonly region: string;
    public readonly verified: boolean;
    /** The configured ARN (known before the check resolves), for outputs and messages. */
    public readonly arnValue: string;
    /** The component's resource name. */
    public readonly name: string;
    public readonly provider: pulumi.ProviderResource | undefined;
    /** The statements the key's owner must add to its key policy (resolves once sealed). */
    public readonly policyDocument: pulumi.Output<PolicyDocument>;
    public readonly requiredPolicyJson: pulumi.Output<string>;
    protected readonly statements: StatementAccumulator;

    constructor(name: string, args: ExternalKeyArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const where = `ExternalKey "${name}"`;
        const parsed = parseArgs(where, externalKeyArgsSchema, args);
        const parts = parseKmsKeyArn(parsed.arn);
        if (parts === undefined) {
            throw new Error(`${where}: arn passed its schema but does not parse`);
        }
        super(EXTERNAL_KEY_TYPE, name, {}, opts);
        this.accountId = parts.accountId;
        this.region = parts.region;
        this.verified = parsed.verify;
        this.arnValue = parsed.arn;
        this.name = name;
        this.provider = awsProviderOf(this);
        this.keyId = pulumi.output(parts.keyId);

        this.statements = new StatementAccumulator(`${where} required key-policy statements`, "key");
        if (parsed.verify && parsed.deployRoleArn !== undefined) {
            this.statements.reserveSids(where, [EXTERNAL_KEY_SIDS.deployerDescribe]);
            this.statements.add(deployerDescribeKeyStatement(parsed.deployRoleArn));
        }
        this.policyDocument = this.statements.document;
        this.requiredPolicyJson = this.policyDocument.apply((doc) => JSON.stringify(doc));

        if (parsed.verify) {
            const attributes = aws.kms.getKeyOutput({ keyId: parsed.arn, region: parts.region }, { parent: this, provider: this.provider });
            this.arn = attributes.apply((key) => {
                const problems = unusableKeyProblems(key);
                if (problems.length > 0) {
                    throw new InvalidArgumentError(where, [{ field: "arn", message: `names ${parsed.arn}, which S3 cannot use as a bucket's default key: ${problems.join("; ")}. Fix: use a symmetric ENCRYPT_DECRYPT customer managed key that is enabled, in the bucket's region` }]);
                }
                return parsed.arn;
            });
        } else {
            this.arn = pulumi.output(parsed.arn);
        }
        this.registerOutputs({ arn: this.arn, requiredPolicyJson: this.requiredPolicyJson });
    }

    /** Any account may use the key (its owner decides); only the region is S3's rule. */
    usableByProblem(_accountId: string, region: string): string | undefined {
        return region === this.region ? undefined : `is a key in ${this.region}, but the bucket is in ${region}. Fix: use an existing key of the bucket's region (S3 encrypts only with a key in the bucket's region)`;
    }

    assertUsableBy(where: string, field: string, accountId: string, region: string): void {
        const problem = this.usableByProblem(accountId, region);
        if (problem !== undefined) {
            throw new InvalidArgumentError(where, [{ field, message: problem }]);
        }
    }
}
