import * as pulumi from "@pulumi/pulumi";

// Combining Outputs with chained applies instead of `pulumi.all`. `all` wraps every input Output in two
// more Outputs and deep-copies its resolved value before adding an Output of its own, and each Output is
// a Proxy over about ten promises (some 30 µs apiece under the mocks of benchmark 2, bench/components,
// repeated for every bucket and policy). A chain of applies gives the same value, the same resources (so
// the same dependencies), and the same unknown and secret propagation, with one Output per pending
// input. Values reach `f` as resolved, not copied; the policy builders never mutate them.

/** `pulumi.all([a, b]).apply(([x, y]) => f(x, y))`, with two Outputs instead of six. */
export function applyBoth<A, B, R>(a: pulumi.Output<A>, b: pulumi.Output<B>, f: (a: A, b: B) => R): pulumi.Output<R> {
    return a.apply((aValue) => b.apply((bValue) => f(aValue, bValue)));
}

/** `pulumi.all(items).apply(f)` for a list of plain values, Promises and Outputs, in order. */
export function applyAll<T, R>(items: readonly pulumi.Input<T>[], f: (values: T[]) => R): pulumi.Output<R> {
    const first = nextPending(items, 0);
    if (first < 0) {
        // Nothing to wait for, but callers still get an Output (without `pulumi.output`'s deep copy).
        return pulumi.output(true).apply(() => f([...items] as T[]));
    }
    return resolveFrom([...items], first, f);
}

/** Waits for the pending item at `index`, then for the next one, and calls `f` once none is left. */
function resolveFrom<T, R>(values: readonly unknown[], index: number, f: (values: T[]) => R): pulumi.Output<R> {
    const pending = values[index];
    const output = pulumi.Output.isInstance(pending) ? pending : pulumi.output(pending as Promise<unknown>);
    const next = nextPending(values, index + 1);
    return next < 0
        ? output.apply((value) => f(replaced(values, index, value) as T[]))
        : output.apply((value) => resolveFrom(replaced(values, index, value), next, f));
}

function nextPending(values: readonly unknown[], from: number): number {
    for (let index = from; index < values.length; index++) {
        if (pulumi.Output.isInstance(values[index]) || values[index] instanceof Promise) {
            return index;
        }
    }
    return -1;
}

function replaced(values: readonly unknown[], index: number, value: unknown): unknown[] {
    const copy = [...values];
    copy[index] = value;
    return copy;
}
