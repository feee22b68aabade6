// The shared meaning of "public" (policypack/model/publicPolicy.ts) on its own: the pack's policies and the
// deploy-time stand-in both read it, so its three-valued answers are pinned down here.
import * as assert from "assert";
import { ClauseValues, DenyShape, denyConfinesAllow, excludesAllButFixedValues, fixingOperator, pinsToFixedValues, publicCidr, S3_RESTRICTING_KEYS } from "../../policypack/model/publicPolicy";
import { UNKNOWN } from "../../policypack/model/values";

const clause = (operator: string, key: string, values: ClauseValues["values"]): ClauseValues => ({ operator, key: key.toLowerCase(), values });

describe("policy pack model: S3's meaning of a public policy", () => {
    it("keeps the operators that confine a key, drops negated, IfExists and ForAllValues forms", () => {
        assert.strictEqual(fixingOperator("StringEquals"), "StringEquals");
        assert.strictEqual(fixingOperator("ForAnyValue:StringEqualsIgnoreCase"), "StringEqualsIgnoreCase");
        for (const op of ["StringNotEquals", "StringEqualsIfExists", "ForAllValues:StringEquals", "NotIpAddress", "Null", "Bool"]) {
            assert.strictEqual(fixingOperator(op), undefined, op);
        }
    });

    it("reads a CIDR of /8 (IPv6 /32) or narrower as fixed, and anything broader or unreadable as public", () => {
        for (const fixed of ["10.0.0.0/8", "203.0.113.0/24", "198.51.100.7", "2001:db8::/32", "2001:db8::1"]) {
            assert.strictEqual(publicCidr(fixed), false, fixed);
        }
        for (const open of ["0.0.0.0/0", "64.0.0.0/4", "::/0", "2001::/16", "*", "10.0.0.0/x", "10.0.0.0/33", ""]) {
            assert.strictEqual(publicCidr(open), true, open);
        }
    });

    it("an unknown value is never a pin: UNKNOWN, not true, until it can be read", () => {
        assert.strictEqual(pinsToFixedValues(clause("StringEquals", "aws:SourceVpce", UNKNOWN), S3_RESTRICTING_KEYS), UNKNOWN);
        assert.strictEqual(pinsToFixedValues(clause("StringEquals", "aws:SourceVpce", ["vpce-1", UNKNOWN]), S3_RESTRICTING_KEYS), UNKNOWN);
        // A known wildcard next to an unknown value already leaves the statement open.
        assert.strictEqual(pinsToFixedValues(clause("StringLike", "aws:SourceVpce", ["*", UNKNOWN]), S3_RESTRICTING_KEYS), false);
        // A clause that pins nothing whatever its values stays false.
        assert.strictEqual(pinsToFixedValues(clause("StringNotEquals", "aws:SourceVpce", UNKNOWN), S3_RESTRICTING_KEYS), false);
    });

    it("fixed values: no wildcard, no policy variable, aws:userid may name every session of one role", () => {
        const pins = (operator: string, key: string, ...values: string[]) => pinsToFixedValues(clause(operator, key, values), S3_RESTRICTING_KEYS);
        assert.strictEqual(pins("StringEquals", "aws:SourceVpce", "vpce-1a2b3c4d"), true);
        assert.strictEqual(pins("StringEquals", "AWS:SOURCEVPCE", "vpce-1a2b3c4d"), true);
        assert.strictEqual(pins("StringEquals", "aws:SourceVpce", "vpce-1a2b3c4d", "vpce-*"), false);
        assert.strictEqual(pins("StringEquals", "aws:SourceAccount", "${aws:PrincipalAccount}"), false);
        assert.strictEqual(pins("StringLike", "aws:userid", "AROAEXAMPLEROLEID:*"), true);
        assert.strictEqual(pins("StringLike", "aws:userid", "*:alice"), false);
        assert.strictEqual(pins("StringEquals", "aws:SourceIp", "203.0.113.7"), false, "aws:SourceIp is a CIDR set only under IpAddress");
        assert.strictEqual(pins("IpAddress", "aws:SourceVpce", "203.0.113.0/24"), false, "IpAddress fixes no key but aws:SourceIp");
        assert.strictEqual(pins("StringEquals", "kms:CallerAccount", "111111111111"), false, "not one of S3's keys");
    });

    // The guide's note on s3:DataAccessPointArn: a wildcard in the access point name keeps a bucket policy non-public
    // as long as the account is fixed (found by e2e/projects/good-access-points, whose delegation the pack and the
    // stand-in's BlockPublicPolicy both called public).
    it("s3:DataAccessPointArn: a wildcard in the access point name only is fixed; in the account, Region or elsewhere, or a variable, it is not", () => {
        const pins = (operator: string, ...values: string[]) => pinsToFixedValues(clause(operator, "s3:DataAccessPointArn", values), S3_RESTRICTING_KEYS);
        assert.strictEqual(pins("StringLike", "arn:aws:s3:us-west-2:123456789012:accesspoint/*"), true);
        assert.strictEqual(pins("StringLike", "arn:aws:s3:eu-west-1:111111111111:accesspoint/orders-*"), true);
        assert.strictEqual(pins("ArnLike", "arn:aws-us-gov:s3:us-gov-west-1:111111111111:accesspoint/team-?"), true);
        assert.strictEqual(pins("StringLike", "arn:aws:s3::111111111111:accesspoint/*"), true, "a Multi-Region Access Point's ARN has no Region");
        assert.strictEqual(pins("StringEquals", "arn:aws:s3:eu-west-1:111111111111:accesspoint/orders-ingest"), true);
        assert.strictEqual(pins("StringLike", "arn:aws:s3:eu-west-1:*:accesspoint/*"), false, "any account");
        assert.strictEqual(pins("StringLike", "arn:aws:s3:eu-west-1:1111111111*:accesspoint/*"), false, "part of the account wildcarded");
        assert.strictEqual(pins("StringLike", "arn:aws:s3:*:111111111111:accesspoint/*"), false, "the note fixes only the name's wildcard");
        assert.strictEqual(pins("StringLike", "arn:aws:s3:eu-west-1:111111111111:*"), false, "not an access point ARN");
        assert.strictEqual(pins("StringLike", "arn:aws:s3:eu-west-1:111111111111:accesspoint/*/object/*"), false);
        assert.strictEqual(pins("StringLike", "arn:aws:s3:eu-west-1:${aws:PrincipalAccount}:accesspoint/*"), false);
        assert.strictEqual(pins("StringLike", "arn:aws:s3:eu-west-1:111111111111:accesspoint/${aws:username}"), false);
        assert.strictEqual(pins("StringLike", "*"), false);
        assert.strictEqual(pinsToFixedValues(clause("StringLike", "aws:SourceArn", ["arn:aws:s3:eu-west-1:111111111111:accesspoint/*"]), S3_RESTRICTING_KEYS), false, "the exception is s3:DataAccessPointArn's only");
    });
    it("a Deny's clause excludes all but fixed values only with a negated operator true on an absent key", () => {
        const excludes = (operator: string, key: string, ...values: string[]) => excludesAllButFixedValues(clause(operator, key, values), S3_RESTRICTING_KEYS);
        for (const op of ["StringNotEquals", "StringNotEqualsIfExists", "ForAllValues:StringNotEquals", "StringNotEqualsIgnoreCase", "ArnNotEquals", "ArnNotLike"]) {
            assert.strictEqual(excludes(op, "aws:PrincipalOrgID", "o-a1b2c3d4e5"), true, op);
        }
        for (const op of ["ForAnyValue:StringNotEquals", "StringEquals", "Bool", "Null"]) {
            assert.strictEqual(excludes(op, "aws:PrincipalOrgID", "o-a1b2c3d4e5"), false, op);
        }
        assert.strictEqual(excludes("StringNotLike", "aws:PrincipalArn", "arn:aws:iam::111111111111:role/*"), false);
        assert.strictEqual(excludes("NotIpAddress", "aws:SourceIp", "10.0.0.0/8"), true);
        assert.strictEqual(excludes("NotIpAddress", "aws:SourceIp", "0.0.0.0/1"), false);
        assert.strictEqual(excludes("StringNotEquals", "aws:SecureTransport", "false"), false);
        assert.strictEqual(excludesAllButFixedValues(clause("StringNotEquals", "aws:PrincipalOrgID", UNKNOWN), S3_RESTRICTING_KEYS), UNKNOWN);
    });

    it("a Deny confines an Allow only over its whole scope, and an unknown part is never read as a pin", () => {
        const deny = (extra: Partial<DenyShape>): DenyShape => ({ everyone: true, actions: ["s3:*"], resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], clauses: [clause("StringNotEquals", "aws:PrincipalOrgID", ["o-a1b2c3d4e5"])], ...extra });
        const allow = { actions: ["s3:GetObject", "s3:ListBucket"], resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] };
        assert.strictEqual(denyConfinesAllow(deny({}), allow, S3_RESTRICTING_KEYS), true);
        assert.strictEqual(denyConfinesAllow(deny({ actions: ["S3:Get*", "s3:List*"] }), allow, S3_RESTRICTING_KEYS), true);
        assert.strictEqual(denyConfinesAllow(deny({ actions: ["s3:Get*"] }), allow, S3_RESTRICTING_KEYS), false);
        assert.strictEqual(denyConfinesAllow(deny({ actions: ["s3:Get?bject", "s3:ListBucket"] }), { ...allow, actions: ["s3:Get*", "s3:ListBucket"] }, S3_RESTRICTING_KEYS), false);
        assert.strictEqual(denyConfinesAllow(deny({ resources: ["arn:aws:s3:::b/*"] }), allow, S3_RESTRICTING_KEYS), false);
        assert.strictEqual(denyConfinesAllow(deny({ actions: undefined, notActions: ["s3:DeleteObject"] }), allow, S3_RESTRICTING_KEYS), false);
        assert.strictEqual(denyConfinesAllow(deny({ everyone: false }), allow, S3_RESTRICTING_KEYS), false);
        assert.strictEqual(denyConfinesAllow(deny({ clauses: [] }), allow, S3_RESTRICTING_KEYS), true);
        assert.strictEqual(denyConfinesAllow(deny({ clauses: UNKNOWN }), allow, S3_RESTRICTING_KEYS), UNKNOWN);
        assert.strictEqual(denyConfinesAllow(deny({ resources: UNKNOWN }), allow, S3_RESTRICTING_KEYS), UNKNOWN);
        assert.strictEqual(denyConfinesAllow(deny({ everyone: UNKNOWN }), allow, S3_RESTRICTING_KEYS), UNKNOWN);
        // An Allow with NotAction needs a Deny on every S3 action.
        assert.strictEqual(denyConfinesAllow(deny({ actions: ["s3:GetObject"] }), { actions: undefined, notActions: ["s3:DeleteObject"], resources: allow.resources }, S3_RESTRICTING_KEYS), false);
        assert.strictEqual(denyConfinesAllow(deny({}), { actions: undefined, notActions: ["s3:DeleteObject"], resources: allow.resources }, S3_RESTRICTING_KEYS), true);
    });
});
