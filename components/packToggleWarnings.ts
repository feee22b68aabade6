// The components are used by programs whose organisation may run the policy pack at other levels (a policy
// turned advisory, or exemptions by `exemptTags`), so a toggle the pack blocks at its default level is accepted
// here, with a warning that names the pack policy, the level and the fix, at the component, before any preview
// reaches the pack. The stack configuration refuses the same toggles outright (config/packToggles.ts); both read
// the pack's own declaration of which option each policy owns.
import { exemptionHint, levelOf, ToggleSubject, weakenedToggles } from "../policypack/model/guardrailToggles";

/**
 * One warning per toggle of the bucket that a mandatory pack policy will block, unless the bucket's tags exempt
 * it. Advisory verdicts (S3 Bucket Key off) are left to the pack, which reports them in every preview.
 */
export function packToggleWarnings(component: string, bucket: ToggleSubject, tags: Readonly<Record<string, string>>): string[] {
    return weakenedToggles(bucket, tags)
        .filter((w) => !w.exempt && levelOf(w.toggle) === "mandatory")
        .map(({ toggle }) => {
            const policy = toggle.policy ?? "";
            return (
                `${component}: ${toggle.field} is off; the encrypted-buckets-guardrails policy ${policy} blocks the deployment at its default level (mandatory). ` +
                `Fix: set ${toggle.field}: ${toggle.secure} (or leave it unset), or exempt the bucket with ${exemptionHint(policy)}, or lower ${policy} in your organisation's pack configuration`
            );
        });
}
