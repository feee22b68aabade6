// BucketReplication's own arguments beyond the pure plan's: the keys each direction's source may still hold objects
// under after a key move. Default encryption applies to new objects only (Amazon S3 API Reference,
// "ServerSideEncryptionRule"), so the role that replicates a bucket (a Batch Replication of existing objects, a retry)
// still decrypts what was written before the move (Amazon S3 User Guide, "Replicating objects created with
// server-side encryption (SSE-C, SSE-S3, SSE-KMS, DSSE-KMS)"). The forward role reads the source, the return role of a
// bidirectional destination reads that destination: each takes the retired keys of the bucket it reads.
import { z } from "zod";
import { ArgumentProblem, parseArgs } from "./args/parseArgs";
import type { ReplicationOptions, ReplicationPlan } from "./bucketReplicationPlan";
import { CustomerManagedKey } from "./customerManagedKey";
import { RetiredKey, retiredKeysField } from "./retiredKeys";

/** The component's own arguments beyond the pure plan's: what each side's source may still be encrypted under. */
export const bucketReplicationKeyFields = {
    /**
     * The source bucket's retired keys (as BucketGrant's `retiredKeys`): the keys its default key was before a key
     * move. The forward replication role keeps kms:Decrypt on them for the source's objects, so a Batch Replication
     * or a retry still copies what was written before the move. A CustomerManagedKey of this program also gets the
     * role's key-policy statement; a key ARN only the role's IAM policy (its own policy is its owner's, or stays as it
     * was on a retained key). Return roles read the destinations: their keys are `replicaRetiredKeys`.
     */
    retiredKeys: retiredKeysField,
    /**
     * The retired keys of each bidirectional destination, by destination name (as `retiredKeys`, for the replica):
     * that destination's return role keeps kms:Decrypt on them for the replica's objects, so what was written to the
     * replica before its key moved still replicates back to the source; a CustomerManagedKey of this program names
     * the return role in its key policy. Only for bidirectional destinations: nothing replicates from a one-way replica.
     */
    replicaRetiredKeys: z
        .record(z.string(), retiredKeysField, { error: 'is not an object. Fix: pass { <destination name>: [<retired key ARN or CustomerManagedKey>, ...] }, e.g. { dr: ["arn:aws:kms:..."] }' })
        .default({}),
};

type KeyArgs = z.input<z.ZodObject<typeof bucketReplicationKeyFields>>;

/** The retired keys of each side: the forward side's source, and each bidirectional destination's, by destination name. */
export interface SideRetiredKeys {
    forward: RetiredKey[];
    returns: Readonly<Record<string, RetiredKey[]>>;
}

/** The plan's options and the component's own retired-key fields, which the pure plan does not take. */
export function splitRetiredKeyArgs<B>(args: ReplicationOptions<B> & KeyArgs): { options: ReplicationOptions<B>; keyArgs: unknown } {
    if (args === null || typeof args !== "object") {
        return { options: args, keyArgs: {} };
    }
    const { retiredKeys, replicaRetiredKeys, ...options } = args;
    return { options, keyArgs: { ...(retiredKeys !== undefined ? { retiredKeys } : {}), ...(replicaRetiredKeys !== undefined ? { replicaRetiredKeys } : {}) } };
}

/** `field[i]` for each given key that is the bucket's current key: it is no retired key, and keeps its own statement. */
function currentKeyProblems(field: string, given: unknown, currentKey: CustomerManagedKey | undefined, fix: string): ArgumentProblem[] {
    return (Array.isArray(given) ? given : []).flatMap((key: unknown, index: number) =>
        currentKey !== undefined && key === currentKey ? [{ field: `${field}[${index}]`, message: fix }] : [],
    );
}

/** A destination name of replicaRetiredKeys without a return side: no destination of the plan, or a one-way one. */
function noReturnSideProblem(name: string, destinationNames: readonly string[]): ArgumentProblem {
    const index = destinationNames.indexOf(name);
    const field = `replicaRetiredKeys.${name}`;
    if (index === -1) {
        return { field, message: `names no destination of this replication. Fix: key each list by the name of a bidirectional destination (${destinationNames.map((d) => JSON.stringify(d)).join(", ")})` };
    }
    return {
        field,
        message:
            `is set but destinations[${index}] ("${name}") is not bidirectional: nothing replicates from a one-way replica, so no role reads its objects. ` +
            "Fix: remove it, or set bidirectional: true on that destination",
    };
}

/**
 * Both sides' retired keys, checked: a current key is refused (the source's in `retiredKeys`, a replica's in its
 * `replicaRetiredKeys` list), and so is a list for a destination that has no return side.
 * @param currentKeyOf the key a bucket encrypts with now, when this program manages it
 */
export function parseSideRetiredKeys<B>(
    where: string,
    keyArgs: unknown,
    plan: ReplicationPlan<B>,
    currentKeyOf: (bucket: B) => CustomerManagedKey | undefined,
): SideRetiredKeys {
    const given = (keyArgs ?? {}) as { retiredKeys?: unknown; replicaRetiredKeys?: unknown };
    const replicaGiven: Record<string, unknown> = given.replicaRetiredKeys !== null && typeof given.replicaRetiredKeys === "object" ? (given.replicaRetiredKeys as Record<string, unknown>) : {};
    const returnSources = new Map(plan.returns.map(({ destinationName, side }) => [destinationName, side.source]));
    const problems: ArgumentProblem[] = [
        ...currentKeyProblems("retiredKeys", given.retiredKeys, currentKeyOf(plan.forward.source), "is the source bucket's current key. Fix: pass only the keys the source used before its key was changed"),
        ...Object.entries(replicaGiven).flatMap(([name, keys]): ArgumentProblem[] => {
            const replica = returnSources.get(name);
            if (replica === undefined) {
                return [noReturnSideProblem(name, plan.forward.rules.map((rule) => rule.destinationName))];
            }
            return currentKeyProblems(`replicaRetiredKeys.${name}`, keys, currentKeyOf(replica), `is the current key of destination "${name}". Fix: pass only the keys that replica used before its key was changed`);
        }),
    ];
    const parsed = parseArgs(where, z.strictObject(bucketReplicationKeyFields), keyArgs, problems);
    return { forward: parsed.retiredKeys, returns: parsed.replicaRetiredKeys };
}
