// The contract every policy module fulfils: the @pulumi/policy policy (built with framework.ts), the fields
// of its row in docs/policies.md, and fixtures that show it firing and staying quiet. `index.ts` lists the
// definitions; the pack, the docs table and the generic spec (test/policypack/registry.spec.ts) read that list.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Fixture, ViolatingFixture } from "../fixtures/format";

export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy | (ResourceValidationPolicy & StackValidationPolicy);

/** The columns of the policy's row in docs/policies.md that its metadata doesn't give. */
export interface PolicyDocRow {
    /** "what it checks": the full rule, with the cases it flags. */
    checks: string;
    /** The resource shapes it reads, in the vocabulary of docs/policies.md ("v7, V2, inline", "`aws.kms.Key`"). */
    shapes: string;
    /** Its config properties beyond `enforcementLevel`/`exemptTags`, or "—". */
    config: string;
    /** Overrides the "default level" column (e.g. "mandatory (inactive until configured)"). */
    level?: string;
}

export interface PolicyDefinition {
    policy: PackPolicy;
    doc: PolicyDocRow;
    /** At least one stack the policy stays quiet on, in update and in a fresh-stack preview. */
    compliant: readonly Fixture[];
    /** At least one stack the policy reports, in update and (unless marked otherwise) in preview. */
    violating: readonly ViolatingFixture[];
}

/** "resource + stack": the resource part judges a resource's own inputs before it is created, the stack part the rest. */
export type PolicyKind = "resource" | "stack" | "resource + stack";

export function kindOf(policy: PackPolicy): PolicyKind {
    const stack = typeof (policy as StackValidationPolicy).validateStack === "function";
    const resource = (policy as ResourceValidationPolicy).validateResource !== undefined;
    return stack && resource ? "resource + stack" : stack ? "stack" : "resource";
}

/** Declares a policy: refuses a definition without fixtures of both kinds. */
export function definePolicy(definition: PolicyDefinition): PolicyDefinition {
    if (definition.compliant.length === 0 || definition.violating.length === 0) {
        throw new Error(`policy ${definition.policy.name}: a definition needs at least one compliant and one violating fixture`);
    }
    return definition;
}
