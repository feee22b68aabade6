// One stack index per stack evaluation, shared by every stack policy of the pack.
//
// The in-process harness passes the same `resources` array to each stack policy, so a WeakMap on the
// array suffices there. The real analyzer server deserializes a fresh array per policy, but runs all
// stack policies of one AnalyzeStack call back to back with only microtask yields between them; an
// entry keyed by the URN/type sequence and dropped on the next macrotask (`setImmediate`) therefore
// serves exactly one AnalyzeStack call and can't leak into the next (e.g. preview → update).
import { PolicyResource } from "@pulumi/policy";
import { buildStackIndex, StackIndex } from "./stackIndex";

const byArray = new WeakMap<readonly PolicyResource[], StackIndex>();

interface RecentEntry {
    urns: string[];
    types: string[];
    index: StackIndex;
}

let recent: RecentEntry | undefined;

function sameStack(entry: RecentEntry, resources: readonly PolicyResource[]): boolean {
    if (entry.urns.length !== resources.length) {
        return false;
    }
    for (let i = 0; i < resources.length; i++) {
        if (entry.urns[i] !== resources[i].urn || entry.types[i] !== resources[i].type) {
            return false;
        }
    }
    return true;
}

export function stackIndexFor(resources: readonly PolicyResource[]): StackIndex {
    const cached = byArray.get(resources);
    if (cached) {
        return cached;
    }
    if (recent && sameStack(recent, resources)) {
        byArray.set(resources, recent.index);
        return recent.index;
    }
    const index = buildStackIndex(resources);
    byArray.set(resources, index);
    const entry: RecentEntry = { urns: resources.map((r) => r.urn), types: resources.map((r) => r.type), index };
    recent = entry;
    setImmediate(() => {
        if (recent === entry) {
            recent = undefined;
        }
    });
    return index;
}

/** Forget the URN-keyed entry: callers that evaluate several stacks in one macrotask (the harness) call this between stacks. */
export function forgetRecentStackIndex(): void {
    recent = undefined;
}
