// Reading a stack's replication rules, shared by the policies that judge them.
import { ReplicationModel, ReplicationRule, StackIndex } from "../model/stackIndex";
import { isUnknown } from "../model/values";

export interface RuleOf {
    replication: ReplicationModel;
    rule: ReplicationRule;
}

/** A rule S3 acts on: every status but a known `Disabled` (a disabled rule replicates nothing). */
export function isActive(rule: ReplicationRule): boolean {
    return rule.status !== "Disabled";
}

/** The active rules of a replication whose rule list can be read (during preview a list may still be unknown). */
export function activeRules(replication: ReplicationModel): ReplicationRule[] {
    return isUnknown(replication.rules) ? [] : replication.rules.filter(isActive);
}

/** Every active rule of every replication whose rule list can be read. */
export function replicationRules(index: StackIndex): RuleOf[] {
    const out: RuleOf[] = [];
    for (const replication of index.replications) {
        for (const rule of activeRules(replication)) {
            out.push({ replication, rule });
        }
    }
    return out;
}

/** How messages name a rule: by its id, else by its position. */
export function ruleName(rule: ReplicationRule): string {
    return `rule ${typeof rule.id === "string" ? `"${rule.id}"` : `#${rule.position + 1}`}`;
}
