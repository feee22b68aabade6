// Reading a stack's replication rules, shared by the policies that judge them.
import { ReplicationModel, ReplicationRule, StackIndex } from "../model/stackIndex";
import { isUnknown } from "../model/values";

export interface RuleOf {
    replication: ReplicationModel;
    rule: ReplicationRule;
}

/** Every rule of every replication whose rule list can be read (during preview a list may still be unknown). */
export function replicationRules(index: StackIndex): RuleOf[] {
    const out: RuleOf[] = [];
    for (const replication of index.replications) {
        if (!isUnknown(replication.rules)) {
            for (const rule of replication.rules) {
                out.push({ replication, rule });
            }
        }
    }
    return out;
}

/** How messages name a rule: by its id, else by its position. */
export function ruleName(rule: ReplicationRule): string {
    return `rule ${typeof rule.id === "string" ? `"${rule.id}"` : `#${rule.position + 1}`}`;
}
