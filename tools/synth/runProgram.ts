// Runs the Pulumi program in this process under a recording mock monitor backed by fake AWS, the
// way `pulumi up` would run it against real providers (no preview: every output is known).
import * as pulumi from "@pulumi/pulumi";
import { FakeAwsMocks } from "../../fakeaws";
import { RecordingMonitor, Registration } from "./recordingMonitor";

export interface ProgramRun {
    registrations: Registration[];
}

export interface RunProgramOptions {
    programPath: string;
    project: string;
    stack: string;
    /** `namespace:key` → string value, as the engine passes config. */
    engineConfig: Record<string, string>;
}

/** Errors raised outside the awaited chain (in applies, in async registrations) fail the run too. */
function collectStrayErrors(): { errors: unknown[]; stop(): void } {
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on("unhandledRejection", onError);
    process.on("uncaughtException", onError);
    return {
        errors,
        stop: () => {
            process.off("unhandledRejection", onError);
            process.off("uncaughtException", onError);
        },
    };
}

export async function runProgram(options: RunProgramOptions): Promise<ProgramRun> {
    pulumi.runtime.setAllConfig(options.engineConfig);
    const monitor = new RecordingMonitor(new FakeAwsMocks());
    // The Stack resource queries the monitor's features on start-up, which enables secrets and
    // resource references as setMocks would.
    // "organization" is what the CLI's local backend reports; the program reads its own stack by that name.
    pulumi.runtime.setMockOptions(monitor, options.project, options.stack, false, "organization");
    const stray = collectStrayErrors();
    try {
        // As the SDK's program runner does: a program that exports a function is called, and its result awaited.
        await pulumi.runtime.runInPulumiStack(async () => {
            const exported = require(options.programPath) as unknown;
            return (typeof exported === "function" ? await (exported as () => unknown)() : exported) as Record<string, unknown>;
        });
        await pulumi.runtime.disconnect();
    } finally {
        stray.stop();
    }
    if (stray.errors.length > 0) {
        throw stray.errors[0];
    }
    return { registrations: [...monitor.registrations.values()] };
}
