// A guardrail toggle the stack's own policy pack blocks as mandatory is refused here, before anything is
// registered, instead of at `pulumi preview` after the program ran. Which option each pack policy owns is read
// from the pack's own declaration (policypack/model/guardrailToggles.ts), never copied. A bucket that carries the
// pack's exemption tag for that policy may keep the toggle, as the pack itself allows it.
import { blockedToggles, exemptionHint, GuardrailToggle } from "../policypack/model/guardrailToggles";
import { ParsedStackConfig } from "./schema";

type Report = (path: PropertyKey[], message: string) => void;

function message(toggle: GuardrailToggle): string {
    const policy = toggle.policy ?? "";
    return (
        `turns off a guardrail the policy pack's ${policy} blocks (mandatory at the pack's default level), so pulumi preview would fail. ` +
        `Fix: set ${toggle.field}: ${toggle.secure} (or leave it unset), or exempt this bucket from ${policy} with ${exemptionHint(policy)}, which the pack lists on every run`
    );
}

/** Each bucket's toggles against the pack's mandatory verdicts; replicas take their source's guardrails and tags. */
export function checkPackToggles(config: ParsedStackConfig, report: Report): void {
    config.buckets.forEach((bucket, i) => {
        const tags = { ...(config.tags ?? {}), ...(bucket.tags ?? {}) };
        for (const toggle of blockedToggles(bucket, tags)) {
            report(["buckets", i, ...toggle.field.split(".")], message(toggle));
        }
    });
}
