export * from "./args";
export * from "./externalKey";
