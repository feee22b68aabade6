// Confused-deputy protection for AWS service principals (IAM User Guide, "The confused deputy problem";
// "AWS global condition context keys", aws:SourceArn and aws:SourceAccount): a service acting for one
// resource must not be able to use a grant meant for another customer's resource.
import { Condition } from "./types";

export interface ServiceSource {
    /** ARNs of the resources the service acts for (exact ARNs; ArnLike also accepts them). */
    sourceArns: readonly string[];
    /** The account that owns those resources. */
    sourceAccount: string;
}

/** `ArnLike aws:SourceArn` and `StringEquals aws:SourceAccount`, both required. */
export function serviceSourceCondition(source: ServiceSource): Condition {
    if (source.sourceArns.length === 0) {
        throw new Error("a service-principal grant needs at least one aws:SourceArn; name the resources the service acts for");
    }
    const arns = [...source.sourceArns];
    return {
        ArnLike: { "aws:SourceArn": arns.length === 1 ? arns[0] : arns },
        StringEquals: { "aws:SourceAccount": source.sourceAccount },
    };
}
