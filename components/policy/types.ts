// The typed model of an IAM policy document. Every document this project writes (key policies,
// bucket policies, replication role policies, consumer IAM policies) is a value of these types,
// built by pure functions, so tests, the IAM simulator and the docs all see the same object.

export const POLICY_VERSION = "2012-10-17" as const;

export type Effect = "Allow" | "Deny";

/** A principal block: `"*"` or a map of principal kinds to one or many identifiers. */
export type Principal =
    | "*"
    | {
          AWS?: string | string[];
          Service?: string | string[];
          Federated?: string | string[];
      };

/** The condition operators this project emits. Keep the list closed so a typo fails to compile. */
export type ConditionOperator =
    | "StringEquals"
    | "StringNotEquals"
    | "StringEqualsIgnoreCase"
    | "StringLike"
    | "StringNotLike"
    | "StringEqualsIfExists"
    | "StringNotEqualsIfExists"
    | "StringLikeIfExists"
    | "ArnEquals"
    | "ArnLike"
    | "ArnNotEquals"
    | "ArnNotLike"
    | "Bool"
    | "BoolIfExists"
    | "Null"
    | "NumericLessThan"
    | "NumericGreaterThanEquals"
    | "ForAnyValue:StringEquals"
    | "ForAllValues:StringEquals";

export type ConditionValues = Record<string, string | string[]>;

export type Condition = Partial<Record<ConditionOperator, ConditionValues>>;

export interface PolicyStatement {
    Sid?: string;
    Effect: Effect;
    Principal?: Principal;
    NotPrincipal?: Principal;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Condition?: Condition;
}

export interface PolicyDocument {
    Version: typeof POLICY_VERSION;
    Id?: string;
    Statement: PolicyStatement[];
}

/** Wraps statements in a document. Statement order is kept: it is what users read. */
export function policyDocument(statements: readonly PolicyStatement[], id?: string): PolicyDocument {
    const doc: PolicyDocument = { Version: POLICY_VERSION, Statement: [...statements] };
    if (id !== undefined) {
        doc.Id = id;
    }
    return doc;
}

/** Every Sid in a document must be unique (AWS rejects duplicates in bucket policies). */
export function assertUniqueSids(doc: PolicyDocument): void {
    const seen = new Set<string>();
    for (const statement of doc.Statement) {
        if (statement.Sid === undefined) {
            continue;
        }
        if (seen.has(statement.Sid)) {
            throw new Error(`policy document has two statements with Sid "${statement.Sid}"; give each statement its own Sid`);
        }
        seen.add(statement.Sid);
    }
}
