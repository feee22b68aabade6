// Resource options that keep a renamed resource: Pulumi `aliases` to its earlier logical names.

/** Aliases to earlier logical names under the same parent and type; no option at all when there are none. */
export function aliasOptions(names: readonly string[] | undefined): { aliases?: { name: string }[] } {
    return names !== undefined && names.length > 0 ? { aliases: names.map((name) => ({ name })) } : {};
}
