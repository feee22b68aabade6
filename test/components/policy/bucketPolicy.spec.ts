import * as assert from "assert";
import {
    BUCKET_GUARDRAIL_SIDS,
    bucketGuardrailSids,
    bucketGuardrailStatements,
    BucketGuardrails,
    resolveGuardrails,
    SECURE_GUARDRAIL_DEFAULTS,
} from "../../../components/policy/bucketPolicy";
import { PolicyStatement } from "../../../components/policy/types";
import { BUCKET, KEY_ARN } from "../fixtures";

const target = { bucketName: BUCKET, keyArn: KEY_ARN };
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const OBJECTS = `${BUCKET_ARN}/*`;

function statements(overrides: Partial<BucketGuardrails> = {}): PolicyStatement[] {
    return bucketGuardrailStatements(target, resolveGuardrails(overrides));
}

function bySid(list: PolicyStatement[], sid: string): PolicyStatement | undefined {
    return list.find((s) => s.Sid === sid);
}

const ALL_OFF: Partial<BucketGuardrails> = {
    requireTls: false,
    minimumTlsVersion: false,
    denySigV2: false,
    denyWrongEncryptionHeaders: false,
    denyKmsHeaderWithoutKeyId: false,
    encryptionHeader: "compatible",
    denySseC: false,
};

describe("policy/bucketPolicy guardrails", () => {
    it("secure defaults: every deny on, compatible header mode, in a fixed order", () => {
        assert.deepStrictEqual(resolveGuardrails(), { ...SECURE_GUARDRAIL_DEFAULTS });
        assert.deepStrictEqual(statements().map((s) => s.Sid), [
            "DenyInsecureTransport",
            "DenyOutdatedTlsVersion",
            "DenySignatureVersion2",
            "DenyWrongEncryptionAlgorithmHeader",
            "DenyWrongKmsKeyHeader",
            "DenyKmsHeaderWithoutKeyId",
            "DenySseCUploads",
        ]);
    });

    it("every statement is a Deny for Principal * (S3 rejects principal-less statements)", () => {
        for (const statement of statements({ encryptionHeader: "strict-key" })) {
            assert.equal(statement.Effect, "Deny");
            assert.equal(statement.Principal, "*");
        }
    });

    it("deny non-TLS on bucket and objects", () => {
        assert.deepStrictEqual(bySid(statements(), "DenyInsecureTransport"), {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [BUCKET_ARN, OBJECTS],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
    });

    it("deny TLS older than the minimum (1.2 by default, 1.3 on request)", () => {
        assert.deepStrictEqual(bySid(statements(), "DenyOutdatedTlsVersion")?.Condition, { NumericLessThan: { "s3:TlsVersion": "1.2" } });
        assert.deepStrictEqual(bySid(statements({ minimumTlsVersion: "1.3" }), "DenyOutdatedTlsVersion")?.Condition, { NumericLessThan: { "s3:TlsVersion": "1.3" } });
        assert.deepStrictEqual(bySid(statements(), "DenyOutdatedTlsVersion")?.Resource, [BUCKET_ARN, OBJECTS]);
    });

    it("deny SigV2 with AWS's documented value", () => {
        assert.deepStrictEqual(bySid(statements(), "DenySignatureVersion2"), {
            Sid: "DenySignatureVersion2",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [BUCKET_ARN, OBJECTS],
            Condition: { StringEquals: { "s3:signatureversion": "AWS" } },
        });
    });

    it("compatible mode denies wrong headers only when present (StringNotEquals + Null false), PutObject only", () => {
        const list = statements();
        assert.deepStrictEqual(bySid(list, "DenyWrongEncryptionAlgorithmHeader"), {
            Sid: "DenyWrongEncryptionAlgorithmHeader",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: OBJECTS,
            Condition: {
                StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
                Null: { "s3:x-amz-server-side-encryption": "false" },
            },
        });
        assert.deepStrictEqual(bySid(list, "DenyWrongKmsKeyHeader"), {
            Sid: "DenyWrongKmsKeyHeader",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: OBJECTS,
            Condition: {
                StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY_ARN },
                Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
            },
        });
        for (const statement of list) {
            const conditionOperators = Object.keys(statement.Condition ?? {});
            assert.ok(!conditionOperators.some((op) => op.endsWith("IfExists")), `${statement.Sid} must not use IfExists on a negated deny`);
        }
    });

    it("aws:kms without a key id is denied (it would land in the AWS managed key)", () => {
        assert.deepStrictEqual(bySid(statements(), "DenyKmsHeaderWithoutKeyId")?.Condition, {
            Null: { "s3:x-amz-server-side-encryption": "false", "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" },
        });
    });

    it("strict mode reproduces AWS's DenyUnEncryptedObjectUploads exactly", () => {
        const seed = {
            Sid: "DenyUnEncryptedObjectUploads",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: `arn:aws:s3:::${BUCKET}/*`,
            Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
        };
        assert.deepStrictEqual(bySid(statements({ encryptionHeader: "strict" }), "DenyUnEncryptedObjectUploads"), seed);
        assert.equal(JSON.stringify(bySid(statements({ encryptionHeader: "strict" }), "DenyUnEncryptedObjectUploads")), JSON.stringify(seed));
        assert.equal(bySid(statements({ encryptionHeader: "strict" }), "DenyUploadsWithoutThisBucketKey"), undefined);
    });

    it("strict-key also requires this bucket's key ARN (absent header denied too)", () => {
        const list = statements({ encryptionHeader: "strict-key" });
        assert.ok(bySid(list, "DenyUnEncryptedObjectUploads"));
        assert.deepStrictEqual(bySid(list, "DenyUploadsWithoutThisBucketKey"), {
            Sid: "DenyUploadsWithoutThisBucketKey",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: OBJECTS,
            Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY_ARN } },
        });
    });

    it("compatible mode emits neither strict statement", () => {
        const sids = statements().map((s) => s.Sid);
        assert.ok(!sids.includes("DenyUnEncryptedObjectUploads"));
        assert.ok(!sids.includes("DenyUploadsWithoutThisBucketKey"));
    });

    it("deny SSE-C", () => {
        assert.deepStrictEqual(bySid(statements(), "DenySseCUploads"), {
            Sid: "DenySseCUploads",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: OBJECTS,
            Condition: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } },
        });
    });

    it("every toggle turns exactly its own statements off", () => {
        const toggles: [Partial<BucketGuardrails>, string[]][] = [
            [{ requireTls: false }, ["DenyInsecureTransport"]],
            [{ minimumTlsVersion: false }, ["DenyOutdatedTlsVersion"]],
            [{ denySigV2: false }, ["DenySignatureVersion2"]],
            [{ denyWrongEncryptionHeaders: false }, ["DenyWrongEncryptionAlgorithmHeader", "DenyWrongKmsKeyHeader"]],
            [{ denyKmsHeaderWithoutKeyId: false }, ["DenyKmsHeaderWithoutKeyId"]],
            [{ denySseC: false }, ["DenySseCUploads"]],
        ];
        const all = statements().map((s) => s.Sid);
        for (const [override, removed] of toggles) {
            assert.deepStrictEqual(statements(override).map((s) => s.Sid), all.filter((sid) => !removed.includes(sid as string)), JSON.stringify(override));
        }
        assert.deepStrictEqual(statements(ALL_OFF), []);
    });

    it("encryption-header statements target s3:PutObject only, so s3:ReplicateObject is never denied by them", () => {
        const headerSids = new Set<string>([
            BUCKET_GUARDRAIL_SIDS.denyWrongAlgorithmHeader,
            BUCKET_GUARDRAIL_SIDS.denyWrongKeyHeader,
            BUCKET_GUARDRAIL_SIDS.denyKmsHeaderWithoutKeyId,
            BUCKET_GUARDRAIL_SIDS.strictRequireKmsHeader,
            BUCKET_GUARDRAIL_SIDS.strictRequireBucketKeyHeader,
            BUCKET_GUARDRAIL_SIDS.denySseC,
        ]);
        const list = statements({ encryptionHeader: "strict-key" }).filter((s) => headerSids.has(s.Sid as string));
        assert.equal(list.length, headerSids.size);
        for (const statement of list) {
            assert.equal(statement.Action, "s3:PutObject");
        }
    });

    it("Sids are unique in every combination and known before the ARNs", () => {
        for (const mode of ["compatible", "strict", "strict-key"] as const) {
            const settings = resolveGuardrails({ encryptionHeader: mode });
            const sids = bucketGuardrailStatements(target, settings).map((s) => s.Sid);
            assert.equal(new Set(sids).size, sids.length);
            assert.deepStrictEqual(bucketGuardrailSids(settings), sids);
        }
        const allSids = Object.values(BUCKET_GUARDRAIL_SIDS);
        assert.equal(new Set(allSids).size, allSids.length);
    });

    it("unset overrides keep the secure default", () => {
        assert.equal(resolveGuardrails({ denySseC: undefined }).denySseC, true);
        assert.equal(resolveGuardrails({ denySseC: false }).denySseC, false);
    });
});
