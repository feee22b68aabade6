// IAM condition keys and action names are case-insensitive, and a stack repeats a few dozen of them
// (`aws:SecureTransport`, `s3:*`, `kms:Decrypt`, ...) in every statement of every policy. JSON.parse hands
// them over as internalized strings, so remembering their lower-case forms is cheaper than allocating a
// fresh copy per comparison. Bounded, so a stack of unique strings can't grow it without limit.
const lowerCased = new Map<string, string>();
const LIMIT = 10000;

export function lowerCaseCached(text: string): string {
    let lower = lowerCased.get(text);
    if (lower === undefined) {
        lower = text.toLowerCase();
        if (lowerCased.size < LIMIT) {
            lowerCased.set(text, lower);
        }
    }
    return lower;
}
