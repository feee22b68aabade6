// The worlds the IAM suite checks: the example stacks as synth writes them (what `pulumi up` would
// deploy), plus the reference topology, synthesized the same way from its own configuration, which
// covers shapes the example stacks do not (a destination bucket without a Bucket Key, a
// compatible-mode bucket with a cross-account writer).
import { synthStack } from "../support/synthStack";
import { referenceWorld } from "./world/fromBuilders";
import { loadStackConfigFor, worldFromStackExport } from "./world/fromStackExport";
import type { World } from "./world/types";

export const EXAMPLE_STACKS = ["dev", "prod"] as const;

export interface LoadedWorlds {
    worlds: World[];
    /** Intent and synth output disagree (a missing policy, a replica key that is not the bucket's). */
    problems: string[];
}

let loading: Promise<LoadedWorlds> | undefined;

async function load(): Promise<LoadedWorlds> {
    const stacks = await Promise.all(
        EXAMPLE_STACKS.map(async (stack) => worldFromStackExport(stack, await synthStack(stack), loadStackConfigFor(stack))),
    );
    return {
        worlds: [...stacks.map((s) => s.world), await referenceWorld()],
        problems: stacks.flatMap((s, i) => s.problems.map((p) => `stack ${EXAMPLE_STACKS[i]}: ${p}`)),
    };
}

/** Synthesizes the example stacks once per mocha process (a child process each, in parallel). */
export function loadWorlds(): Promise<LoadedWorlds> {
    loading ??= load();
    return loading;
}

export async function worldsUnderTest(): Promise<World[]> {
    return (await loadWorlds()).worlds;
}
