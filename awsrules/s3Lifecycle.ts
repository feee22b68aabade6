// S3 Lifecycle configuration rules, as PutBucketLifecycleConfiguration enforces them.
// Amazon S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle": sections "Supported lifecycle
// transitions" (the waterfall: which class may follow which) and "Constraints and considerations for
// transitions" (objects stay at least 30 days in S3 before S3 Standard-IA or S3 One Zone-IA, and at
// least 30 days in those classes before the next transition); Amazon S3 API Reference, "Transition"
// (Days: 0 or more, more than 30 for STANDARD_IA/ONEZONE_IA), "LifecycleExpiration" (Days positive;
// ExpiredObjectDeleteMarker not with Days or Date), "NoncurrentVersionExpiration" (NewerNoncurrentVersions
// up to 100), "AbortIncompleteMultipartUpload", "LifecycleRule" (ID up to 255 characters); Amazon S3 User
// Guide, "Setting lifecycle configuration on a bucket" (at most 1,000 rules).
import { AwsRuleViolation, violation } from "./violation";

const TRANSITIONS = "Amazon S3 User Guide, \"Transitioning objects using Amazon S3 Lifecycle\"";
const API = "Amazon S3 API Reference, \"LifecycleRule\"";

/** Storage classes a lifecycle rule may transition to, in the waterfall's order. */
export const LIFECYCLE_STORAGE_CLASSES = ["STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const;
export type LifecycleStorageClass = (typeof LIFECYCLE_STORAGE_CLASSES)[number];

/** Days an object must have spent in S3 (or as noncurrent) before it may move to the class. */
export const LIFECYCLE_MINIMUM_TRANSITION_DAYS: Readonly<Record<LifecycleStorageClass, number>> = {
    STANDARD_IA: 30,
    INTELLIGENT_TIERING: 0,
    ONEZONE_IA: 30,
    GLACIER_IR: 0,
    GLACIER: 0,
    DEEP_ARCHIVE: 0,
};

/** "Supported lifecycle transitions": the classes an object in each class may move to next. */
const NEXT_CLASSES: Readonly<Record<LifecycleStorageClass, readonly LifecycleStorageClass[]>> = {
    STANDARD_IA: ["INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"],
    INTELLIGENT_TIERING: ["ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"],
    ONEZONE_IA: ["GLACIER", "DEEP_ARCHIVE"],
    GLACIER_IR: ["GLACIER", "DEEP_ARCHIVE"],
    GLACIER: ["DEEP_ARCHIVE"],
    DEEP_ARCHIVE: [],
};

/** Classes an object must stay in for 30 days before the next transition ("Constraints and considerations for transitions"). */
const STAY_30_DAYS: readonly LifecycleStorageClass[] = ["STANDARD_IA", "ONEZONE_IA"];

export const MAX_LIFECYCLE_RULES = 1000;
export const MAX_LIFECYCLE_RULE_ID_LENGTH = 255;
export const MAX_NEWER_NONCURRENT_VERSIONS = 100;

export interface LifecycleTransitionFacts {
    days: number;
    storageClass: string;
}

/** The parts of one lifecycle rule these checks read (the @pulumi/aws v7 input shape, flattened). */
export interface LifecycleRuleFacts {
    id: string;
    expirationDays?: number;
    /** `expiration.expiredObjectDeleteMarker` as sent (true or false); undefined when not sent. */
    expiredObjectDeleteMarker?: boolean;
    transitions: readonly LifecycleTransitionFacts[];
    noncurrentExpirationDays?: number;
    noncurrentNewerVersions?: number;
    noncurrentTransitions: readonly LifecycleTransitionFacts[];
    abortIncompleteMultipartUploadDays?: number;
    /** The rule's filter names at least one object tag (`filter.tag` or `filter.and.tags`). */
    tagFiltered?: boolean;
    /** The rule's filter limits object size (`objectSizeGreaterThan`/`objectSizeLessThan`, alone or under `and`). */
    sizeFiltered?: boolean;
}

function isClass(value: string): value is LifecycleStorageClass {
    return (LIFECYCLE_STORAGE_CLASSES as readonly string[]).includes(value);
}

function wholeAtLeast(value: number, minimum: number): boolean {
    return Number.isInteger(value) && value >= minimum;
}

/** One rule's transitions (current or noncurrent): classes, minimum days, order and spacing. */
function transitionsViolation(rule: string, kind: string, transitions: readonly LifecycleTransitionFacts[], expirationDays: number | undefined): AwsRuleViolation | undefined {
    const sorted = [...transitions].sort((a, b) => a.days - b.days);
    for (const [index, transition] of sorted.entries()) {
        if (!isClass(transition.storageClass)) {
            return violation(
                "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema",
                `rule ${rule}: ${kind} to ${transition.storageClass}, which is not a lifecycle storage class (use ${LIFECYCLE_STORAGE_CLASSES.join(", ")})`,
                "Amazon S3 API Reference, \"Transition\"",
            );
        }
        const minimum = LIFECYCLE_MINIMUM_TRANSITION_DAYS[transition.storageClass];
        if (!wholeAtLeast(transition.days, minimum)) {
            return violation(
                "InvalidArgument",
                `'Days' in Transition action must be greater than or equal to ${minimum} for storageClass '${transition.storageClass}'`,
                `rule ${rule}: ${kind} to ${transition.storageClass} after ${transition.days} days; it needs a whole number of at least ${minimum} days` +
                    (minimum > 0 ? " (objects stay 30 days in S3 before S3 Standard-IA or One Zone-IA)" : ""),
                `${TRANSITIONS}, section "Constraints and considerations for transitions"`,
            );
        }
        const previous = sorted[index - 1];
        if (previous === undefined) {
            continue;
        }
        const from = previous.storageClass as LifecycleStorageClass;
        if (previous.days === transition.days || !NEXT_CLASSES[from].includes(transition.storageClass)) {
            return violation(
                "InvalidArgument",
                `'StorageClass' in Transition action must follow the supported transitions: ${from} cannot transition to ${transition.storageClass}`,
                `rule ${rule}: ${kind} to ${transition.storageClass} after ${transition.days} days follows ${from} after ${previous.days} days; ` +
                    `from ${from} S3 moves objects only to ${NEXT_CLASSES[from].join(", ") || "no other class"}, each on a later day`,
                `${TRANSITIONS}, section "Supported lifecycle transitions"`,
            );
        }
        if (STAY_30_DAYS.includes(from) && transition.days - previous.days < 30) {
            return violation(
                "InvalidArgument",
                `'Days' in the Transition action for StorageClass '${transition.storageClass}' must be 30 days more than 'Days' in the Transition action for StorageClass '${from}'`,
                `rule ${rule}: ${kind} to ${transition.storageClass} after ${transition.days} days is less than 30 days after the move to ${from} (day ${previous.days})`,
                `${TRANSITIONS}, section "Constraints and considerations for transitions"`,
            );
        }
    }
    const last = sorted[sorted.length - 1];
    if (expirationDays !== undefined && last !== undefined && expirationDays <= last.days) {
        return violation(
            "InvalidArgument",
            "'Days' in the Expiration action must be greater than 'Days' in the Transition action",
            `rule ${rule}: ${kind} expiration after ${expirationDays} days is not later than its transition to ${last.storageClass} after ${last.days} days`,
            `${TRANSITIONS}, section "Constraints and considerations for transitions"`,
        );
    }
    return undefined;
}

/**
 * Actions a filter by tags or object size cannot select for: incomplete multipart uploads and expired delete markers
 * carry neither tags nor a size. Amazon S3 User Guide, "Lifecycle configuration elements" (the
 * AbortIncompleteMultipartUpload and ExpiredObjectDeleteMarker actions cannot be used in a rule whose filter is
 * based on object tags or object size) and "Examples of S3 Lifecycle configurations". S3's answers for
 * AbortIncompleteMultipartUpload are those its users report verbatim; for ExpiredObjectDeleteMarker with a size
 * filter S3 answers MalformedXML, and with tags the message states the requirement in S3's terms.
 */
function filterViolation(rule: LifecycleRuleFacts): AwsRuleViolation | undefined {
    const source = "Amazon S3 User Guide, \"Lifecycle configuration elements\", \"Examples of S3 Lifecycle configurations\"";
    const fix = "put it in a rule of its own whose filter is a prefix only";
    if (rule.abortIncompleteMultipartUploadDays !== undefined && rule.tagFiltered === true) {
        return violation("InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags.", `rule ${rule.id}: abortIncompleteMultipartUpload in a rule filtered by tags; ${fix}`, source);
    }
    if (rule.abortIncompleteMultipartUploadDays !== undefined && rule.sizeFiltered === true) {
        return violation("InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Object Size.", `rule ${rule.id}: abortIncompleteMultipartUpload in a rule filtered by object size; ${fix}`, source);
    }
    if (rule.expiredObjectDeleteMarker === true && rule.tagFiltered === true) {
        return violation("InvalidRequest", "ExpiredObjectDeleteMarker cannot be specified with Tags.", `rule ${rule.id}: expiration.expiredObjectDeleteMarker in a rule filtered by tags; ${fix}`, source);
    }
    if (rule.expiredObjectDeleteMarker === true && rule.sizeFiltered === true) {
        return violation("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", `rule ${rule.id}: expiration.expiredObjectDeleteMarker in a rule filtered by object size; ${fix}`, source);
    }
    return undefined;
}

function ruleViolation(rule: LifecycleRuleFacts): AwsRuleViolation | undefined {
    const name = rule.id;
    const positive: [string, number | undefined][] = [
        ["Expiration Days", rule.expirationDays],
        ["NoncurrentVersionExpiration NoncurrentDays", rule.noncurrentExpirationDays],
        ["AbortIncompleteMultipartUpload DaysAfterInitiation", rule.abortIncompleteMultipartUploadDays],
    ];
    for (const [field, value] of positive) {
        if (value !== undefined && !wholeAtLeast(value, 1)) {
            return violation("InvalidArgument", `'${field}' must be a positive integer`, `rule ${name}: ${field} is ${value}; use a whole number of days of at least 1`, API);
        }
    }
    if (rule.noncurrentNewerVersions !== undefined && !(wholeAtLeast(rule.noncurrentNewerVersions, 1) && rule.noncurrentNewerVersions <= MAX_NEWER_NONCURRENT_VERSIONS)) {
        return violation(
            "InvalidArgument",
            `NewerNoncurrentVersions must be between 1 and ${MAX_NEWER_NONCURRENT_VERSIONS}`,
            `rule ${name}: NewerNoncurrentVersions is ${rule.noncurrentNewerVersions}; keep 1-${MAX_NEWER_NONCURRENT_VERSIONS} newer noncurrent versions`,
            "Amazon S3 API Reference, \"NoncurrentVersionExpiration\"",
        );
    }
    if (rule.expiredObjectDeleteMarker === true && rule.expirationDays !== undefined) {
        return violation(
            "InvalidArgument",
            "ExpiredObjectDeleteMarker cannot be specified with Days or Date in a Lifecycle Expiration Policy.",
            `rule ${name}: expiredObjectDeleteMarker is set together with expiration days; put them in separate rules`,
            "Amazon S3 API Reference, \"LifecycleExpiration\"",
        );
    }
    const filtered = filterViolation(rule);
    if (filtered !== undefined) return filtered;
    const acts =
        rule.expirationDays !== undefined ||
        // An Expiration element with ExpiredObjectDeleteMarker false is still an action element S3 takes ("if set to
        // false the policy takes no action": Amazon S3 API Reference, "LifecycleExpiration"); the provider sends one for
        // a legacy inline rule that has no other action.
        rule.expiredObjectDeleteMarker !== undefined ||
        rule.transitions.length > 0 ||
        rule.noncurrentExpirationDays !== undefined ||
        rule.noncurrentTransitions.length > 0 ||
        rule.abortIncompleteMultipartUploadDays !== undefined;
    if (!acts) {
        return violation(
            "MalformedXML",
            "The XML you provided was not well-formed or did not validate against our published schema",
            `rule ${name} has no action; give it an expiration, a transition, a noncurrent-version action or abortIncompleteMultipartUploadDays`,
            API,
        );
    }
    return (
        transitionsViolation(name, "transition", rule.transitions, rule.expirationDays) ??
        transitionsViolation(name, "noncurrent-version transition", rule.noncurrentTransitions, rule.noncurrentExpirationDays)
    );
}

/** The whole configuration: rule count, unique ids, then each rule. */
export function lifecycleRulesViolation(rules: readonly LifecycleRuleFacts[]): AwsRuleViolation | undefined {
    if (rules.length > MAX_LIFECYCLE_RULES) {
        return violation(
            "InvalidRequest",
            `The number of lifecycle rules must not exceed the allowed limit of ${MAX_LIFECYCLE_RULES} rules`,
            `has ${rules.length} rules; S3 accepts at most ${MAX_LIFECYCLE_RULES} per bucket`,
            "Amazon S3 User Guide, \"Setting lifecycle configuration on a bucket\"",
        );
    }
    const ids = new Set<string>();
    for (const rule of rules) {
        if (rule.id.length === 0 || rule.id.length > MAX_LIFECYCLE_RULE_ID_LENGTH) {
            return violation("InvalidArgument", "ID length should not exceed allowed limit of 255", `rule id "${rule.id}" must be 1-${MAX_LIFECYCLE_RULE_ID_LENGTH} characters`, API);
        }
        if (ids.has(rule.id)) {
            return violation("InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule", `rule id "${rule.id}" is used twice; give each rule its own id`, API);
        }
        ids.add(rule.id);
        const broken = ruleViolation(rule);
        if (broken !== undefined) {
            return broken;
        }
    }
    return undefined;
}
