// Deterministic fake AWS: what a real `aws` provider would answer (ARNs, ids, invoke results).
// Shared by offline synth, test mocks and the e2e stand-in provider. Contract: docs/architecture.md.
export { assumedRoleOf, AwsContext, contextFromProvider, defaultContext, regionOf, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from "./context";
export { fakeResource, FakeResourceResult, MODELLED_RESOURCE_TYPES } from "./resources";
export { fakeInvoke, KnownResources, MODELLED_INVOKES } from "./invokes";
export { Caller, callerOf } from "./caller";
export { FakeAwsMocks, RecordedResource, splitProviderReference } from "./pulumiMocks";
