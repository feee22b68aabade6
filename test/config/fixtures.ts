// A small valid stack config for the config tests; each test breaks one field of a fresh copy.
import * as assert from "assert";
import { ConfigError, parseStackConfig } from "../../config";

export interface RawConfig {
    accounts: Record<string, Record<string, unknown>>;
    keys?: Record<string, Record<string, unknown>>;
    buckets: Record<string, unknown>[];
    [key: string]: unknown;
}

export function validConfig(): RawConfig {
    return {
        accounts: {
            data: { accountId: "111111111111", region: "eu-west-1", roleArn: "arn:aws:iam::111111111111:role/deploy" },
            backup: { accountId: "222222222222", region: "eu-central-1", roleArn: "arn:aws:iam::222222222222:role/deploy" },
            analytics: { accountId: "333333333333", region: "eu-west-1", roleArn: "arn:aws:iam::333333333333:role/deploy" },
        },
        keys: {
            shared: { account: "data", alias: "alias/shared", administrators: ["arn:aws:iam::111111111111:role/kms-admin"] },
        },
        buckets: [
            {
                name: "raw",
                account: "data",
                key: "shared",
                grants: [
                    { principal: "arn:aws:iam::111111111111:role/ingest", access: "write", prefix: "incoming/" },
                    { principal: "arn:aws:iam::333333333333:role/reader", access: "read", consumerAccount: "analytics" },
                ],
                replicas: [{ account: "backup", region: "eu-central-1" }],
            },
            { name: "curated", account: "data", key: { alias: "alias/curated", deletionWindowInDays: 10 } },
        ],
    };
}

/** Parses `raw` and returns the ConfigError, failing the test if it parses. */
export function rejection(raw: unknown): ConfigError {
    try {
        parseStackConfig(raw);
    } catch (error) {
        if (error instanceof ConfigError) {
            return error;
        }
        throw error;
    }
    assert.fail("expected the configuration to be rejected");
}

/** Asserts that one problem sits exactly at `path` (without namespace) and its message matches `message`. */
export function assertRejected(raw: unknown, path: string, message: RegExp): void {
    const error = rejection(raw);
    const at = error.problems.filter((p) => p.path === `encrypted-buckets:${path}`);
    assert.ok(at.length > 0, `no problem at ${path}; got:\n${error.message}`);
    assert.ok(
        at.some((p) => message.test(p.message)),
        `problem at ${path} does not match ${message}:\n${at.map((p) => p.message).join("\n")}`,
    );
    assert.ok(error.message.includes(`encrypted-buckets:${path}`), "the error text names the field");
}
