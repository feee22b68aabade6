// Entry point of the stand-in `aws` resource plugin (see ./pulumi-resource-aws and docs/e2e.md).
import * as provider from "@pulumi/pulumi/provider";
import { captureProviderConfig } from "./providerConfig";
import { FakeAwsProvider } from "./provider";

// The hook must be installed before provider.main creates its gRPC server.
const providerInputs = captureProviderConfig("aws");
provider.main(new FakeAwsProvider(providerInputs), process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
