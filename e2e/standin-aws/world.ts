// What exists in the stand-in's AWS across all its plugin processes: the engine starts one process
// per provider (one per account here), yet bucket names are global, a replication in one account
// needs a versioned bucket of another, and a key policy may only name roles that exist. Each entity
// is one JSON file in a shared directory; names are claimed with exclusive creates, so two
// processes cannot both create the same bucket.
//
// Directory: $STANDIN_AWS_WORLD_DIR, else $PULUMI_HOME/standin-aws-world (the e2e specs give every
// session its own PULUMI_HOME), else ~/.pulumi/standin-aws-world.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface BucketRecord {
    name: string;
    accountId: string;
    region: string;
    versioning?: string;
    /** Object Ownership; a new bucket is BucketOwnerEnforced (ACLs disabled) by default. */
    objectOwnership?: string;
    /** A new bucket has all four Block Public Access settings on by default. */
    blockPublicPolicy?: boolean;
    /** Created with Object Lock, or given it by PutObjectLockConfiguration (never turned off again). */
    objectLockEnabled?: boolean;
    /** The bucket policy as last put (JSON); absent: none. */
    policy?: string;
    /** Default encryption as last put; absent: SSE-S3, every new bucket's default since January 2023. */
    defaultEncryption?: DefaultEncryption;
}

export interface DefaultEncryption {
    sseAlgorithm: string;
    kmsMasterKeyId?: string;
    bucketKeyEnabled: boolean;
}

export interface KeyRecord {
    arn: string;
    keyId: string;
    keySpec: string;
    keyUsage: string;
    /** The key policy as last put (JSON); absent: the default key policy KMS gives a key created without one. */
    policy?: string;
}

/** An SNS topic: who may publish is its policy's business, and an encrypted topic's key policy's. */
export interface TopicRecord {
    arn: string;
    accountId: string;
    /** The topic policy as last set (JSON); absent: SNS's default policy, which lets only the owner account's principals in. */
    policy?: string;
    /** Server-side encryption: the key SNS encrypts messages with (ARN, id or alias, as written). */
    kmsMasterKeyId?: string;
}

export type RoleState = "declared" | "created";

export interface RoleRecord {
    arn: string;
    state: RoleState;
}

type Kind = "buckets" | "keys" | "roles" | "roleNames" | "rolePolicies" | "topics" | "accountBlocks" | "aliases";

export function worldDir(env: NodeJS.ProcessEnv = process.env): string {
    const explicit = env["STANDIN_AWS_WORLD_DIR"];
    if (explicit !== undefined && explicit !== "") return explicit;
    const home = env["PULUMI_HOME"];
    return path.join(home !== undefined && home !== "" ? home : path.join(os.homedir(), ".pulumi"), "standin-aws-world");
}

export class World {
    constructor(readonly dir: string = worldDir()) {}

    private file(kind: Kind, id: string): string {
        return path.join(this.dir, kind, `${encodeURIComponent(id)}.json`);
    }

    private read<T>(kind: Kind, id: string): T | undefined {
        try {
            return JSON.parse(fs.readFileSync(this.file(kind, id), "utf8")) as T;
        } catch {
            return undefined;
        }
    }

    /** Atomic replace: readers never see half a file. */
    private write(kind: Kind, id: string, value: unknown): void {
        const target = this.file(kind, id);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const temp = `${target}.${process.pid}.tmp`;
        fs.writeFileSync(temp, JSON.stringify(value));
        fs.renameSync(temp, target);
    }

    private remove(kind: Kind, id: string): void {
        fs.rmSync(this.file(kind, id), { force: true });
    }

    bucket(name: string): BucketRecord | undefined {
        return this.read<BucketRecord>("buckets", name);
    }

    /** Writes `value` only if nothing holds `id` yet (exclusive create: of two processes, one wins); false if taken. */
    private claim(kind: Kind, id: string, value: unknown): boolean {
        const target = this.file(kind, id);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        try {
            fs.writeFileSync(target, JSON.stringify(value), { flag: "wx" });
            return true;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
            return false;
        }
    }

    /** Claims a bucket name; returns the record that already holds it when another create won. */
    claimBucket(record: BucketRecord): BucketRecord | undefined {
        return this.claim("buckets", record.name, record) ? undefined : this.bucket(record.name);
    }

    updateBucket(name: string, change: Partial<BucketRecord>): void {
        const current = this.bucket(name);
        if (current !== undefined) this.write("buckets", name, { ...current, ...change });
    }

    deleteBucket(name: string): void {
        this.remove("buckets", name);
    }

    key(arnOrId: string): KeyRecord | undefined {
        return this.read<KeyRecord>("keys", arnOrId);
    }

    putKey(record: KeyRecord): void {
        this.write("keys", record.arn, record);
        this.write("keys", record.keyId, record);
    }

    /** A replica key: known by its ARN alone (its key id is the primary's). */
    putKeyArn(record: KeyRecord): void {
        this.write("keys", record.arn, record);
    }

    /** A key's policy, under its ARN and, for a key known by id too, under its id. */
    putKeyPolicy(arnOrId: string, policy: string): void {
        const current = this.key(arnOrId);
        if (current === undefined) return;
        const updated = { ...current, policy };
        this.write("keys", current.arn, updated);
        if (this.key(current.keyId)?.arn === current.arn) this.write("keys", current.keyId, updated);
    }

    deleteKeyArn(arn: string): void {
        this.remove("keys", arn);
    }

    deleteKey(record: KeyRecord): void {
        this.remove("keys", record.arn);
        this.remove("keys", record.keyId);
    }

    /** Claims a KMS alias (its ARN: unique per account and Region); false when another alias holds it. */
    claimAlias(aliasArn: string): boolean {
        return this.claim("aliases", aliasArn, { aliasArn });
    }

    releaseAlias(aliasArn: string): void {
        this.remove("aliases", aliasArn);
    }

    /** Whether the account's public access block has BlockPublicPolicy on (no account block: off). */
    accountBlocksPublicPolicy(accountId: string): boolean {
        return this.read<{ blockPublicPolicy: boolean }>("accountBlocks", accountId)?.blockPublicPolicy === true;
    }

    putAccountBlock(accountId: string, blockPublicPolicy: boolean): void {
        this.write("accountBlocks", accountId, { accountId, blockPublicPolicy });
    }

    deleteAccountBlock(accountId: string): void {
        this.remove("accountBlocks", accountId);
    }

    topic(arn: string): TopicRecord | undefined {
        return this.read<TopicRecord>("topics", arn);
    }

    putTopic(record: TopicRecord): void {
        this.write("topics", record.arn, record);
    }

    updateTopic(arn: string, change: Partial<TopicRecord>): void {
        const current = this.topic(arn);
        if (current !== undefined) this.write("topics", arn, { ...current, ...change });
    }

    deleteTopic(arn: string): void {
        this.remove("topics", arn);
    }

    role(arn: string): RoleRecord | undefined {
        return this.read<RoleRecord>("roles", arn);
    }

    /** A role a program has declared (seen in check) is pending until created; creation wins. */
    declareRole(arn: string): void {
        if (this.role(arn)?.state !== "created") this.write("roles", arn, { arn, state: "declared" });
    }

    createRole(arn: string): void {
        this.write("roles", arn, { arn, state: "created" });
    }

    deleteRole(arn: string): void {
        this.remove("roles", arn);
    }

    /** Claims a role name in an account (IAM compares names without case), as bucket names are; false when a role holds it. */
    claimRoleName(accountId: string, name: string): boolean {
        return this.claim("roleNames", `${accountId}:${name.toLowerCase()}`, { accountId, name });
    }

    releaseRoleName(accountId: string, name: string): void {
        this.remove("roleNames", `${accountId}:${name.toLowerCase()}`);
    }

    /** Inline policies of a role, by `<role ARN>|<policy name>`, with their size as IAM counts it. */
    putRolePolicy(roleArn: string, policyName: string, size: number): void {
        this.write("rolePolicies", `${roleArn}|${policyName}`, { roleArn, policyName, size });
    }

    deleteRolePolicy(roleArn: string, policyName: string): void {
        this.remove("rolePolicies", `${roleArn}|${policyName}`);
    }

    /** Sizes of the role's inline policies other than `except`. */
    otherRolePolicySizes(roleArn: string, except: string): number[] {
        let names: string[];
        try {
            names = fs.readdirSync(path.join(this.dir, "rolePolicies"));
        } catch {
            return [];
        }
        const prefix = encodeURIComponent(`${roleArn}|`);
        return names
            .filter((n) => n.startsWith(prefix) && n.endsWith(".json") && n !== `${encodeURIComponent(`${roleArn}|${except}`)}.json`)
            .map((n) => this.read<{ size: number }>("rolePolicies", decodeURIComponent(n.slice(0, -".json".length)))?.size ?? 0);
    }
}
