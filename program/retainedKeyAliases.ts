// A key the stack retained keeps its alias: the alias is `deletedWith` the key, and the key is never deleted by
// Pulumi (keys outlive their data). KMS keeps one alias of a name per account and Region (AWS KMS API Reference,
// "CreateAlias", AlreadyExistsException), so a key of the configuration that would take a retained key's alias (a
// bucket moved back to a key of its own under its old alias, a removed `keys` entry added again) would be created
// and then fail on its alias halfway through `pulumi up`. Refused here, before anything is registered.
import { BucketConfig, ConfigProblem, configPath, KeyChoice, StackConfig } from "../config";
import { aliasHome, Continuity, RetainedKey } from "./continuity";

interface ConfiguredAlias {
    accountId: string;
    region: string;
    alias: string;
    /** The field that sets the alias, or the key choice whose default it is. */
    field: PropertyKey[];
    /** Set in the configuration (false: the default from the bucket's name). */
    written: boolean;
}

/** The alias an own key of a bucket or replica registers: the deployed one when the default is kept (continuity.keyAlias). */
function ownKeyAlias(key: KeyChoice, keptAlias: string | undefined, accountId: string, region: string, path: PropertyKey[]): ConfiguredAlias[] {
    if (key.kind !== "own") return [];
    const written = key.spec.aliasDefaulted !== true;
    return [{ accountId, region, alias: keptAlias ?? key.spec.alias, field: written ? [...path, "key", "alias"] : [...path, "key"], written }];
}

function configuredAliases(config: StackConfig, continuity: Continuity): ConfiguredAlias[] {
    const accountIdOf = (alias: string) => config.accounts[alias].accountId;
    const aliases: ConfiguredAlias[] = Object.values(config.keys).map((key) => ({
        accountId: accountIdOf(key.account),
        region: key.region,
        alias: key.alias,
        field: ["keys", key.name, "alias"],
        written: true,
    }));
    config.buckets.forEach((bucket: BucketConfig, i) => {
        const kept = continuity.buckets[i];
        aliases.push(...ownKeyAlias(bucket.key, kept?.keyAlias, accountIdOf(bucket.account), bucket.region, ["buckets", i]));
        bucket.replicas.forEach((replica, j) => {
            aliases.push(...ownKeyAlias(replica.key, kept?.replicas[j]?.keyAlias, accountIdOf(replica.account), replica.region, ["buckets", i, "replicas", j]));
        });
    });
    return aliases;
}

function conflictMessage(configured: ConfiguredAlias, retained: RetainedKey): string {
    const what = configured.written ? `is ${configured.alias}` : `leaves the alias unset, so its key would get ${configured.alias}`;
    return (
        `${what}, the alias of the retained key ${retained.arn} (used by ${retained.usedBy.join(", ") || "this stack"} before it moved off it; ` +
        "the key was kept, not scheduled for deletion, with its alias, because the objects written under it still need it). " +
        'KMS allows one alias of a name per account and Region (AWS KMS API Reference, "CreateAlias": AlreadyExistsException), so the new key would be ' +
        `created and its alias refused halfway through the update. Fix: give the key another alias (key: { alias: ${configured.alias}-v2 }), ` +
        `or go back to the retained key itself as an existing key (key: ${retained.arn})`
    );
}

/** Every key of the configuration whose alias a key this stack retained still holds. */
export function retainedAliasConflicts(config: StackConfig, continuity: Continuity): ConfigProblem[] {
    const retained = new Map<string, RetainedKey>();
    for (const key of continuity.keptRetainedKeys) retained.set(aliasHome(key.arn, key.alias), key);
    const problems: ConfigProblem[] = [];
    for (const configured of configuredAliases(config, continuity)) {
        const holder = retained.get(`${configured.accountId}/${configured.region}/${configured.alias}`);
        if (holder !== undefined) {
            problems.push({ path: configPath(configured.field), message: conflictMessage(configured, holder) });
        }
    }
    return problems;
}
