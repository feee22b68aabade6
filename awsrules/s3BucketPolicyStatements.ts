// What S3 checks of each statement of a bucket policy at PutBucketPolicy, beyond JSON, size and grammar
// (s3Policies.ts, policySizes.ts): a bucket policy covers one bucket and the objects in it, and names S3 actions
// that apply to what it names.
//
// - Resources: "Each policy must cover only a single bucket and resources within that bucket"; a Resource is the
//   bucket (`arn:aws:s3:::bucket`) or objects in it (`arn:aws:s3:::bucket/…`) (Amazon S3 User Guide, "Bucket policies
//   for Amazon S3"; "Policy resources for Amazon S3"). Another bucket, or another service's ARN, is refused with
//   `MalformedPolicy: Policy has invalid resource`.
// - Actions: S3 actions only (`s3:…`, or `*`), each one S3 defines; otherwise `MalformedPolicy: Policy has invalid
//   action` (Amazon S3 User Guide, "Policy actions for Amazon S3").
// - Each statement must name an action that applies to one of its resources: object actions (s3:GetObject) to
//   object ARNs, bucket actions (s3:ListBucket) to the bucket ARN, as the Service Authorization Reference, "Actions,
//   resources, and condition keys for Amazon S3", lists them; otherwise `MalformedPolicy: Action does not apply to any
//   resource(s) in statement`.
// The documents state the requirements; the messages are S3's as its users report them. Which actions S3 defines and
// what each applies to is data (the catalogue), handed in by the caller, so this stays a pure function. What it cannot
// place (access point ARNs, policy variables in a bucket name, an action pattern matching no known action) it
// leaves alone: a rule of the stand-in must never refuse what S3 accepts.
import { AwsRuleViolation, violation } from "./violation";

/** The two resource types of a bucket policy. */
export type S3ResourceKind = "bucket" | "object";

/** S3's actions by lower-case name without the `s3:` prefix, each with the resource types it applies to (empty: none of the two). */
export type S3ActionCatalogue = ReadonlyMap<string, readonly S3ResourceKind[]>;

const SOURCE = "Amazon S3 User Guide, \"Bucket policies for Amazon S3\", \"Policy actions for Amazon S3\", \"Policy resources for Amazon S3\"; Service Authorization Reference, \"Actions, resources, and condition keys for Amazon S3\"";
const BOTH: readonly S3ResourceKind[] = ["bucket", "object"];

type Json = Record<string, unknown>;

function strings(value: unknown): string[] {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.filter((v): v is string => typeof v === "string");
}

function globRegex(pattern: string, flags = ""): RegExp {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${body}$`, flags);
}

/** Whether some string that starts with `prefix` matches the glob `pattern` (`*` any run, `?` one character). */
export function globCanMatchPrefix(pattern: string, prefix: string): boolean {
    const closure = (positions: Set<number>): Set<number> => {
        for (const p of [...positions]) {
            let q = p;
            while (pattern[q] === "*") positions.add(++q);
        }
        return positions;
    };
    let states = closure(new Set([0]));
    for (const ch of prefix) {
        const next = new Set<number>();
        for (const p of states) {
            if (p >= pattern.length) continue;
            if (pattern[p] === "*") next.add(p);
            else if (pattern[p] === "?" || pattern[p] === ch) next.add(p + 1);
        }
        states = closure(next);
        if (states.size === 0) return false;
    }
    return states.size > 0;
}

/**
 * The resource types a Resource can name in `bucket`'s policy: [] when it names nothing of the bucket (S3 refuses it),
 * undefined when it is not one this rule can place.
 */
export function resourceKinds(resource: string, bucket: string): readonly S3ResourceKind[] | undefined {
    if (resource === "*") return BOTH;
    const arn = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/s.exec(resource);
    if (arn === null) return [];
    const [, , service, region, account, rest] = arn;
    if (/[*?]/.test(service)) return undefined;
    if (service !== "s3") return [];
    if (region !== "" || account !== "") return undefined; // access points, Multi-Region Access Points, jobs
    const bucketPart = rest.split("/")[0];
    if (bucketPart.includes("${")) return undefined;
    const kinds: S3ResourceKind[] = [];
    if (globRegex(rest).test(bucket)) kinds.push("bucket");
    if (globCanMatchPrefix(rest, `${bucket}/`)) kinds.push("object");
    return kinds;
}

/** The resource types the actions of a pattern apply to; undefined when the pattern is not one this rule can place. */
function actionKinds(action: string, catalogue: S3ActionCatalogue): readonly S3ResourceKind[] | undefined {
    if (action === "*") return BOTH;
    const colon = action.indexOf(":");
    if (colon < 0 || action.slice(0, colon).toLowerCase() !== "s3") return undefined;
    const matcher = globRegex(action.slice(colon + 1), "i");
    const matched = [...catalogue.entries()].filter(([name]) => matcher.test(name));
    if (matched.length === 0) return undefined;
    return [...new Set(matched.flatMap(([, kinds]) => kinds))];
}

function invalidAction(action: string, catalogue: S3ActionCatalogue): boolean {
    if (action === "*") return false;
    const colon = action.indexOf(":");
    if (colon < 0) return true;
    if (action.slice(0, colon).toLowerCase() !== "s3") return true;
    const name = action.slice(colon + 1);
    return !/[*?]/.test(name) && !catalogue.has(name.toLowerCase());
}

export function bucketPolicyStatementsViolation(document: unknown, bucket: string, catalogue: S3ActionCatalogue): AwsRuleViolation | undefined {
    if (document === null || typeof document !== "object") return undefined;
    const raw = (document as Json)["Statement"];
    const statements = (Array.isArray(raw) ? raw : [raw]).filter((s): s is Json => s !== null && typeof s === "object");
    for (const [index, statement] of statements.entries()) {
        const name = typeof statement["Sid"] === "string" ? `statement ${statement["Sid"]}` : `statement #${index + 1}`;
        const actions = strings(statement["Action"]);
        const badAction = [...actions, ...strings(statement["NotAction"])].find((a) => invalidAction(a, catalogue));
        if (badAction !== undefined) {
            return violation("MalformedPolicy", "Policy has invalid action", `${name} names ${badAction}, which is not an S3 action; a bucket policy names S3 actions (s3:…) only`, SOURCE);
        }
        const resources = strings(statement["Resource"]);
        const placed = resources.map((r) => [r, resourceKinds(r, bucket)] as const);
        const outside = placed.find(([, kinds]) => kinds !== undefined && kinds.length === 0);
        if (outside !== undefined) {
            return violation("MalformedPolicy", "Policy has invalid resource", `${name} names ${outside[0]}, which is neither bucket ${bucket} (arn:aws:s3:::${bucket}) nor objects in it (arn:aws:s3:::${bucket}/…)`, SOURCE);
        }
        if (actions.length === 0 || resources.length === 0 || placed.some(([, kinds]) => kinds === undefined)) continue;
        const applies = actions.map((a) => actionKinds(a, catalogue));
        if (applies.some((kinds) => kinds === undefined)) continue;
        const named = new Set(placed.flatMap(([, kinds]) => kinds ?? []));
        if (!applies.some((kinds) => (kinds ?? []).some((k) => named.has(k)))) {
            const want = new Set(applies.flatMap((kinds) => kinds ?? []));
            const fix = want.has("object") ? `arn:aws:s3:::${bucket}/* for object actions` : want.has("bucket") ? `arn:aws:s3:::${bucket} for bucket actions` : "actions that apply to a bucket or its objects";
            return violation("MalformedPolicy", "Action does not apply to any resource(s) in statement", `${name}: none of ${actions.join(", ")} applies to ${resources.join(", ")}; name ${fix}`, SOURCE);
        }
    }
    return undefined;
}
