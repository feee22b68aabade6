// The reference topology (Pulumi.reference.yaml next to this file), built by the program itself:
// synth runs it like an example stack and the world is read from the export exactly as for dev and
// prod (fromStackExport.ts). So every policy document here is what the components and program/
// produce, never a copy of their wiring. It covers shapes the example stacks do not: a destination
// bucket without a Bucket Key, a compatible-mode bucket with a cross-account writer.
import * as path from "path";
import { parseStackConfig } from "../../../config";
import { readStackConfigFile } from "../../../tools/synth/stackConfigFile";
import { runSynth, tempSynthFile, type StackExport } from "../../support/synthStack";
import { worldFromStackExport } from "./fromStackExport";
import type { World } from "./types";

const PROJECT_DIR = path.resolve(__dirname, "../../..");
const REFERENCE_STACK = "reference";
export const REFERENCE_CONFIG_FILE = path.join(__dirname, "Pulumi.reference.yaml");

let synthesized: Promise<StackExport> | undefined;

function referenceExport(): Promise<StackExport> {
    synthesized ??= runSynth(REFERENCE_STACK, tempSynthFile(REFERENCE_STACK), ["--config-file", REFERENCE_CONFIG_FILE]).then((run) => run.doc);
    return synthesized;
}

/**
 * The reference world, fresh on every call (callers may edit it); the synth run happens once per mocha
 * process. Throws when the export and the configuration disagree, as the example stacks' check does.
 */
export async function referenceWorld(): Promise<World> {
    const config = parseStackConfig(readStackConfigFile(PROJECT_DIR, REFERENCE_STACK, REFERENCE_CONFIG_FILE).projectConfig);
    const { world, problems } = worldFromStackExport(REFERENCE_STACK, await referenceExport(), config);
    if (problems.length > 0) {
        throw new Error(`reference topology: ${problems.join("; ")}`);
    }
    return { ...world, label: "reference topology (Pulumi.reference.yaml, built by the program)" };
}
