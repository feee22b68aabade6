// The shared meaning of "public" (policypack/model/publicPolicy.ts) on its own: the pack's policies and the
// deploy-time stand-in both read it, so its three-valued answers are pinned down here.
import * as assert from "assert";
import { ClauseValues, fixingOperator, pinsToFixedValues, publicCidr, S3_RESTRICTING_KEYS } from "../../policypack/model/publicPolicy";
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
});
