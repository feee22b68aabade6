// What every report format is rendered from: the pack's policies (rules) and, per stack export, the
// violations and the policy × resource pairs that were checked.
import { EnforcementLevel, Severity } from "@pulumi/policy";
import { Violation } from "../evaluate";

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
    /** How to fix a violation (the policy's remediationSteps). */
    help?: string;
}

export interface CheckedPair {
    policyName: string;
    /** Empty: a stack policy's run over the whole stack. */
    urn: string;
}

export interface FileReport {
    file: string;
    violations: Violation[];
    checked: CheckedPair[];
    /** 1-based line of a resource's entry in the file, when it can be found. */
    lineOf?: (urn: string) => number | undefined;
}

export interface ReportInput {
    tool: { name: string; version: string };
    policies: PolicyInfo[];
    files: FileReport[];
}

export const REPORT_FORMATS = ["text", "json", "sarif", "junit"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
    return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function mandatoryCount(violations: readonly Violation[]): number {
    return violations.filter((v) => v.enforcementLevel === "mandatory").length;
}
