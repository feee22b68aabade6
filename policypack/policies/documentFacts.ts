// Which resources carry a resource-based policy document in their own inputs, and under which property:
// the one declaration the single-resource policy checks (public grants, NotAction, service principals,
// lockout) and the stack index read documents through.
import { BUCKET_POLICY_DOCUMENTS, documentProperty, KEY_POLICY_DOCUMENTS } from "../model/awsTypes";
import { InvalidPolicyDocument, ParsedPolicy, parsePolicy, parsePolicyLenient, Statement } from "../model/policyDocument";
import { isUnknown, ValueObject } from "../model/values";

export { documentProperty };

export const KEY_POLICY_TYPES: ReadonlySet<string> = new Set(KEY_POLICY_DOCUMENTS.keys());
export const BUCKET_POLICY_TYPES: ReadonlySet<string> = new Set(BUCKET_POLICY_DOCUMENTS.keys());
export const RESOURCE_POLICY_TYPES: ReadonlySet<string> = new Set([...KEY_POLICY_TYPES, ...BUCKET_POLICY_TYPES]);

/** The statements of the resource's own policy document; none while it is absent, unreadable or unknown. */
export function documentStatements(type: string, props: ValueObject): Statement[] {
    const property = documentProperty(type);
    if (property === undefined) {
        return [];
    }
    const statements = parsePolicyLenient(props[property]);
    return statements === undefined || isUnknown(statements) ? [] : statements;
}

/**
 * The resource's own policy document as parsed: its statements (none for `"Statement": []`), UNKNOWN while it
 * can't be read, undefined when absent, or why it is not a policy document at all.
 */
export function documentOf(type: string, props: ValueObject): ParsedPolicy | InvalidPolicyDocument {
    const property = documentProperty(type);
    if (property === undefined) {
        return undefined;
    }
    try {
        return parsePolicy(props[property]);
    } catch (e) {
        if (e instanceof InvalidPolicyDocument) {
            return e;
        }
        throw e;
    }
}
