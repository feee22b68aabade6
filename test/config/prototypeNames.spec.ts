// A name that happens to be a member of every JavaScript object ("constructor", "toString", "__proto__") must read
// as what it is in the YAML: a name with no entry, rejected at its own field like any other misspelling. Looked up
// with `config.keys[name]`, it found Object.prototype's member and failed later with a misleading message.
import { assertRejected, validConfig } from "./fixtures";

const PROTOTYPE_NAMES = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];

describe("config: names that are Object.prototype members", () => {
    for (const name of PROTOTYPE_NAMES) {
        it(`a bucket's shared key "${name}" has no entry in keys`, () => {
            const c = validConfig();
            c.buckets[1].key = name;
            assertRejected(c, "buckets[1].key", new RegExp(`shared key "${name}" has no entry in encrypted-buckets:keys; add keys\\.${name}`));
        });
        it(`a bucket's account "${name}" has no entry in accounts`, () => {
            const c = validConfig();
            c.buckets[1].account = name;
            assertRejected(c, "buckets[1].account", new RegExp(`account alias "${name}" has no entry in encrypted-buckets:accounts`));
        });
        it(`a replica's account "${name}" has no entry in accounts`, () => {
            const c = validConfig();
            (c.buckets[0].replicas as Record<string, unknown>[])[0].account = name;
            assertRejected(c, "buckets[0].replicas[0].account", new RegExp(`account alias "${name}" has no entry in encrypted-buckets:accounts`));
        });
        it(`a grant's consumerAccount "${name}" has no entry in accounts`, () => {
            const c = validConfig();
            (c.buckets[0].grants as Record<string, unknown>[])[1].consumerAccount = name;
            assertRejected(c, "buckets[0].grants[1].consumerAccount", new RegExp(`account alias "${name}" has no entry in encrypted-buckets:accounts`));
        });
        it(`a shared key's account "${name}" has no entry in accounts`, () => {
            const c = validConfig();
            c.keys!.shared.account = name;
            assertRejected(c, "keys.shared.account", new RegExp(`account alias "${name}" has no entry in encrypted-buckets:accounts`));
        });
    }
});
