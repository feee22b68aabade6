// Principals the stack never granted: a role in the bucket's account without IAM permissions,
// an administrator of another account with every IAM permission, and the key administrators,
// who manage the key but must not be able to use it on data.
import { ALLOWED, defineScenario, notGranted, type Scenario } from "../support/scenario";
import type { World } from "../world/types";
import { encryptionContextFor, kmsManagementRequest, kmsRequest, s3BucketRequest, s3ObjectRequest } from "./requests";
import { adminOfAnotherAccount, keyAdministrators, unrelatedInBucketAccount, type AdminFixture, type OutsiderFixture } from "./select";

/** S3 legs decided by `s3`, the KMS leg by `kms` (they differ when the key does not delegate to IAM). */
function outsiderLegs(s3: ReturnType<typeof notGranted>, kms: ReturnType<typeof notGranted> = s3) {
    const expect = s3;
    return [
        { step: "s3:GetObject", expect, request: (f: OutsiderFixture) => s3ObjectRequest(f.caller, f.bucket, "s3:GetObject") },
        {
            step: "s3:PutObject with aws:kms and the bucket's key ARN",
            expect,
            request: (f: OutsiderFixture) => s3ObjectRequest(f.caller, f.bucket, "s3:PutObject", { headers: { serverSideEncryption: "aws:kms", kmsKeyId: f.bucket.key.arn } }),
        },
        { step: "s3:ListBucket", expect, request: (f: OutsiderFixture) => s3BucketRequest(f.caller, f.bucket, "s3:ListBucket") },
        {
            step: "kms:Decrypt via S3",
            expect: kms,
            request: (f: OutsiderFixture) => kmsRequest(f.caller, f.bucket.key, "kms:Decrypt", { via: "s3", encryptionContext: encryptionContextFor(f.bucket) }),
        },
    ];
}

export const principalScenarios: ReadonlyArray<Scenario<World>> = [
    defineScenario({
        id: "unrelated-in-bucket-account",
        category: "Unrelated principals",
        title: "A role in the bucket's account that was granted nothing",
        note: "In its own account a principal still gets what its IAM policies give it: the stack grants nothing here, and account administrators remain trusted.",
        select: (world: World) => unrelatedInBucketAccount(world).filter(({ fixture }) => fixture.bucket.key.rootDelegation),
        legs: outsiderLegs(notGranted("identity")),
    }),
    defineScenario({
        id: "unrelated-in-bucket-account-no-delegation",
        category: "Unrelated principals",
        title: "A role in the bucket's account that was granted nothing, key without root delegation",
        note: "With rootDelegation: false even IAM administrators of the key's account cannot use the key; only principals the key policy names can.",
        select: (world: World) => unrelatedInBucketAccount(world).filter(({ fixture }) => !fixture.bucket.key.rootDelegation),
        legs: outsiderLegs(notGranted("identity"), notGranted("identity", "resource")),
    }),
    defineScenario({
        id: "admin-of-another-account",
        category: "Unrelated principals",
        title: "An administrator of another account (IAM allows s3:* and kms:* on everything)",
        note: "Bucket and key policies name grantees by ARN, never by account, so other principals of a grantee's account get nothing.",
        select: adminOfAnotherAccount,
        legs: outsiderLegs(notGranted("resource")),
    }),
    keyAdministratorScenario(true),
    keyAdministratorScenario(false),
];

function keyAdministratorScenario(rootDelegation: boolean): Scenario<World> {
    const refused = rootDelegation ? notGranted("identity") : notGranted("identity", "resource");
    return defineScenario({
        id: rootDelegation ? "key-administrator-cannot-use-key" : "key-administrator-cannot-use-key-no-delegation",
        category: "Key administrators",
        title: `A key administrator (no IAM policy of its own) manages the key and tries to use it${rootDelegation ? "" : ", key without root delegation"}`,
        note:
            (rootDelegation
                ? "With root delegation on (the default), an IAM policy in the key's account that allows kms:Decrypt would still let that principal decrypt: the account's IAM administrators stay in charge. "
                : "Without root delegation the key policy alone decides, and it gives administrators no cryptographic action. ") +
            "kms:PutKeyPolicy is part of administration, so an administrator can rewrite the key policy, including to grant itself use of the key: keep the list short and alert on PutKeyPolicy in CloudTrail.",
        select: (world: World) => keyAdministrators(world).filter(({ fixture }) => fixture.bucket.key.rootDelegation === rootDelegation),
        legs: [
            { step: "kms:DescribeKey", expect: ALLOWED, request: (f: AdminFixture) => kmsManagementRequest(f.caller, f.bucket.key, "kms:DescribeKey") },
            { step: "kms:EnableKeyRotation", expect: ALLOWED, request: (f: AdminFixture) => kmsManagementRequest(f.caller, f.bucket.key, "kms:EnableKeyRotation") },
            { step: "kms:PutKeyPolicy (see the note)", expect: ALLOWED, request: (f: AdminFixture) => kmsManagementRequest(f.caller, f.bucket.key, "kms:PutKeyPolicy") },
            {
                step: "kms:Decrypt via S3",
                expect: refused,
                request: (f: AdminFixture) => kmsRequest(f.caller, f.bucket.key, "kms:Decrypt", { via: "s3", encryptionContext: encryptionContextFor(f.bucket) }),
            },
            {
                step: "kms:Decrypt called directly",
                expect: refused,
                request: (f: AdminFixture) => kmsRequest(f.caller, f.bucket.key, "kms:Decrypt", { via: "direct", encryptionContext: encryptionContextFor(f.bucket) }),
            },
            {
                step: "kms:GenerateDataKey via S3",
                expect: refused,
                request: (f: AdminFixture) => kmsRequest(f.caller, f.bucket.key, "kms:GenerateDataKey", { via: "s3", encryptionContext: encryptionContextFor(f.bucket) }),
            },
            {
                step: "kms:CreateGrant (could hand itself Decrypt)",
                expect: refused,
                request: (f: AdminFixture) => kmsManagementRequest(f.caller, f.bucket.key, "kms:CreateGrant"),
            },
        ],
    });
}
