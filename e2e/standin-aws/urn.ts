// Splits a Pulumi URN (`urn:pulumi:<stack>::<project>::<parent types$>type::<name>`) into the
// resource's own type token and logical name; the provider's CRUD calls only receive the URN.
export interface UrnParts {
    type: string;
    name: string;
}

export function parseUrn(urn: string): UrnParts {
    const parts = urn.split("::");
    if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) {
        throw new Error(`not a Pulumi URN: ${urn}`);
    }
    const qualifiedType = parts[2];
    // Names may contain "::" themselves, so everything after the type is the name.
    const name = parts.slice(3).join("::");
    const type = qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
    return { type, name };
}
