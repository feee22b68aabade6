// Stack configuration: schema, validation and loader. See docs/architecture.md and Pulumi.dev.yaml.
export * from "./types";
export { ConfigError, ConfigProblem, CONFIG_NAMESPACE, configPath } from "./errors";
export { parseStackConfig } from "./parse";
export { loadStackConfig, misplacedConfigKeys, rawProjectConfig, withMisplacedKeys, CONFIG_KEYS } from "./load";
export { defaultKeyAlias, defaultReplicaKeyAlias, replicaBucketComponentName } from "./naming";
export { retiredKeyArnsInRegion } from "./retiredKeys";
