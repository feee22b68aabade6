// How the stand-in fails an operation: the way the real provider reports an AWS API error
// ("<operation>: operation error <Service>: <Action>, StatusCode: <n>, api error <Code>: <message>"),
// plus one line naming the rule and the AWS documentation it comes from.
import type { AwsRuleViolation } from "../../awsrules";

export interface ApiCall {
    /** e.g. "creating S3 Bucket (acme-raw)". */
    doing: string;
    service: string;
    action: string;
}

export class AwsApiError extends Error {
    readonly code: string;

    /** S3 and S3 Control answer AccessDenied with 403 Forbidden; every other refusal here is a 400. */
    constructor(call: ApiCall, broken: AwsRuleViolation, statusCode = broken.code === "AccessDenied" ? 403 : 400) {
        super(
            `${call.doing}: operation error ${call.service}: ${call.action}, StatusCode: ${statusCode}, api error ${broken.code}: ${broken.message}\n` +
                `(stand-in aws provider: ${broken.rule}; ${broken.source})`,
        );
        this.name = "AwsApiError";
        this.code = broken.code;
    }
}
