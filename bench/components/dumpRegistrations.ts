// Prints every custom resource a benchmark-2 program registers (type, name, resolved inputs) as JSON, so the
// raw program can be diffed against the components: `ts-node bench/components/dumpRegistrations.ts raw 1`.
import { installFakeAwsMocks } from "../../test/support/mocks";
import { ProgramVariant } from "./variants";

async function main(): Promise<void> {
    const [variant, count] = [process.argv[2] as ProgramVariant, Number(process.argv[3] ?? "1")];
    const session = await installFakeAwsMocks({ stack: "bench" });
    const program = variant === "components" ? await import("./componentProgram") : await import("./rawProgram");
    program.declareReplicatedBuckets(count);
    await session.settled();
    const custom = session
        .resources()
        .filter((resource) => resource.custom)
        .map((resource) => ({ type: resource.type, name: resource.name, inputs: resource.inputs }))
        .sort((a, b) => `${a.type}${a.name}`.localeCompare(`${b.type}${b.name}`));
    process.stdout.write(JSON.stringify(custom, null, 1) + "\n");
}

main().catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
});
