// Shared reading of a bucket's effective bucket policy statements.
import { coversAction, coversResource, isDeny } from "../model/iam";
import { Maybe, Statement } from "../model/policyDocument";
import { BucketModel } from "../model/stackIndex";
import { Tri } from "../model/tri";
import { isUnknown, UNKNOWN, Unknown } from "../model/values";

const statementsCache = new WeakMap<BucketModel, Statement[] | Unknown>();

/** All statements of all the bucket's policies; UNKNOWN if any document can't be read yet. */
export function bucketStatements(bucket: BucketModel): Statement[] | Unknown {
    const cached = statementsCache.get(bucket);
    if (cached !== undefined) {
        return cached;
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
    return typeof bucketName === "string" ? `arn:aws:s3:::${bucketName}/any-object` : UNKNOWN;
}

export function bucketArnNamed(bucketName: Maybe<string> | undefined): Maybe<string> {
    return typeof bucketName === "string" ? `arn:aws:s3:::${bucketName}` : UNKNOWN;
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
    const covers = coversResource(s, resource);
    if (covers === false) {
        return false;
    }
    return sawUnknown || isUnknown(covers) ? UNKNOWN : true;
}
