// Property-style checks of the pack on IAM documents generated from the policy grammar, valid and malformed,
// in every property that carries one: no policy throws (under the CLI a throw is an engine error on the stack),
// every run is quick, an unreadable document is never a silent pass, and IAM-equivalent rewritings of a
// document keep the mandatory verdicts. Seeded and bounded: a failure names its seed and case.
import * as assert from "assert";
import { ExportResource } from "../../policypack/harness";
import { describeAll, mandatory, run } from "./support/run";
import { Json, malformedDocument, pick, prng, Rand, REWRITINGS, SPLITTING_REWRITINGS, validDocument, Vocabulary } from "./support/iamGrammar";
import { nativeBucket, replicatedPair } from "./support/scenarios";
import { StackBuilder, T } from "./support/stackBuilder";

/** A document-carrying property of one resource of a compliant base stack. */
interface Site {
    label: string;
    urn: string;
    prop: string;
    /** Resource policies (bucket and key policies, trust policies) have a Principal; identity policies don't. */
    resourcePolicy: boolean;
    /**
     * No mandatory verdict depends on the document: the managed policy only repeats a grant the role's inline policy
     * makes, so an unreadable copy of it changes nothing (the inline policy's own site checks that case).
     */
    redundant?: boolean;
}

interface Base {
    resources: ExportResource[];
    sites: Site[];
    vocab: Vocabulary;
}

function baseStack(): Base {
    const pair = replicatedPair({ crossAccount: true });
    const b: StackBuilder = pair.b;
    // The key's own `policy` (next to the separate KeyPolicy), an IAM managed policy, and aws-native's documents.
    b.patch(pair.destination.key, (p) => {
        p["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "kms:*", Resource: "*" }] });
    });
    const managed = b.add(T.iamPolicy, "extra", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] }) });
    b.add(T.attachment, "extra-attachment", { role: "replication-role", policyArn: `arn:aws:iam::111111111111:policy/extra` });
    const native = nativeBucket(b, "native");
    const resources = b.build();
    const arnOf = (urn: string) => String(resources.find((r) => r.urn === urn)?.outputs?.["arn"]);
    return {
        resources,
        sites: [
            { label: "BucketPolicy.policy (source)", urn: pair.source.policy, prop: "policy", resourcePolicy: true },
            { label: "BucketPolicy.policy (destination)", urn: pair.destination.policy, prop: "policy", resourcePolicy: true },
            { label: "KeyPolicy.policy", urn: pair.source.keyPolicy, prop: "policy", resourcePolicy: true },
            { label: "Key.policy", urn: pair.destination.key, prop: "policy", resourcePolicy: true },
            { label: "Role.assumeRolePolicy", urn: pair.role, prop: "assumeRolePolicy", resourcePolicy: true },
            { label: "RolePolicy.policy", urn: pair.rolePolicy, prop: "policy", resourcePolicy: false },
            { label: "iam.Policy.policy", urn: managed, prop: "policy", resourcePolicy: false, redundant: true },
            { label: "aws-native Key.keyPolicy", urn: native.key, prop: "keyPolicy", resourcePolicy: true },
            { label: "aws-native BucketPolicy.policyDocument", urn: native.policy, prop: "policyDocument", resourcePolicy: true },
        ],
        vocab: {
            accounts: ["111111111111", "222222222222", "999999999999"],
            bucketArns: [arnOf(pair.source.bucket), arnOf(pair.destination.bucket), arnOf(native.bucket)],
            keyArns: [arnOf(pair.source.key), arnOf(pair.destination.key), arnOf(native.key)],
            roleArns: [arnOf(pair.role)],
        },
    };
}

/** The base stack with the site's property set, in inputs and outputs (a value that is a string stays text). */
function withDocument(base: Base, site: Site, value: Json | undefined): ExportResource[] {
    const resources = JSON.parse(JSON.stringify(base.resources)) as ExportResource[];
    const r = resources.find((x) => x.urn === site.urn) as ExportResource;
    for (const props of [r.inputs, r.outputs]) {
        if (props) {
            if (value === undefined) {
                delete props[site.prop];
            } else {
                props[site.prop] = value;
            }
        }
    }
    return resources;
}

/** The site's current document as a value. */
function documentAt(base: Base, site: Site): { [k: string]: Json } {
    const raw = base.resources.find((x) => x.urn === site.urn)?.inputs?.[site.prop];
    return (typeof raw === "string" ? JSON.parse(raw) : raw) as { [k: string]: Json };
}

// A guard against pathological (e.g. exponential) evaluation, not a speed target: measured in the process's own CPU
// time, so a loaded machine that deschedules the test (a CI run beside other jobs took 12 s of wall time for one case
// that needs a few ms of CPU) can't fail it.
const SLOW_CPU_MS = 2000;
const ALL_REWRITINGS = [...REWRITINGS, ...SPLITTING_REWRITINGS];
// `FUZZ_CASES` explores further (a wider run, not CI's); the default keeps the spec to seconds.
const CASES = Number(process.env["FUZZ_CASES"] ?? 60);

/** Runs the pack (state, then preview); a throw or a slow run fails with the case that caused it. */
async function judge(resources: ExportResource[], what: () => string): Promise<{ state: string[]; preview: string[] }> {
    const verdicts: string[][] = [];
    for (const preview of [false, true]) {
        const started = process.cpuUsage();
        let vs;
        try {
            vs = await run(resources, { preview });
        } catch (e) {
            assert.fail(`${what()} (preview ${preview}): evaluation threw ${String((e as Error)?.stack ?? e)}`);
        }
        const used = process.cpuUsage(started);
        const ms = Math.round((used.user + used.system) / 1000);
        assert.ok(ms < SLOW_CPU_MS, `${what()} (preview ${preview}): took ${ms} ms of CPU`);
        // A verdict is which policy blocks which resource: one finding per statement is the same verdict as one.
        verdicts.push([...new Set(mandatory(vs).map((v) => `${v.policyName} ${v.urn}`))].sort());
        lastViolations = vs;
    }
    return { state: verdicts[0], preview: verdicts[1] };
}

let lastViolations: Awaited<ReturnType<typeof run>> = [];

function show(doc: unknown): string {
    const text = JSON.stringify(doc);
    return text.length > 1500 ? `${text.slice(0, 1500)}...` : text;
}

/** The base document with generated statements added, in the document's own Version. */
function extended(rand: Rand, base: Base, site: Site): { [k: string]: Json } {
    const current = documentAt(base, site);
    const generated = validDocument(rand, base.vocab, { resourcePolicy: site.resourcePolicy });
    // Few added statements, so that a rewriting of one of them is what decides a verdict, not drowned by the others.
    const added = (Array.isArray(generated["Statement"]) ? generated["Statement"] : [generated["Statement"]]).slice(0, Math.floor(rand() * 3));
    const own = Array.isArray(current["Statement"]) ? current["Statement"] : [current["Statement"]];
    return { ...generated, Statement: [...own, ...added] };
}

describe("policy pack: generated IAM documents in every document property", function () {
    this.timeout(300000);
    const base = baseStack();

    it("the base stack is compliant", async () => {
        const { state, preview } = await judge(base.resources, () => "base");
        assert.deepStrictEqual([state, preview], [[], []], describeAll(lastViolations));
    });

    for (const site of base.sites) {
        it(`${site.label}: valid documents never throw, and IAM-equivalent rewritings keep the mandatory verdicts`, async () => {
            const seed = 7001 + base.sites.indexOf(site);
            const rand = prng(seed);
            for (let i = 0; i < CASES; i++) {
                const doc = extended(rand, base, site);
                const asText = rand() < 0.5;
                const encode = (d: Json) => (asText ? JSON.stringify(d) : d);
                const original = await judge(withDocument(base, site, encode(doc)), () => `seed ${seed} case ${i}: ${show(doc)}`);
                const rewriting = pick(rand, ALL_REWRITINGS);
                const rewritten = rewriting.apply(rand, doc);
                const after = await judge(withDocument(base, site, encode(rewritten)), () => `seed ${seed} case ${i} (${rewriting.name}): ${show(rewritten)}`);
                assert.deepStrictEqual(after, original, `seed ${seed} case ${i}: "${rewriting.name}" changed the verdicts\nbefore: ${show(doc)}\nafter: ${show(rewritten)}\n${describeAll(lastViolations)}`);
            }
        });

        it(`${site.label}: the compliant document stays compliant under every IAM-equivalent rewriting`, async () => {
            const rand = prng(8001);
            for (const rewriting of ALL_REWRITINGS) {
                for (const asText of [true, false]) {
                    const rewritten = rewriting.apply(rand, documentAt(base, site));
                    const { state, preview } = await judge(withDocument(base, site, asText ? JSON.stringify(rewritten) : rewritten), () => `${rewriting.name}: ${show(rewritten)}`);
                    assert.deepStrictEqual([state, preview], [[], []], `"${rewriting.name}" made the compliant ${site.label} fail: ${show(rewritten)}\n${describeAll(lastViolations)}`);
                }
            }
        });

        it(`${site.label}: malformed documents never throw, and an unreadable one is never a silent pass`, async () => {
            const seed = 9001 + base.sites.indexOf(site);
            const rand = prng(seed);
            for (let i = 0; i < CASES; i++) {
                const { doc, asText, unreadable } = malformedDocument(rand, base.vocab, { resourcePolicy: site.resourcePolicy });
                const value = asText && typeof doc !== "string" ? JSON.stringify(doc) : doc;
                const { state, preview } = await judge(withDocument(base, site, value), () => `seed ${seed} case ${i}: ${show(value)}`);
                if (unreadable && !site.redundant) {
                    assert.ok(state.length > 0 && preview.length > 0, `seed ${seed} case ${i}: unreadable ${site.label} passed silently: ${show(value)}\n${describeAll(lastViolations)}`);
                }
            }
        });
    }
});

/** Every property path of a resource's inputs, down to `depth` levels (objects and lists). */
function propertyPaths(v: unknown, depth: number, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (at.length > 0) {
        out.push(at);
    }
    if (depth > 0 && v !== null && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
            propertyPaths(x, depth - 1, [...at, Array.isArray(v) ? Number(k) : k], out);
        }
    }
    return out;
}

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";

/** Values of another shape than the provider's schema: what a hand-written stack or a mangled state may hold. */
const ODD_PROPERTY_VALUES: readonly (() => unknown)[] = [
    () => null, () => 0, () => "30", () => "true", () => "false", () => 1.5, () => -1, () => true, () => "", () => [], () => ({}),
    () => [null], () => [{}], () => ({ rule: null }), () => ({ toString: 1, valueOf: "x" }), () => [{ toString: 1 }],
    () => ({ key: 1, value: {} }), () => [{ key: 7, value: null }], () => UNKNOWN_STRING, () => UNKNOWN_ARRAY, () => [UNKNOWN_STRING],
    () => "x".repeat(5000), () => "\u0000ü\u{1F512}", () => ({ status: "Enabled", rules: { id: "not-a-list" } }),
];

describe("policy pack: odd values in the properties the stack index reads", function () {
    this.timeout(300000);

    it(`a seeded sweep (${CASES * 4} edits of a compliant stack, state and preview): never throws, always quick`, async () => {
        const base = baseStack();
        const seed = 6101;
        const rand = prng(seed);
        const sites = base.resources.flatMap((r) => propertyPaths(r.inputs, 6).map((path) => ({ urn: r.urn, path })));
        for (let i = 0; i < CASES * 4; i++) {
            const { urn, path } = pick(rand, sites);
            const value = pick(rand, ODD_PROPERTY_VALUES)();
            const resources = JSON.parse(JSON.stringify(base.resources)) as ExportResource[];
            const r = resources.find((x) => x.urn === urn) as ExportResource;
            for (const props of [r.inputs, r.outputs]) {
                let parent = props as Record<string | number, unknown> | undefined;
                for (const step of path.slice(0, -1)) {
                    parent = parent?.[step] as Record<string | number, unknown> | undefined;
                }
                if (parent !== null && typeof parent === "object") {
                    parent[path[path.length - 1]] = value;
                }
            }
            await judge(resources, () => `seed ${seed} case ${i}: ${urn} ${path.join(".")} = ${show(value)}`);
        }
    });
});
