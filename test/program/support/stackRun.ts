// Runs the program's resource graph (program/build.ts) for a raw stack configuration under a
// recording mock monitor backed by fake AWS, and returns what was registered: types, names,
// inputs, providers and the resource options the engine keeps (protect, retainOnDelete).
// The seam under test is "stack config in, registered resources out": nothing here knows the
// config's or the components' internal types.
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, StackConfig } from "../../../config";
import { buildStack } from "../../../program/build";
import { Continuity } from "../../../program/continuity";
import { FakeAwsMocks } from "../../../fakeaws";
import { RecordingMonitor, Registration } from "../../../tools/synth/recordingMonitor";

export type { Registration };

// The runtime's feature flags live in its internal state module (no typings); setMocks sets them
// for its own monitor, and setMockOptions, which installs ours, resets them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeState = require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, unknown> };

/** A fresh recording monitor (and fake AWS) for this mocha process; Pulumi's runtime is process-global. */
function installRecordingMonitor(stack: string): RecordingMonitor {
    const monitor = new RecordingMonitor(new FakeAwsMocks());
    pulumi.runtime.setMockOptions(monitor, "encrypted-buckets", stack, false, "organization");
    // What setMocks turns on for its own mock monitor (synth gets the same from the Stack resource).
    Object.assign(runtimeState.getStore(), {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsAliasSpecs: true,
        supportsTransforms: true,
    });
    return monitor;
}

export interface StackRun {
    registrations: readonly Registration[];
    /** The registration of this type and logical name; throws if absent or ambiguous. */
    named(type: string, name: string): Registration;
    byType(type: string): Registration[];
    /** The provider registration a resource names (its logical name, e.g. aws-data). */
    providerOf(r: Registration): string | undefined;
}

/**
 * Parses `raw` (the `encrypted-buckets:*` values) and registers the whole stack; `continuity` stands for what
 * the last deployment left (program/continuity.ts), none by default.
 */
export async function runStack(raw: unknown, stack = "test", continuity?: (config: StackConfig) => Continuity): Promise<StackRun> {
    return runParsedStack(parseStackConfig(raw), stack, continuity);
}

/** Registers the whole stack for an already parsed configuration (a test may edit it past the configuration's checks). */
export async function runParsedStack(config: StackConfig, stack = "test", continuity?: (config: StackConfig) => Continuity): Promise<StackRun> {
    const recording = installRecordingMonitor(stack);
    const stray: unknown[] = [];
    const onError = (error: unknown) => stray.push(error);
    process.on("unhandledRejection", onError);
    try {
        buildStack(config, stack, continuity?.(config));
        // Waits until every registration (each an RPC the runtime keeps alive) has been answered, as
        // at the end of a real program run; the next run installs a new monitor.
        await pulumi.runtime.disconnect();
    } finally {
        process.off("unhandledRejection", onError);
    }
    if (stray.length > 0) {
        throw stray[0];
    }
    const registrations = [...recording.registrations.values()];
    const byUrn = new Map(registrations.map((r) => [r.urn, r]));
    return {
        registrations,
        byType: (type) => registrations.filter((r) => r.type === type),
        named: (type, name) => {
            const found = registrations.filter((r) => r.type === type && r.name === name);
            if (found.length !== 1) {
                throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${registrations.filter((r) => r.type === type).map((r) => r.name).join(", ")}`);
            }
            return found[0];
        },
        providerOf: (r) => (r.provider === undefined ? undefined : byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::")))?.name),
    };
}
