// Sids for statements that several components add to one shared policy. IAM identity policies only
// accept alphanumeric Sids, so every Sid this project writes is [A-Za-z0-9]+; component names are
// turned into PascalCase fragments ("analytics-read" -> "AnalyticsRead").

export function sidFragment(name: string): string {
    const fragment = name
        .split(/[^A-Za-z0-9]+/)
        .filter((part) => part.length > 0)
        .map((part) => part[0].toUpperCase() + part.slice(1))
        .join("");
    if (fragment.length === 0) {
        throw new Error(`cannot derive a statement Sid from "${name}": give the resource a name with letters or digits`);
    }
    return fragment;
}

export const SID_PATTERN = /^[A-Za-z0-9]+$/;
