// Every scenario, in the order the security-guarantees page lists them.
import type { Scenario } from "../support/scenario";
import type { World } from "../world/types";
import { accessScenarios } from "./access";
import { accessLogScenarios } from "./accessLogs";
import { batchReplicationScenarios } from "./batchReplication";
import { monitoringScenarios } from "./monitoring";
import { headerScenarios } from "./headers";
import { principalScenarios } from "./principals";
import { replicationScenarios } from "./replication";
import { serviceGrantScenarios } from "./serviceGrants";
import { transportScenarios } from "./transport";

export const ALL_SCENARIOS: ReadonlyArray<Scenario<World>> = [
    ...accessScenarios,
    ...headerScenarios,
    ...transportScenarios,
    ...principalScenarios,
    ...serviceGrantScenarios,
    ...replicationScenarios,
    ...batchReplicationScenarios,
    ...accessLogScenarios,
    ...monitoringScenarios,
];
