import * as assert from "assert";
import { globMatch } from "../../policypack/model/arn";

// IAM's wildcard matching as the checks use it: `*` any run, `?` one character, case-insensitive only
// for actions (ignoreCase), never for ARNs.
describe("globMatch", () => {
    const cases: [pattern: string, value: string, ignoreCase: boolean, expected: boolean][] = [
        ["*", "anything", false, true],
        ["s3:PutObject", "s3:PutObject", false, true],
        ["s3:PutObject", "s3:GetObject", true, false],
        ["S3:PUTOBJECT", "s3:PutObject", true, true],
        ["S3:PUTOBJECT", "s3:PutObject", false, false],
        ["s3:Put*", "s3:putobject", true, true],
        ["s3:Put*", "s3:GetObject", true, false],
        ["s3:?etObject", "s3:GetObject", false, true],
        ["s3:?etObject", "s3:etObject", false, false],
        ["arn:aws:s3:::orders/*", "arn:aws:s3:::orders/any-object", false, true],
        ["arn:aws:s3:::orders/*", "arn:aws:s3:::orders", false, false],
        ["arn:aws:s3:::orders/*", "arn:aws:s3:::ORDERS/any-object", false, false],
        ["arn:aws:s3:::orders*", "arn:aws:s3:::orders-logs/x", false, true],
        ["a*b*c", "aXbYbZc", false, true],
        ["a*b*c", "aXbYbZ", false, false],
        ["a**", "a", false, true],
        ["*-logs", "orders-logs", false, true],
        ["?", "", false, false],
    ];
    for (const [pattern, value, ignoreCase, expected] of cases) {
        it(`${JSON.stringify(pattern)} ${expected ? "matches" : "does not match"} ${JSON.stringify(value)}${ignoreCase ? " (ignoring case)" : ""}`, () => {
            assert.strictEqual(globMatch(pattern, value, ignoreCase), expected);
        });
    }
});
