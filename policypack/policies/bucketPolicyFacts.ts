// Shared reading of a bucket's effective bucket policy statements.
import { coversAction, coversResource, isDeny } from "../model/iam";
import { Maybe, Statement } from "../model/policyDocument";
import { BucketModel } from "../model/stackIndex";
import { globMatchesEveryWithPrefix, globMatchesSomeWithPrefix } from "../model/globPrefix";
import { everyTri, someTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN, Unknown } from "../model/values";

const statementsCache = new WeakMap<BucketModel, Statement[] | Unknown>();

/** All statements of all the bucket's policies; UNKNOWN if any document can't be read yet. */
export function bucketStatements(bucket: BucketModel): Statement[] | Unknown {
    const cached = statementsCache.get(bucket);
    if (cached !== undefined) {
        return cached;
    }
    if (bucket.policies.length === 1 && Array.isArray(bucket.policies[0].statements)) {
        // The document's own parsed statements (shared, read-only): the resource parts' per-document facts
        // about them (broadDenies) are found again by identity.
        const only = bucket.policies[0].statements;
        statementsCache.set(bucket, only);
        return only;
    }
    let out: Statement[] | Unknown = [];
    for (const p of bucket.policies) {
        if (isUnknown(p.statements)) {
            out = UNKNOWN;
            break;
        }
        out.push(...(p.statements ?? []));
    }
    statementsCache.set(bucket, out);
    return out;
}

/** A sample object ARN in the bucket (unknown when the bucket name is). */
export function objectArn(bucket: BucketModel): Maybe<string> {
    return objectArnIn(bucket.name);
}

export function bucketArn(bucket: BucketModel): Maybe<string> {
    return bucketArnNamed(bucket.name);
}

export function objectArnIn(bucketName: Maybe<string> | undefined): Maybe<string> {
    return typeof bucketName === "string" ? `arn:aws:s3:::${bucketName}/${SAMPLE_OBJECT_KEY}` : UNKNOWN;
}

const SAMPLE_OBJECT_KEY = "any-object";

/**
 * `arn:aws:s3:::<bucket>/` when `resource` is the sample object of `objectArnIn` (it stands for every object of the
 * bucket), else undefined. A bucket name has no `/`, so the sample is told apart from the bucket ARN by its shape.
 */
function everyObjectPrefix(resource: Maybe<string>): string | undefined {
    if (typeof resource !== "string" || !resource.startsWith("arn:aws:s3:::") || !resource.endsWith(`/${SAMPLE_OBJECT_KEY}`)) {
        return undefined;
    }
    const prefix = resource.slice(0, resource.length - SAMPLE_OBJECT_KEY.length);
    return prefix.indexOf("/") === prefix.length - 1 ? prefix : undefined;
}

/**
 * Does the statement's Resource / NotResource cover `resource`, and, for the sample object of `objectArnIn`, every
 * object of the bucket? A deny that spares some objects is no guarantee for the bucket: `NotResource:
 * "<bucket ARN>/public/*"` leaves every object under `public/` out ("IAM User Guide, IAM JSON policy elements:
 * NotResource"), and `Resource: "<bucket ARN>/a*"` covers only the keys starting with `a`.
 */
export function coversEveryResource(s: Statement, resource: Maybe<string>): Tri {
    if (typeof resource !== "string") {
        return coversEveryResourceUncached(s, resource);
    }
    // Asked once per action of every S3 action a deny must cover, while the answer depends only on the statement
    // and the resource: parsed statements are shared read-only, so it is kept per statement.
    let byResource = everyResourceCache.get(s);
    if (byResource === undefined) {
        byResource = new Map();
        everyResourceCache.set(s, byResource);
    }
    let covers = byResource.get(resource);
    if (covers === undefined) {
        covers = coversEveryResourceUncached(s, resource);
        byResource.set(resource, covers);
    }
    return covers;
}

const everyResourceCache = new WeakMap<Statement, Map<string, Tri>>();

function coversEveryResourceUncached(s: Statement, resource: Maybe<string>): Tri {
    const covers = coversResource(s, resource);
    const prefix = everyObjectPrefix(resource);
    if (prefix === undefined || covers !== true) {
        return covers;
    }
    if (s.resources !== undefined) {
        // Known here (coversResource answered true): some pattern covers the sample; one must cover every object.
        return someTri(s.resources as Maybe<string>[], (p) => (isUnknown(p) ? UNKNOWN : globMatchesEveryWithPrefix(p, prefix)));
    }
    if (s.notResources !== undefined && !isUnknown(s.notResources)) {
        return everyTri(s.notResources, (p) => (isUnknown(p) ? UNKNOWN : !globMatchesSomeWithPrefix(p, prefix)));
    }
    return covers;
}

export function bucketArnNamed(bucketName: Maybe<string> | undefined): Maybe<string> {
    return typeof bucketName === "string" ? `arn:aws:s3:::${bucketName}` : UNKNOWN;
}

interface BroadDenies {
    actions: readonly string[];
    resource: Maybe<string>;
    broad: Tri[];
}

// The resource part judges a document before its bucket exists and the stack part judges the bucket's
// statements again with the key joined in; both ask the same question of the same parsed statements.
const broadCache = new WeakMap<readonly Statement[], BroadDenies[]>();

/** `isBroadDeny` of each statement, remembered per statements array, action list and resource. */
export function broadDenies(statements: readonly Statement[], actions: readonly string[], resource: Maybe<string>): readonly Tri[] {
    let known = broadCache.get(statements);
    if (known !== undefined) {
        for (const entry of known) {
            if (entry.actions === actions && entry.resource === resource) {
                return entry.broad;
            }
        }
    } else {
        known = [];
        broadCache.set(statements, known);
    }
    const broad = new Array<Tri>(statements.length);
    for (let i = 0; i < statements.length; i++) {
        broad[i] = isBroadDeny(statements[i], actions, resource);
    }
    known.push({ actions, resource, broad });
    return broad;
}

/** A Deny for everyone (`"*"`) covering `actions` on `resource`. Cheap tests first: most statements fail early. */
export function isBroadDeny(s: Statement, actions: readonly string[], resource: Maybe<string>): Tri {
    const deny = isDeny(s);
    if (deny === false || s.principal === undefined) {
        return false;
    }
    const everyone = s.principal.wildcard;
    if (everyone === false) {
        return false;
    }
    // A three-valued AND kept in one flag: no per-statement arrays (this runs for every statement of every bucket).
    let sawUnknown = isUnknown(deny) || isUnknown(everyone);
    for (const action of actions) {
        const covers = coversAction(s, action);
        if (covers === false) {
            return false;
        }
        sawUnknown ||= isUnknown(covers);
    }
    const covers = coversEveryResource(s, resource);
    if (covers === false) {
        return false;
    }
    return sawUnknown || isUnknown(covers) ? UNKNOWN : true;
}
