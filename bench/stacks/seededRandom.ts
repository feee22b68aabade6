// A small seeded PRNG (mulberry32). Synthetic stacks must be identical run to run and machine to machine,
// so benchmark variants and rounds all evaluate exactly the same resources.

export class SeededRandom {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** Uniform in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)];
    }

    hex(length: number): string {
        let out = "";
        while (out.length < length) {
            out += Math.floor(this.next() * 0x100000000).toString(16).padStart(8, "0");
        }
        return out.slice(0, length);
    }

    /** A version-4-shaped UUID, as KMS key ids and provider ids look. */
    uuid(): string {
        const h = this.hex(32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    }
}
