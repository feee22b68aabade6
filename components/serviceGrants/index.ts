export * from "./args";
export * from "./bucketServiceGrant";
export * from "./bucketOrganizationRead";
