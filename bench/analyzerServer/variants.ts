// The variants benchmark 5 compares and the arguments its worker takes (apart from the worker, which runs on import).
export const SERVER_VARIANTS = ["empty", "noopShaped", "ours", "oursLibraryHandlers", "oursWithoutMemo"] as const;
export type ServerVariant = (typeof SERVER_VARIANTS)[number];

export interface AnalyzerServerArgs {
    variant: ServerVariant;
    resourceCount: number;
    seed: number;
}
