// The floor: policies that do nothing but make the harness do all of its own work. One resource policy
// without a type tag (so it is never skipped and runs on every resource) and one stack policy that
// visits every resource, each reading props through the harness's proxies.
import { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

function noopResourcePolicy(name: string): ResourceValidationPolicy {
    return {
        name,
        description: "Reads every resource's props and reports nothing.",
        enforcementLevel: "advisory",
        validateResource: (args) => {
            void args.props["region"];
        },
    };
}

function noopStackPolicy(name: string): StackValidationPolicy {
    return {
        name,
        description: "Visits every resource of the stack and reports nothing.",
        enforcementLevel: "advisory",
        validateStack: (args) => {
            for (const resource of args.resources) {
                void resource.props["region"];
                void resource.propertyDependencies;
            }
        },
    };
}

export const noopPolicies: Policies = [noopResourcePolicy("bench-noop-resource"), noopStackPolicy("bench-noop-stack")];

/**
 * A second floor with the shape of `pack`: per policy, a no-op resource part where it has one and a no-op stack
 * part where it has one (a policy with both gets both, as the server runs it on every resource and on the stack).
 * What the harness costs per policy before any check runs; the gap between it and the pack is what the pack's
 * own checks cost. Its resource parts carry no type tag, so they run on every resource (more than ours do).
 */
export function noopPoliciesShapedLike(pack: Policies): Policies {
    return pack.map((policy, i): Policies[number] => {
        const resourcePart = "validateResource" in policy && policy.validateResource !== undefined;
        const stackPart = "validateStack" in policy && policy.validateStack !== undefined;
        if (stackPart && resourcePart) {
            return { ...noopStackPolicy(`bench-noop-both-${i}`), validateResource: noopResourcePolicy("").validateResource };
        }
        return stackPart ? noopStackPolicy(`bench-noop-stack-${i}`) : noopResourcePolicy(`bench-noop-resource-${i}`);
    });
}

/**
 * The same-shape floor that also parses every policy document, in one of its stack policies: the work any pack
 * that reads the documents cannot skip, so the gap between it and ours is what our index and checks cost.
 */
export function parsingPoliciesShapedLike(pack: Policies): Policies {
    return shapedWithLastStackPart(pack, parseDocumentsPolicy.validateStack);
}

/** The same-shape no-op pack whose last stack policy does `validateStack` instead of nothing. */
export function shapedWithLastStackPart(pack: Policies, validateStack: StackValidationPolicy["validateStack"]): Policies {
    const shaped = noopPoliciesShapedLike(pack);
    const lastStack = shaped.map((policy) => "validateStack" in policy).lastIndexOf(true);
    return shaped.map((policy, i) => (i === lastStack ? { ...policy, validateStack } : policy));
}

const parseDocumentsPolicy: StackValidationPolicy = {
    name: "bench-parse-policy-documents",
    description: "Parses every distinct policy document of the stack and reports nothing.",
    enforcementLevel: "advisory",
    validateStack: (args) => {
        // Kept until the policy returns, as a pack's model of the documents would be; one parse per distinct
        // text, as a pack that caches by text does.
        const parsed = new Map<string, unknown>();
        for (const resource of args.resources) {
            void resource.props["region"];
            void resource.propertyDependencies;
            for (const key of POLICY_PROPERTIES) {
                const text: unknown = resource.props[key];
                if (typeof text === "string" && text.startsWith("{") && !parsed.has(text)) {
                    parsed.set(text, JSON.parse(text));
                }
            }
        }
    },
};

/**
 * A reference point between the floor and a real pack: the floor plus `JSON.parse` of every policy document
 * in the stack (bucket, key, role and trust policies), keeping the results as a pack that checks them must.
 * No pack that reads policy documents can cost less than this.
 */
export const parseOnlyPolicies: Policies = [...noopPolicies, parseDocumentsPolicy];

/** Where a resource carries a policy document: bucket, key, role and inline policies, and a role's trust policy. */
export const POLICY_PROPERTIES = ["policy", "assumeRolePolicy"] as const;
