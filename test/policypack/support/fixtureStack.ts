// Turns a pack fixture (plain data, policypack/fixtures/format.ts) into a stack export through StackBuilder,
// so a reference carries the referenced resource's value and a propertyDependencies entry like Pulumi records.
import { Fixture, FixtureValue, isFixtureJson, isFixtureRef } from "../../../policypack/fixtures/format";
import { ExportResource } from "../../../policypack/harness";
import { json, out, StackBuilder } from "./stackBuilder";

export function fixtureStack(fixture: Fixture): ExportResource[] {
    const b = new StackBuilder();
    const providers = new Map<string, string>();
    for (const p of fixture.providers ?? []) {
        const spec = { region: p.region, account: p.account };
        providers.set(p.name, p.kind === "aws-native" ? b.nativeProvider(p.name, spec) : b.provider(p.name, spec));
    }
    const urns = new Map<string, string>();
    const urnOf = (name: string, where: string): string => {
        const urn = urns.get(name);
        if (urn === undefined) {
            throw new Error(`fixture "${fixture.title}": ${where} names "${name}", which is not an earlier resource`);
        }
        return urn;
    };
    const convert = (v: FixtureValue, where: string): unknown => {
        if (isFixtureRef(v)) {
            const { prefix = "", suffix = "" } = v;
            return out(urnOf(v.$ref, where), v.prop, prefix || suffix ? (s) => `${prefix}${s}${suffix}` : undefined);
        }
        if (isFixtureJson(v)) {
            return json(convert(v.$json, where));
        }
        if (Array.isArray(v)) {
            return v.map((x) => convert(x, where));
        }
        if (v !== null && typeof v === "object") {
            const o: Record<string, unknown> = {};
            for (const [k, x] of Object.entries(v)) {
                o[k] = convert(x, where);
            }
            return o;
        }
        return v;
    };
    for (const r of fixture.resources) {
        if (urns.has(r.name)) {
            throw new Error(`fixture "${fixture.title}": two resources named "${r.name}"`);
        }
        let provider: string | undefined;
        if (r.provider !== undefined) {
            provider = providers.get(r.provider);
            if (provider === undefined) {
                throw new Error(`fixture "${fixture.title}": resource "${r.name}" names provider "${r.provider}", which the fixture doesn't declare`);
            }
        }
        const inputs = convert(r.inputs, r.name) as Record<string, unknown>;
        const dependsOn = (r.dependsOn ?? []).map((d) => urnOf(d, `dependsOn of ${r.name}`));
        urns.set(r.name, b.add(r.type, r.name, inputs, { provider, dependsOn, protect: r.protect }));
    }
    return b.build();
}
