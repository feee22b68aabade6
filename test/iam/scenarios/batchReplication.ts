// The S3 Batch Operations role of a replicated bucket: assumed by Batch Operations only; may start the
// replication of the source's existing objects and read the configuration it generates the manifest from,
// and nothing else. The objects are copied by the replication role (see the replication scenarios), so this
// role reads and decrypts nothing. The stack output's command must run with this role, on this bucket.
import type { OracleRequest } from "../support/oracle";
import { callerFromArn, type Caller } from "../support/requestContext";
import { ALLOWED, defineScenario, notGranted, type Scenario } from "../support/scenario";
import type { BatchRoleFacts, World } from "../world/types";
import { assumeRoleByService, s3BucketRequest, s3ObjectRequest } from "./requests";

const CATEGORY = "Replication" as const;

interface BatchRoleFixture {
    batch: BatchRoleFacts;
    role: Caller;
}

function batchRoles(world: World): Array<{ label: string; fixture: BatchRoleFixture }> {
    return world.batchRoles.map((batch) => ({
        label: `${batch.source.name}: ${batch.roleArn}`,
        fixture: { batch, role: callerFromArn("Batch Operations role", batch.roleArn, batch.rolePolicies) },
    }));
}

function assumedBy(service: string) {
    return (f: BatchRoleFixture): OracleRequest => assumeRoleByService(service, f.batch.roleArn, f.batch.source.accountId, f.batch.trustPolicy);
}

// s3:InitiateReplication takes no S3 request keys but s3:ResourceAccount (Service Authorization Reference,
// "Actions, resources, and condition keys for Amazon S3"): S3 sets no s3:authType, s3:signatureversion or
// s3:TlsVersion for it, and the oracle refuses a context key the action does not have.
const NOT_SET_FOR_INITIATE_REPLICATION = ["s3:authType", "s3:signatureversion", "s3:TlsVersion"];

function initiateReplication(f: BatchRoleFixture): OracleRequest {
    const request = s3ObjectRequest(f.role, f.batch.source, "s3:InitiateReplication");
    const context = { ...request.context };
    for (const key of NOT_SET_FOR_INITIATE_REPLICATION) {
        delete context[key];
    }
    return { ...request, context };
}

export const batchReplicationScenarios: ReadonlyArray<Scenario<World>> = [
    defineScenario({
        id: "batch-replication-role-trust",
        category: CATEGORY,
        title: "Who can assume the Batch Operations role of existing-object replication",
        note: "The stack output existingObjectReplication starts the S3 Batch Replication job with this role. A bucket whose replication role is brought (replicationRoleArn) gets no Batch Operations role from the stack.",
        select: batchRoles,
        legs: [
            { step: "sts:AssumeRole by batchoperations.s3.amazonaws.com", expect: ALLOWED, request: assumedBy("batchoperations.s3.amazonaws.com") },
            { step: "sts:AssumeRole by s3.amazonaws.com (the replication service)", expect: notGranted("resource"), request: assumedBy("s3.amazonaws.com") },
        ],
    }),
    defineScenario({
        id: "batch-replication-role-starts-job",
        category: CATEGORY,
        title: "The Batch Operations role starts replication of the source's existing objects, and does nothing else",
        note: "S3 Batch Replication with a manifest generated from the replication configuration and no report (Amazon S3 User Guide, \"Configuring an IAM role for S3 Batch Replication\"); the objects are then copied by the replication role.",
        select: batchRoles,
        legs: [
            { step: "s3:InitiateReplication on a source object", expect: ALLOWED, request: initiateReplication },
            { step: "s3:GetReplicationConfiguration on the source bucket", expect: ALLOWED, request: (f: BatchRoleFixture) => s3BucketRequest(f.role, f.batch.source, "s3:GetReplicationConfiguration") },
            { step: "s3:PutInventoryConfiguration on the source bucket", expect: ALLOWED, request: (f: BatchRoleFixture) => s3BucketRequest(f.role, f.batch.source, "s3:PutInventoryConfiguration") },
            { step: "s3:GetObject on a source object", expect: notGranted("identity"), request: (f: BatchRoleFixture) => s3ObjectRequest(f.role, f.batch.source, "s3:GetObject") },
        ],
    }),
];
