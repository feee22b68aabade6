import { ELB_OWN_LOG_DELIVERY_SERVICES } from "../model/elbLogDelivery";
import { foreignSourceArnServices } from "../model/serviceSources";
import { isAllow } from "../model/iam";
import { Statement } from "../model/policyDocument";
import { ConditionClause } from "../model/policyDocument";
import { isUnknown } from "../model/values";
import { documentStatements, RESOURCE_POLICY_TYPES } from "./documentFacts";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { jsonOf } from "../fixtures/format";
import { dataBucket, rootStatement, withInputs } from "../fixtures/stacks";
import { albLogged, albLogStatements } from "../fixtures/albLogs";
import { logBucket } from "../fixtures/accessLogs";
import { ref } from "../fixtures/format";

export const POLICY_SERVICE_PRINCIPAL_SOURCE = "policy-service-principal-source";

const SOURCE_KEYS: ReadonlySet<string> = new Set(["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"]);
const FIX = "add a condition pinning the calling resource, e.g. \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"<account id>\"}, \"ArnLike\": {\"aws:SourceArn\": \"<source resource ARN>\"}}";

/**
 * Operators that confine the key to the listed values. A negated operator (StringNotEquals), an
 * ...IfExists one (true when the service sends no source) or a Null check pins nothing.
 */
const PINNING_OPERATORS: ReadonlySet<string> = new Set(["StringEquals", "StringLike", "ArnEquals", "ArnLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"]);

/** A value that matches any source: "*", or an account/ARN made only of wildcards. */
function matchesAnything(value: string): boolean {
    return /^[*?]*$/.test(value) || /^arn:[^:]*:[^:]*:[^:]*:[*?]*:[*?]*$/.test(value);
}

/** A source condition that pins the service to named sources; unknown values count as pinned (unknowns never block). */
function pins(c: ConditionClause): boolean {
    if (!SOURCE_KEYS.has(c.key) || !PINNING_OPERATORS.has(c.operator)) {
        return false;
    }
    if (isUnknown(c.values)) {
        return true;
    }
    return c.values.length > 0 && c.values.every((v) => isUnknown(v) || !matchesAnything(v));
}

// Elastic Load Balancing writes a load balancer's logs under `<prefix>/AWSLogs/<the load balancer's account>/` and
// nowhere else ("Access logs for your Application Load Balancer", Access log files), and AWS's own policy for its log
// delivery service has no condition but that path ("Enable access logs for your Application Load Balancer", Step 2).
// So an Allow confined to one account's path pins the source as an aws:SourceAccount condition would: a load balancer
// of another account writes under its own account's path. A wildcard before that path could reach another account's.
const ONE_ACCOUNTS_LOG_PATH = /^arn:[^:*?]+:s3:::[^*?]+\/AWSLogs\/\d{12}\//;

/** Every object the Allow names is under one account's ELB log path (an unknown entry, in preview, may be). */
function confinedToOneAccountsLogs(s: Statement): boolean {
    if (s.resources === undefined || isUnknown(s.resources) || s.resources.length === 0) {
        return false;
    }
    return s.resources.every((r) => isUnknown(r) || ONE_ACCOUNTS_LOG_PATH.test(r));
}

/** An Allow to a service principal that nothing ties to a resource of ours ("IAM User Guide: The confused deputy problem"). */
function unpinnedServiceGrant(s: Statement): string[] {
    if (isAllow(s) !== true || !s.principal || isUnknown(s.conditions)) {
        return [];
    }
    const services = s.principal.service.filter((p): p is string => typeof p === "string");
    if (services.length === 0 || s.conditions.some(pins)) {
        return [];
    }
    if (services.every((p) => ELB_OWN_LOG_DELIVERY_SERVICES.has(p)) && confinedToOneAccountsLogs(s)) {
        return [];
    }
    return services;
}

/** A service the statement allows, pinned by an aws:SourceArn condition to ARNs of other services only. */
interface ForeignSource {
    service: string;
    values: string[];
    expected: readonly string[];
    found: string[];
}

/**
 * Allowed services whose aws:SourceArn pin names only ARNs of other services (model/serviceSources.ts): the service
 * sends its own resource's ARN, so the condition never matches. Values not all known and readable are not judged.
 */
function foreignSourceArns(s: Statement): ForeignSource[] {
    if (isAllow(s) !== true || !s.principal || isUnknown(s.conditions)) {
        return [];
    }
    const found: ForeignSource[] = [];
    for (const c of s.conditions) {
        if (c.key !== "aws:sourcearn" || !PINNING_OPERATORS.has(c.operator) || isUnknown(c.values) || c.values.some(isUnknown)) {
            continue;
        }
        const values = c.values.filter((v): v is string => typeof v === "string");
        for (const service of s.principal.service) {
            if (typeof service !== "string") {
                continue;
            }
            const foreign = foreignSourceArnServices(service, values);
            if (foreign !== undefined) {
                found.push({ service, values, ...foreign });
            }
        }
    }
    return found;
}

const FIX_FOREIGN = "set aws:SourceArn to the ARN of the resource the service acts for (its own service's ARN, e.g. arn:aws:cloudtrail:<region>:<account>:trail/<name> for cloudtrail.amazonaws.com), or give the service its own statement";

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
                report(`${describe(resource)} allows service principal ${services.join(", ")}${s.sid ? ` in statement "${s.sid}"` : ""} without an aws:SourceArn or aws:SourceAccount condition that pins it (a positive operator such as StringEquals or ArnLike, not IfExists or a negation, with values other than "*"), so the service acting for any account's resource is allowed. Fix: ${FIX}`);
            }
            for (const f of foreignSourceArns(s)) {
                report(`${describe(resource)} allows service principal ${f.service}${s.sid ? ` in statement "${s.sid}"` : ""} only for aws:SourceArn ${f.values.join(", ")}, an ARN of ${f.found.join(", ")}, not of ${f.expected.join(" or ")} whose resources ${f.service} acts for: the service sends its own resource's ARN, so the condition never matches, the grant never applies, and the pin names nothing the service acts for. Fix: ${FIX_FOREIGN}`);
            }
        }
    },
);

export const definition = definePolicy({
    policy: policyServicePrincipalSource,
    doc: {
        checks: "A bucket or key policy Allow for a service principal (`{\"Service\": ...}`) has an `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths` condition that pins it: a positive operator (`StringEquals`/`StringLike`/`ArnEquals`/`ArnLike`, not `...IfExists`, not negated) whose values are not all wildcards (confused deputy). Elastic Load Balancing's log delivery (`logdelivery.elasticloadbalancing.amazonaws.com`, `logdelivery.elb.amazonaws.com`) is pinned as well by AWS's documented policy, whose objects are all under one account's `AWSLogs/<account id>/` path with no wildcard before it: ELB writes a load balancer's logs under its own account's path only. An `aws:SourceArn` pin whose values are all ARNs of another service than the principal's own (e.g. `cloudtrail.amazonaws.com` pinned to `arn:aws:config:…`) is flagged too: the service sends its own resource's ARN, so the grant never applies. Judged for the services whose documented resource policies pin by `aws:SourceArn` (CloudTrail, AWS Config, CloudWatch Logs and its log delivery, S3 and its log and Storage Lens principals, CloudWatch, EventBridge, CloudFront, Redshift, GuardDuty, Macie, Cost and Usage Reports / Data Exports, SES); a value with a wildcard service part, or not known yet, is not judged.",
        shapes: "bucket and key policy shapes above",
        config: "—",
    },
    compliant: [{
        title: "a key policy Allow for cloudtrail.amazonaws.com pinned by aws:SourceArn to its trail's ARN",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            rootStatement("111111111111"),
            { Sid: "Trail", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*",
              Condition: { StringEquals: { "aws:SourceAccount": "111111111111" }, ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:111111111111:trail/org-trail" } } },
        ] }) })),
    }, {
        title: "a key policy Allow for a service pinned by aws:SourceAccount",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            rootStatement("111111111111"),
            { Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.eu-west-1.amazonaws.com" }, Action: "kms:GenerateDataKey", Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } } },
        ] }) })),
    }, {
        title: "Elastic Load Balancing's log delivery confined to the load balancer account's AWSLogs path (AWS's documented policy)",
        resources: albLogged(),
    }],
    violating: [{
        title: "a key policy Allow for cloudtrail.amazonaws.com pinned by aws:SourceArn to an AWS Config ARN (another service's)",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            rootStatement("111111111111"),
            { Sid: "Trail", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*",
              Condition: { StringEquals: { "aws:SourceAccount": "111111111111" }, ArnLike: { "aws:SourceArn": "arn:aws:config:eu-west-1:111111111111:config-rule/*" } } },
        ] }) })),
    }, {
        title: "Elastic Load Balancing's log delivery to every object of the log bucket",
        firesAtPreview: false,
        resources: logBucket({ statements: [albLogStatements()[0], {
            Sid: "AllowElbLogDelivery", Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
            Action: "s3:PutObject", Resource: ref("logs", "arn", "/*"),
        }] }),
    }, {
        title: "a key policy Allow for a service without a source condition",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            rootStatement("111111111111"),
            { Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.eu-west-1.amazonaws.com" }, Action: "kms:GenerateDataKey", Resource: "*" },
        ] }) })),
    }, {
        title: "a key policy Allow for a service whose source condition pins nothing (StringLike \"*\", StringNotEquals, IfExists)",
        resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
            rootStatement("111111111111"),
            { Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.eu-west-1.amazonaws.com" }, Action: "kms:GenerateDataKey", Resource: "*",
              Condition: { StringLike: { "aws:SourceAccount": "*" }, StringNotEquals: { "aws:SourceAccount": "999999999999" }, ArnLikeIfExists: { "aws:SourceArn": "arn:aws:logs:eu-west-1:111111111111:*" } } },
        ] }) })),
    }],
});
