export * from "./args";
export * from "./externalDestination";
