// After a bucket moves to another key, the objects and versions written before stay encrypted under the old
// one: the bucket's default encryption applies to new objects only (Amazon S3 API Reference,
// "ServerSideEncryptionRule", ApplyServerSideEncryptionByDefault). A reader in another account then needs, on the old key,
// both the key policy and its own IAM policy (AWS KMS Developer Guide, "Allowing users in other accounts to
// use a KMS key"). The grant keeps Decrypt on the retired key in its IAM policy, and on the key policy when
// the stack still writes it (a shared key other buckets use); nothing more.
import { grantIdentityPolicy, grantRetiredKeyPolicyStatement } from "../../../components/policy/grants";
import { keyPolicyDocument } from "../../../components/policy/keyPolicy";
import type { NamedPolicy, OracleRequest } from "../support/oracle";
import { kmsViaS3Context, type Caller } from "../support/requestContext";
import { ALLOWED, notGranted } from "../support/scenario";
import { BUCKET_ARN, expectDecisions, granteeCaller, deployment, KEY_ADMIN, OTHER_BUCKET_ARN, OTHER_KEY_ARN, OWNER, READER_PREFIX, REGION, SUBJECTS, TARGET, objectArn } from "./fixtures";

const RETIRED_KEY_ARN = OTHER_KEY_ARN;
const OLD_OBJECT = objectArn(`${READER_PREFIX}2025/q4.csv`);

/** The retired key's policy as the stack writes it for a shared key other buckets still use: the base policy and the grant's Decrypt. */
const retiredKeyPolicy: NamedPolicy = {
    name: "retired key policy",
    document: keyPolicyDocument(
        { accountId: OWNER, region: REGION, rootDelegation: true, administrators: [KEY_ADMIN], administratorsMayDeleteKey: false, users: [], serviceUsers: [] },
        [grantRetiredKeyPolicyStatement(SUBJECTS.partnerReader, TARGET)],
    ),
};

function onRetiredKey(caller: Caller, action: string, encryptionContext: string, keyPolicy: NamedPolicy = retiredKeyPolicy): OracleRequest {
    return {
        principal: caller.arn,
        action,
        resource: RETIRED_KEY_ARN,
        resourceAccount: OWNER,
        context: kmsViaS3Context(caller, OWNER, REGION, encryptionContext),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: keyPolicy,
    };
}

describe("AWS docs: a reader in another account keeps reading what a retired key encrypted", () => {
    const d = deployment();
    const withRetired: NamedPolicy = { name: "partnerReader IAM policy", document: grantIdentityPolicy(SUBJECTS.partnerReader, { ...TARGET, retiredKeyArns: [RETIRED_KEY_ARN] }) };

    it("decrypts via S3 under the retired key, for this bucket's objects (object and Bucket Key contexts)", async () => {
        const reader = granteeCaller(d, "partnerReader", [withRetired]);
        await expectDecisions([
            ["kms:Decrypt via S3, object ARN context", ALLOWED, onRetiredKey(reader, "kms:Decrypt", OLD_OBJECT)],
            ["kms:Decrypt via S3, bucket ARN context (Bucket Key)", ALLOWED, onRetiredKey(reader, "kms:Decrypt", BUCKET_ARN)],
        ]);
    });

    it("is refused without the retired-key statement of its IAM policy (the current key's alone does not reach it)", async () => {
        const reader = granteeCaller(d, "partnerReader");
        await expectDecisions([["kms:Decrypt via S3, object ARN context", notGranted("identity"), onRetiredKey(reader, "kms:Decrypt", OLD_OBJECT)]]);
    });

    it("is refused when the retired key's policy no longer names it", async () => {
        const reader = granteeCaller(d, "partnerReader", [withRetired]);
        const base: NamedPolicy = {
            name: "retired key policy without the grant",
            document: keyPolicyDocument({ accountId: OWNER, region: REGION, rootDelegation: true, administrators: [KEY_ADMIN], administratorsMayDeleteKey: false, users: [], serviceUsers: [] }, []),
        };
        await expectDecisions([["kms:Decrypt via S3, object ARN context", notGranted("resource"), onRetiredKey(reader, "kms:Decrypt", OLD_OBJECT, base)]]);
    });

    it("gets nothing else of the retired key: no encryption, no other bucket's objects", async () => {
        const reader = granteeCaller(d, "partnerReader", [withRetired]);
        await expectDecisions([
            ["kms:GenerateDataKey via S3", notGranted("identity", "resource"), onRetiredKey(reader, "kms:GenerateDataKey", OLD_OBJECT)],
            ["kms:Decrypt via S3 for another bucket on the key", notGranted("identity", "resource"), onRetiredKey(reader, "kms:Decrypt", `${OTHER_BUCKET_ARN}/x`)],
        ]);
    });
});
