import * as pulumi from "@pulumi/pulumi";

/**
 * The aws provider a component's children deploy with, however the program handed it over: `provider`,
 * a `providers` map or list, or inherited from a parent component (Pulumi docs, "Resource option:
 * providers"). Components that act on another component's resources (grants, replications, access logs,
 * monitoring) reuse it, so they land in that component's account and Region, not the default provider's.
 */
export function awsProviderOf(component: pulumi.ComponentResource): pulumi.ProviderResource | undefined {
    return component.getProvider("aws:s3/bucket:Bucket");
}
