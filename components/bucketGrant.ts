import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { applyBoth } from "./combineOutputs";
import { EncryptedBucket } from "./encryptedBucket";
import { InvalidArgumentError, parseArgs } from "./args/parseArgs";
import { BucketGrantArgs, bucketGrantArgsSchema, GrantPrincipalResource, usesDeprecatedPrincipalArn } from "./bucketGrantArgs";
import { GrantAccess, reads } from "./policy/actions";
import { IamPrincipalKind, parseIamPrincipalArn } from "./policy/arns";
import { grantBucketPolicyStatements, grantIdentityPolicy, grantKeyPolicyStatement, grantRetiredKeyPolicyStatement, grantSids, GrantSubject, GrantTarget } from "./policy/grants";
import { sidFragment } from "./policy/sids";
import { PolicyDocument } from "./policy/types";
import { RetiredKey, retiredKeysOfProgram, withRetiredKeys } from "./retiredKeys";

export { bucketGrantArgsSchema, bucketGrantFields, grantAccessField, isGrantPrincipalResource, usesDeprecatedPrincipalArn } from "./bucketGrantArgs";
export type { BucketGrantArgs, GrantPrincipalResource } from "./bucketGrantArgs";

export const BUCKET_GRANT_TYPE = "encrypted-buckets:s3:BucketGrant";

/** The principal as the grant needs it: an ARN literal, or a resource's ARN and name once it exists. */
interface ResolvedPrincipal {
    arn: pulumi.Input<string>;
    accountId: string;
    kind: IamPrincipalKind;
    /** What `aws.iam.RolePolicy.role` / `UserPolicy.user` take. */
    name: pulumi.Input<string>;
}

interface ResolvedGrant {
    principal: ResolvedPrincipal;
    access: GrantAccess;
    prefix: string | undefined;
    crossAccount: boolean;
    attach: boolean;
    policyName: string;
    sidBase: string;
    retiredKeys: readonly RetiredKey[];
}

function resolveBucketGrantArgs(name: string, args: BucketGrantArgs): ResolvedGrant {
    const parsed = parseArgs(`BucketGrant "${name}"`, bucketGrantArgsSchema(name), args);
    const principal = typeof parsed.principal === "string"
        ? (parseIamPrincipalArn(parsed.principal) as ResolvedPrincipal)
        : principalOfResource(name, parsed.principal, parsed.principalAccountId ?? parsed.bucket.accountId);
    const crossAccount = principal.accountId !== parsed.bucket.accountId;
    return {
        principal,
        access: parsed.access,
        prefix: parsed.prefix,
        crossAccount,
        attach: crossAccount ? parsed.consumerProvider !== undefined : (parsed.attachToPrincipal ?? true),
        policyName: parsed.policyName ?? name,
        sidBase: `Grant${sidFragment(name)}`,
        retiredKeys: parsed.retiredKeys,
    };
}

/**
 * A role or user of the program: its kind is the resource's type, its account the one the grant was told. Once
 * the ARN exists it must say the same, or the key policy would let the wrong account's principal in (or none).
 */
function principalOfResource(grantName: string, resource: GrantPrincipalResource, accountId: string): ResolvedPrincipal {
    const kind: IamPrincipalKind = aws.iam.Role.isInstance(resource) ? "role" : "user";
    const arn = resource.arn.apply((value) => {
        const parsed = parseIamPrincipalArn(value);
        if (parsed === undefined || parsed.kind !== kind || parsed.accountId !== accountId) {
            throw new Error(
                `BucketGrant "${grantName}": principal is the ${kind} ${value}, not a ${kind} of account ${accountId}. ` +
                `Fix: set principalAccountId to the account the ${kind} is in${parsed ? ` (${parsed.accountId})` : ""}, and consumerProvider when it is not the bucket's account`,
            );
        }
        return value;
    });
    return { arn, accountId, kind, name: resource.name };
}

/**
 * The principal's IAM policy is created with the bucket's provider (same account) or `consumerProvider` (another
 * account), never with `opts.provider`: another provider there would be silently ignored, leaving the principal
 * without its policy, or create the policy on a same-named role or user of another account. Refused as
 * BucketReplication and BucketAccessLogging refuse a provider that is not their source bucket's.
 */
function assertGrantProvider(where: string, provider: pulumi.ProviderResource | undefined, bucket: EncryptedBucket, grant: ResolvedGrant): void {
    if (provider === undefined || provider === bucket.provider || (!grant.crossAccount && bucket.provider === undefined)) {
        return;
    }
    const fix = grant.crossAccount
        ? `, and the principal is in account ${grant.principal.accountId}. Fix: pass that account's provider as consumerProvider (args), and leave opts.provider unset`
        : `, while the principal's policy goes in the bucket's account ${bucket.accountId} with the bucket's provider. Fix: leave it unset` +
          (typeof grant.principal.arn === "string" ? "" : " (for a role or user of another account, set principalAccountId and pass its provider as consumerProvider)");
    throw new InvalidArgumentError(where, [{ field: "opts.provider", message: `is not the bucket's provider${fix}` }]);
}

/**
 * Read, write or read-write access to an EncryptedBucket for one IAM user or role. Changes the key
 * policy, the bucket policy (other-account principals only) and the principal's IAM policy together,
 * because access through SSE-KMS needs every one of them (aws/aws-cdk#12921).
 */
export class BucketGrant extends pulumi.ComponentResource {
    /** The principal's IAM policy, whether or not this grant attaches it. */
    public readonly consumerPolicy: pulumi.Output<PolicyDocument>;
    public readonly consumerPolicyJson: pulumi.Output<string>;
    /** The inline policy on the principal, when this grant creates it. */
    public readonly principalPolicy: aws.iam.RolePolicy | aws.iam.UserPolicy | undefined;
    /** The principal's ARN: text for an ARN argument, an output for a role or user resource of the program. */
    public readonly principalArn: pulumi.Input<string>;
    public readonly access: GrantAccess;
    public readonly crossAccount: boolean;
    /** Prefix of every Sid this grant adds (key policy, bucket policy, consumer policy). */
    public readonly sidBase: string;

    constructor(name: string, args: BucketGrantArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const resolved = resolveBucketGrantArgs(name, args);
        if (usesDeprecatedPrincipalArn(args)) {
            void pulumi.log.warn(`BucketGrant "${name}": principalArn is deprecated; use principal (the same value)`);
        }
        const bucket = args.bucket;
        assertGrantProvider(`BucketGrant "${name}"`, opts.provider, bucket, resolved);
        const key = bucket.key;
        const subject: pulumi.Output<GrantSubject> = pulumi.output(resolved.principal.arn).apply((principalArn) => ({
            principalArn,
            principalAccountId: resolved.principal.accountId,
            access: resolved.access,
            prefix: resolved.prefix,
            sidBase: resolved.sidBase,
        }));
        const sids = grantSids(resolved.sidBase);
        const claimant = `BucketGrant "${name}"`;
        // Reserve before registering anything: a Sid clash or a sealed policy is an argument error
        // of this grant and must not leave half a grant behind.
        key.reserveSids(claimant, [sids.keyUse]);
        const retiredOfProgram = reads(resolved.access) ? retiredKeysOfProgram(resolved.retiredKeys) : [];
        for (const retired of retiredOfProgram) {
            retired.reserveSids(claimant, [sids.retiredKeys]);
        }
        if (resolved.crossAccount) {
            bucket.reservePolicySids(claimant, [sids.list, sids.objects]);
        }
        super(BUCKET_GRANT_TYPE, name, {}, { parent: bucket, ...opts });
        this.principalArn = resolved.principal.arn;
        this.access = resolved.access;
        this.crossAccount = resolved.crossAccount;
        this.sidBase = resolved.sidBase;

        key.addStatements(applyBoth(subject, bucket.bucketName, (grantee, bucketName) => grantKeyPolicyStatement(grantee, { bucketName, region: bucket.region })));
        // A retired key of this program is still managed here (another bucket uses it): its policy keeps this grant's Decrypt.
        for (const retired of retiredOfProgram) {
            retired.addStatements(applyBoth(subject, bucket.bucketName, (grantee, bucketName) => grantRetiredKeyPolicyStatement(grantee, { bucketName, region: bucket.region })));
        }

        const current = applyBoth(
            bucket.bucketName,
            key.arn,
            (bucketName, keyArn): GrantTarget => ({
                bucketName,
                keyArn,
                bucketAccountId: bucket.accountId,
                region: bucket.region,
            }),
        );
        const target = withRetiredKeys(current, resolved.retiredKeys);
        if (resolved.crossAccount) {
            bucket.addPolicyStatementList(applyBoth(subject, target, grantBucketPolicyStatements));
        }

        this.consumerPolicy = applyBoth(subject, target, grantIdentityPolicy);
        this.consumerPolicyJson = this.consumerPolicy.apply((doc) => JSON.stringify(doc));

        if (resolved.attach) {
            const provider = resolved.crossAccount ? args.consumerProvider : (opts.provider ?? bucket.provider);
            const childOpts = { parent: this, provider };
            this.principalPolicy =
                resolved.principal.kind === "role"
                    ? new aws.iam.RolePolicy(`${name}-policy`, { role: resolved.principal.name, name: resolved.policyName, policy: this.consumerPolicyJson }, childOpts)
                    : new aws.iam.UserPolicy(`${name}-policy`, { user: resolved.principal.name, name: resolved.policyName, policy: this.consumerPolicyJson }, childOpts);
        }

        this.registerOutputs({ consumerPolicyJson: this.consumerPolicyJson, crossAccount: this.crossAccount });
    }
}
