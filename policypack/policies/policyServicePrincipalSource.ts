import { isAllow } from "../model/iam";
import { Statement } from "../model/policyDocument";
import { isUnknown } from "../model/values";
import { documentStatements, RESOURCE_POLICY_TYPES } from "./documentFacts";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { jsonOf } from "../fixtures/format";
import { dataBucket, rootStatement, withInputs } from "../fixtures/stacks";

export const POLICY_SERVICE_PRINCIPAL_SOURCE = "policy-service-principal-source";

const SOURCE_KEYS: ReadonlySet<string> = new Set(["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"]);
const FIX = "add a condition pinning the calling resource, e.g. \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"<account id>\"}, \"ArnLike\": {\"aws:SourceArn\": \"<source resource ARN>\"}}";

/** An Allow to a service principal that nothing ties to a resource of ours ("IAM User Guide: The confused deputy problem"). */
function unpinnedServiceGrant(s: Statement): string[] {
    if (isAllow(s) !== true || !s.principal || isUnknown(s.conditions)) {
        return [];
    }
    const services = s.principal.service.filter((p): p is string => typeof p === "string");
    if (services.length === 0 || s.conditions.some((c) => SOURCE_KEYS.has(c.key))) {
        return [];
    }
    return services;
}

export const policyServicePrincipalSource = resourcePolicy<ExemptionConfig>(
    {
        name: POLICY_SERVICE_PRINCIPAL_SOURCE,
        description: "Bucket and key policy Allows for an AWS service principal carry aws:SourceArn / aws:SourceAccount (or aws:SourceOrgID) conditions, so another account's resource can't use the service as a confused deputy.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: FIX,
    },
    RESOURCE_POLICY_TYPES,
    {},
    (resource, _config, report) => {
        for (const s of documentStatements(resource.type, resource.props)) {
            const services = unpinnedServiceGrant(s);
            if (services.length > 0) {
                report(`${describe(resource)} allows service principal ${services.join(", ")}${s.sid ? ` in statement "${s.sid}"` : ""} without an aws:SourceArn or aws:SourceAccount condition, so the service acting for any account's resource is allowed. Fix: ${FIX}`);
            }
        }
    },
);

export const definition = definePolicy({
    policy: policyServicePrincipalSource,
    doc: {
        checks: "A bucket or key policy Allow for a service principal (`{\"Service\": ...}`) has an `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths` condition (confused deputy).",
        shapes: "bucket and key policy shapes above",
        config: "—",
    },
    compliant: [{
        title: "a key policy Allow for a service pinned by aws:SourceAccount",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            rootStatement("111111111111"),
            { Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.eu-west-1.amazonaws.com" }, Action: "kms:GenerateDataKey", Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } } },
        ] }) })),
    }],
    violating: [{
        title: "a key policy Allow for a service without a source condition",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            rootStatement("111111111111"),
            { Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.eu-west-1.amazonaws.com" }, Action: "kms:GenerateDataKey", Resource: "*" },
        ] }) })),
    }],
});
