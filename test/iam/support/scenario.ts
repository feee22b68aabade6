// The scenario model shared by the tests and the generated security-guarantees page: the page is
// rendered from `title`, `step` and `expect`, the tests run `request`, so the two cannot drift.
import type { ResolvedLeg } from "./expectAccess";
import type { Decision, OracleRequest } from "./oracle";

/** `limits`: the caller's permissions boundary, session policy or SCPs (see CallerLimits). */
export type Side = "identity" | "resource" | "limits";

/** What AWS must decide for one request, including why for a deny. */
export type Expectation =
    | { decision: "Allowed" }
    /** `by` is the Sid of the Deny statement that must match. */
    | { decision: "ExplicitlyDenied"; by: string }
    /** `noAllowIn` is exactly the set of sides on which no Allow matches. */
    | { decision: "ImplicitlyDenied"; noAllowIn: readonly Side[] };

export const ALLOWED: Expectation = { decision: "Allowed" };
export const deniedBy = (sid: string): Expectation => ({ decision: "ExplicitlyDenied", by: sid });
export const notGranted = (...noAllowIn: Side[]): Expectation => ({ decision: "ImplicitlyDenied", noAllowIn });

/** One authorization of an operation, e.g. the s3:PutObject or the kms:GenerateDataKey of an upload. */
export interface Leg<Fixture> {
    /** What is authorized, in the page's words: "s3:PutObject", "kms:GenerateDataKey via S3". */
    step: string;
    expect: Expectation;
    request: (fixture: Fixture) => OracleRequest;
}

export type Category =
    | "Uploads and downloads"
    | "Listing"
    | "Encryption headers"
    | "Transport and signing"
    | "Unrelated principals"
    | "Key administrators"
    | "AWS service principals"
    | "AWS Organizations"
    | "Replication"
    | "Access logging"
    | "Replication monitoring";

/** One concrete case a scenario runs on: e.g. one grant of one bucket of one stack. */
export interface Instance {
    label: string;
    legs: ResolvedLeg[];
}

/** A scenario with its fixture type hidden, so scenarios of different shapes share one list. */
export interface Scenario<WorldT> {
    /** Stable id: test names and the page's anchor. */
    id: string;
    category: Category;
    title: string;
    /** Why this is the right answer, when it is not obvious; shown on the page. */
    note?: string;
    legs: ReadonlyArray<{ step: string; expect: Expectation }>;
    instances: (world: WorldT) => Instance[];
}

export interface ScenarioSpec<WorldT, Fixture> {
    id: string;
    category: Category;
    title: string;
    note?: string;
    /** Picks the fixtures this scenario applies to in a world; `label` names each in test output. */
    select: (world: WorldT) => Array<{ label: string; fixture: Fixture }>;
    legs: ReadonlyArray<Leg<Fixture>>;
}

export function defineScenario<WorldT, Fixture>(spec: ScenarioSpec<WorldT, Fixture>): Scenario<WorldT> {
    return {
        id: spec.id,
        category: spec.category,
        title: spec.title,
        note: spec.note,
        legs: spec.legs.map(({ step, expect }) => ({ step, expect })),
        instances: (world) =>
            spec.select(world).map(({ label, fixture }) => ({
                label,
                legs: spec.legs.map((leg) => ({ step: leg.step, expect: leg.expect, request: leg.request(fixture) })),
            })),
    };
}

export function describeExpectation(expect: Expectation): string {
    switch (expect.decision) {
        case "Allowed":
            return "Allowed";
        case "ExplicitlyDenied":
            return `ExplicitlyDenied by \`${expect.by}\``;
        case "ImplicitlyDenied":
            return `ImplicitlyDenied (no Allow in the ${expect.noAllowIn.map(sideName).join(" or the ")})`;
    }
}

function sideName(side: Side): string {
    switch (side) {
        case "identity":
            return "caller's IAM policies";
        case "resource":
            return "resource policy";
        case "limits":
            return "caller's permissions boundary, session policy or SCPs";
    }
}

/** The outcome of the whole operation: it succeeds only if every leg is allowed. */
export function operationOutcome(legs: ReadonlyArray<{ expect: Expectation }>): Decision {
    const refused = legs.find((leg) => leg.expect.decision !== "Allowed");
    return refused === undefined ? "Allowed" : refused.expect.decision;
}
