// Joins between resources: first by literal value (names, ARNs, ids known in the program), then by
// the URNs in `propertyDependencies` — which the engine knows even when the value is an unknown
// output on a fresh stack — and only then by the coarser `dependencies` list.
import { IndexedResource } from "./resources";
import { Maybe } from "./policyDocument";
import { isUnknown } from "./values";

export class ReferenceTable<T> {
    private readonly byUrn = new Map<string, T>();
    private readonly byLiteral = new Map<string, T>();

    addResource(urn: string, model: T): void {
        this.byUrn.set(urn, model);
    }

    addLiteral(value: Maybe<string> | undefined, model: T): void {
        if (typeof value === "string" && value !== "" && !this.byLiteral.has(value)) {
            this.byLiteral.set(value, model);
        }
    }

    byResourceUrn(urn: string): T | undefined {
        return this.byUrn.get(urn);
    }

    byValue(value: string): T | undefined {
        return this.byLiteral.get(value);
    }

    /**
     * The models `from` refers to through input properties `keys`. A known literal decides alone
     * (an empty answer then means "outside this stack"); an unknown or absent literal falls back to
     * the dependency URNs.
     */
    resolve(from: IndexedResource, keys: readonly string[], literal: Maybe<string> | undefined): T[] {
        if (typeof literal === "string") {
            const hit = this.byLiteral.get(literal);
            return hit === undefined ? [] : [hit];
        }
        return this.viaDependencies(from, keys);
    }

    /**
     * The models a list input refers to (a role's `managedPolicyArns`, a PolicyAttachment's `roles`): each known value
     * by its literal, and, when an element or the whole list is an unknown (an output on a fresh stack), the models the
     * list depends on. `outside`: the known values that name no model of the stack; `unresolved`: an unknown was
     * listed and no dependency explains it.
     */
    resolveList(from: IndexedResource, key: string, listed: unknown): { models: T[]; outside: string[]; unresolved: boolean } {
        const values: unknown[] = isUnknown(listed) ? [listed] : Array.isArray(listed) ? listed : [];
        const models: T[] = [];
        const outside: string[] = [];
        let unknowns = false;
        for (const value of values) {
            if (isUnknown(value)) {
                unknowns = true;
            } else if (typeof value === "string") {
                const hit = this.byLiteral.get(value);
                if (hit === undefined) {
                    outside.push(value);
                } else if (!models.includes(hit)) {
                    models.push(hit);
                }
            }
        }
        const viaDependencies = unknowns ? this.viaDependencies(from, [key]).filter((model) => !models.includes(model)) : [];
        models.push(...viaDependencies);
        return { models, outside, unresolved: unknowns && viaDependencies.length === 0 };
    }

    /** Models among the URNs `from` depends on through `keys` (or through any input, when the engine sent no property map). */
    viaDependencies(from: IndexedResource, keys: readonly string[]): T[] {
        const out: T[] = [];
        const seen = new Set<T>();
        const urns: string[] = [];
        if (from.propertyDependencies.size > 0) {
            for (const key of keys) {
                urns.push(...(from.propertyDependencies.get(key) ?? []));
            }
        } else {
            urns.push(...from.dependencies);
        }
        for (const urn of urns) {
            const hit = this.byUrn.get(urn);
            if (hit !== undefined && !seen.has(hit)) {
                seen.add(hit);
                out.push(hit);
            }
        }
        return out;
    }
}

/** A literal that is a known string, or undefined (for "known absent" or unknown). */
export function knownString(v: Maybe<string> | undefined): string | undefined {
    return typeof v === "string" && !isUnknown(v) ? v : undefined;
}
