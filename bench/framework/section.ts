// What each benchmark hands to the report: prose, tables and target verdicts, already formatted.
import { Table } from "./markdownTable";

export interface TargetCheck {
    target: string;
    /** The wall-time ratio the target is judged on. */
    measured: string;
    /** The same ratio on CPU time, for reading the wall-time figure on a loaded machine. */
    cpuMeasured: string;
    verdict: string;
}

export interface BenchmarkSection {
    title: string;
    /** What is measured and how, in a sentence or two. */
    method: string;
    tables: Table[];
    targets: TargetCheck[];
    /** Variants or whole benchmarks that could not run, with the reason. */
    notMeasured: string[];
    notes: string[];
}
