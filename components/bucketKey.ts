import * as pulumi from "@pulumi/pulumi";
import { PolicyDocument, PolicyStatement } from "./policy/types";

/**
 * What a bucket, its grants and its replications need from the key that encrypts it: a
 * CustomerManagedKey (this stack owns its policy) or an ExternalKey (an existing key whose owner
 * applies the statements this stack emits).
 */
export interface BucketKey {
    readonly urn: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    readonly keyId: pulumi.Output<string>;
    /** The alias this stack gave the key; an existing key has none here. */
    readonly aliasName: string;
    readonly accountId: string;
    readonly region: string;
    readonly provider: pulumi.ProviderResource | undefined;
    /** The key policy resource, when this stack owns one (replication waits for it). */
    readonly keyPolicy?: pulumi.Resource;
    /** The statements of the key policy this stack writes, or asks the owner of an existing key to add. */
    readonly policyDocument: pulumi.Output<PolicyDocument>;
    addStatements(...statements: pulumi.Input<PolicyStatement>[]): void;
    addStatementList(statements: pulumi.Input<readonly PolicyStatement[]>): void;
    reserveSids(claimant: string, sids: readonly string[]): void;
    seal(): void;
    readonly isSealed: boolean;
    assertUsableBy(where: string, field: string, accountId: string, region: string): void;
}
