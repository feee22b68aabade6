// After a source bucket moves to another key, its objects and versions written before stay encrypted under the old
// one (Amazon S3 API Reference, "ServerSideEncryptionRule": default encryption applies to new objects only). The
// replication role still replicates them (Amazon S3 User Guide, "Replicating existing objects with Batch
// Replication", and retries of pending or failed replications), and S3 decrypts each one with the role's
// permissions: kms:Decrypt through S3 in the source Region, for the source's objects ("Replicating encrypted
// objects", "Granting additional permissions for the IAM role"). In the key's account, a key policy that delegates to
// IAM lets the role's IAM policy decide, and one that does not must name the role itself (AWS KMS Developer Guide,
// "Key policies in AWS KMS"); a key of another account needs both.
// Policies come from the builders the components use.
import { keyPolicyDocument, type KeyPolicyRoles } from "../../../components/policy/keyPolicy";
import { replicationRolePolicy } from "../../../components/policy/replication";
import { sourceRetiredKeyReplicationStatement } from "../../../components/policy/replicationKeyPolicy";
import type { ReplicationBucketEnd, ReplicationDestinationEnd } from "../../../components/policy/replicationEndpoints";
import type { NamedPolicy, OracleRequest } from "../support/oracle";
import { callerFromArn, kmsDirectContext, kmsViaS3Context, type Caller } from "../support/requestContext";
import { ALLOWED, notGranted } from "../support/scenario";
import { expectDecisions } from "./fixtures";

const ACCOUNT = "111111111111";
const ROLE = { arn: `arn:aws:iam::${ACCOUNT}:role/ledger-replication`, sidToken: "LedgerReplication" };
const RETIRED_KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e`;

const SOURCE: ReplicationBucketEnd = {
    bucketArn: "arn:aws:s3:::ledger-source",
    keyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/5f5f5f5f-6a6a-4b7b-8c8c-9d9d9d9d9d9d`,
    region: "eu-west-1",
    accountId: ACCOUNT,
    bucketKeyEnabled: true,
};
const DESTINATION: ReplicationDestinationEnd = {
    bucketArn: "arn:aws:s3:::ledger-dr",
    keyArn: "arn:aws:kms:us-west-2:555555555555:key/7e7e7e7e-8f8f-4a9a-8b0b-1c1c1c1c1c1c",
    region: "us-west-2",
    accountId: "555555555555",
    bucketKeyEnabled: true,
    sidToken: "Dr",
    ownerOverride: true,
};
/** An object the source held before its key moved: still under the retired key. */
const OLD_OBJECT = `${SOURCE.bucketArn}/2025/closing.csv`;

/** The retired key's roles: its root statement delegates to IAM policies (the default), or not. */
const keyRoles = (rootDelegation: boolean): KeyPolicyRoles => ({
    accountId: ACCOUNT,
    region: "eu-west-1",
    rootDelegation,
    administrators: [`arn:aws:iam::${ACCOUNT}:role/key-admin`],
    administratorsMayDeleteKey: false,
    users: [],
    serviceUsers: [],
});

const roleWith = (sourceRetiredKeyArns: readonly string[]): Caller =>
    callerFromArn("replication role", ROLE.arn, [{ name: "replication role policy", document: replicationRolePolicy({ source: SOURCE, destinations: [DESTINATION], sourceRetiredKeyArns }) }]);

/** The retired key's policy: with the role's statement as the stack writes it on a key it still manages (a shared key other buckets use), or without. */
function retiredKeyPolicy(options: { rootDelegation: boolean; namesRole: boolean }): NamedPolicy {
    const statements = options.namesRole ? [sourceRetiredKeyReplicationStatement({ roleArn: ROLE.arn, roleSidToken: ROLE.sidToken, source: SOURCE })] : [];
    return { name: `retired key policy (${options.rootDelegation ? "delegates to IAM" : "no IAM delegation"}, ${options.namesRole ? "names the role" : "without the role"})`, document: keyPolicyDocument(keyRoles(options.rootDelegation), statements) };
}

function decrypt(caller: Caller, encryptionContext: string, options: { keyPolicy?: NamedPolicy; via?: string | "direct"; action?: string } = {}): OracleRequest {
    const via = options.via ?? SOURCE.region;
    return {
        principal: caller.arn,
        action: options.action ?? "kms:Decrypt",
        resource: RETIRED_KEY_ARN,
        resourceAccount: ACCOUNT,
        context: via === "direct" ? kmsDirectContext(caller, ACCOUNT, SOURCE.region, encryptionContext) : kmsViaS3Context(caller, ACCOUNT, via, encryptionContext),
        identityPolicies: caller.identityPolicies,
        // Default: the policy the stack writes on a retired key it still manages (delegating to IAM, naming the role).
        resourcePolicy: options.keyPolicy ?? retiredKeyPolicy({ rootDelegation: true, namesRole: true }),
    };
}

describe("AWS docs (Replicating encrypted objects): the replication role keeps decrypting what the source's retired key encrypted", () => {
    const role = roleWith([RETIRED_KEY_ARN]);
    const before = roleWith([]);

    it("decrypts the source's objects under the retired key through S3 in the source Region (object and Bucket Key contexts)", async () => {
        await expectDecisions([
            ["kms:Decrypt via s3.<source-region>, object ARN context", ALLOWED, decrypt(role, OLD_OBJECT)],
            ["kms:Decrypt via s3.<source-region>, bucket ARN context (source Bucket Key)", ALLOWED, decrypt(role, SOURCE.bucketArn)],
        ]);
    });

    it("cannot decrypt another bucket's objects, directly, through S3 in another Region, nor generate data keys", async () => {
        // The key's root statement delegates to IAM: the role's IAM policy decides, and allows none of them.
        await expectDecisions([
            ["kms:Decrypt for another bucket's object on the key", notGranted("identity"), decrypt(role, "arn:aws:s3:::payroll/2025.csv")],
            ["kms:Decrypt called directly", notGranted("identity"), decrypt(role, OLD_OBJECT, { via: "direct" })],
            ["kms:Decrypt via s3.<destination-region>", notGranted("identity"), decrypt(role, OLD_OBJECT, { via: DESTINATION.region })],
            ["kms:GenerateDataKey via s3.<source-region>", notGranted("identity"), decrypt(role, OLD_OBJECT, { action: "kms:GenerateDataKey" })],
        ]);
    });

    it("was refused before: the role decrypted with the current key only, and the retired key's policy no longer named it", async () => {
        await expectDecisions([["kms:Decrypt via s3.<source-region>, object ARN context", notGranted("identity"), decrypt(before, OLD_OBJECT, { keyPolicy: retiredKeyPolicy({ rootDelegation: true, namesRole: false }) })]]);
    });

    it("a key of this program that delegates nothing to IAM lets the role in only through its key-policy statement", async () => {
        await expectDecisions([
            ["kms:Decrypt, IAM statement only", notGranted("resource"), decrypt(role, OLD_OBJECT, { keyPolicy: retiredKeyPolicy({ rootDelegation: false, namesRole: false }) })],
            ["kms:Decrypt, IAM and key-policy statements", ALLOWED, decrypt(role, OLD_OBJECT, { keyPolicy: retiredKeyPolicy({ rootDelegation: false, namesRole: true }) })],
        ]);
    });

    it("a retired key given by ARN (retained, its policy delegating to IAM, not naming the role): the role's IAM statement is what lets it in", async () => {
        const retained = retiredKeyPolicy({ rootDelegation: true, namesRole: false });
        await expectDecisions([
            ["kms:Decrypt via s3.<source-region>, object ARN context", ALLOWED, decrypt(role, OLD_OBJECT, { keyPolicy: retained })],
            ["kms:Decrypt via s3.<source-region>, without the retired-key statement", notGranted("identity"), decrypt(before, OLD_OBJECT, { keyPolicy: retained })],
        ]);
    });
});
