// One program run under the fake-AWS mocks in a fresh process: N replicated buckets declared through our
// components, or the same resources declared raw. Timed from the first declaration until every
// registration has reached the mocks.
import * as aws from "@pulumi/aws";
import { installFakeAwsMocks } from "../../test/support/mocks";
import { printMeasurement, timed } from "../framework/measurement";
import { workerArgs } from "../framework/childRunner";
import { ProgramVariant } from "./variants";

export interface ComponentsArgs {
    variant: ProgramVariant;
    replicatedBuckets: number;
}

// The SDK's own "wait until the RPC queue is drained" (what `pulumi.runtime.disconnect` awaits), without
// tearing the mock monitor down so the registrations can still be counted afterwards. Internal to the SDK.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

async function main(): Promise<void> {
    const args = workerArgs<ComponentsArgs>();
    const session = await installFakeAwsMocks({ stack: "bench" });
    // @pulumi/aws loads its submodules on first use; load them before timing so neither variant pays for it.
    void [aws.Provider, aws.s3.Bucket, aws.kms.Key, aws.iam.Role];
    const program = args.variant === "components" ? await import("./componentProgram") : await import("./rawProgram");
    const { timing, result: registeredWhenTimed } = await timed(async () => {
        program.declareReplicatedBuckets(args.replicatedBuckets);
        await waitForRPCs();
        return session.resources().length;
    });
    // Not timed: wait until registrations are stable, to show nothing arrived after the timed section.
    await session.settled();
    const all = session.resources();
    const custom = all.filter((resource) => resource.custom).length;
    printMeasurement(timing, { customResources: custom, components: all.length - custom, late: all.length - registeredWhenTimed });
}

main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
});
