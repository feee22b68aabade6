import { createHash } from "crypto";
import { rolePathViolation, roleNameViolation } from "../../awsrules";
import { PARTITION } from "./arns";
import { sidFragment } from "./sids";

// Names a replication needs before anything exists: the role name (so a destination account can
// trust the role before the source stack runs), the role ARN built from it, and the Sid tokens that
// keep statements from several replications apart inside one shared key or bucket policy.

/** IAM limits role names to 64 characters of `[\w+=,.@-]`. */
export const MAX_ROLE_NAME_LENGTH = 64;
const ACCOUNT_ID = /^\d{12}$/;
const DEFAULT_ROLE_NAME_SUFFIX = "replication";
const BATCH_ROLE_NAME_SUFFIX = "batch";

function shortHash(value: string): string {
    return createHash("sha256").update(value).digest("hex").slice(0, 8);
}

/**
 * `<logicalName>-replication`, with characters IAM rejects replaced by `-`. A name longer than 64
 * characters is cut and ends with a hash of the whole name, so two long names that share a prefix
 * still get different roles, and the same input always gives the same name.
 */
export function defaultReplicationRoleName(logicalName: string, suffix: string = DEFAULT_ROLE_NAME_SUFFIX): string {
    if (logicalName.trim() === "") {
        throw new Error("replication role name: the logical name is empty; pass the component's name");
    }
    const full = `${logicalName}-${suffix}`.replace(/[^\w+=,.@-]/g, "-");
    if (full.length <= MAX_ROLE_NAME_LENGTH) {
        return full;
    }
    const hash = shortHash(full);
    return `${full.slice(0, MAX_ROLE_NAME_LENGTH - hash.length - 1)}-${hash}`;
}

/** `<replication role name>-batch`: the S3 Batch Operations role that replicates the source's existing objects. */
export function batchRoleName(replicationRoleName: string): string {
    return defaultReplicationRoleName(replicationRoleName, BATCH_ROLE_NAME_SUFFIX);
}

/** The default name of a bidirectional destination's return role: `<replication>-<destination>-replication`. */
export function defaultReturnRoleName(replicationName: string, destinationName: string): string {
    return defaultReplicationRoleName(`${replicationName}-${destinationName}`);
}

/** Throws unless `name` is a role name IAM accepts; `field` names the argument in the message. */
export function assertRoleName(name: string, field: string): void {
    if (roleNameViolation(name) !== undefined) {
        throw new Error(
            `${field}: "${name}" is not a valid IAM role name; use 1-${MAX_ROLE_NAME_LENGTH} characters from ` +
                `letters, digits and +=,.@_- (or leave it unset to get "<name>-replication")`,
        );
    }
}

/** Throws unless `path` is an IAM path: `/` or `/segment/.../`. */
export function assertRolePath(path: string, field: string): void {
    if (rolePathViolation(path) !== undefined) {
        throw new Error(`${field}: "${path}" is not an IAM path; use "/" or a path that starts and ends with "/", e.g. "/service-role/"`);
    }
}

/**
 * The ARN a role will have once created. Pure, so a destination account's key and bucket policies
 * can name the replication role of a stack that has not run yet.
 */
export function replicationRoleArn(accountId: string, roleName: string, path: string = "/"): string {
    if (!ACCOUNT_ID.test(accountId)) {
        throw new Error(`replicationRoleArn: accountId "${accountId}" is not a 12-digit AWS account id`);
    }
    assertRoleName(roleName, "replicationRoleArn: roleName");
    assertRolePath(path, "replicationRoleArn: path");
    return `arn:${PARTITION}:iam::${accountId}:role${path}${roleName}`;
}

/** Sid fragment from free text (`orders-dr.eu` -> `OrdersDrEu`); IAM identity policies take alphanumeric Sids only. */
export const sidToken = sidFragment;
