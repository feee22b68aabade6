// Public surface of the component library. Builders are exported too, so the policy pack, the docs
// and the IAM-simulator tests use the very functions the components use.
export * from "./args/fields";
export * from "./args/parseArgs";
export * from "./replicationRules";
export * from "./customerManagedKey";
export * from "./encryptedBucket";
export * from "./bucketGrant";
export * from "./bucketReplication";
export * from "./policy/types";
export * from "./policy/arns";
export * from "./policy/actions";
export * from "./policy/sids";
export * from "./policy/keyPolicy";
export * from "./policy/bucketPolicy";
export * from "./policy/grants";
export { StatementAccumulator } from "./policy/statementAccumulator";
export * from "./logBucket";
export * from "./bucketAccessLogging";
export * from "./policy/logDelivery";
export * from "./policy/serviceSource";
export * from "./replicationMonitoring";
export * from "./policy/replicationMonitoring";
