// Compliant stacks written by hand in shapes the repo's components don't produce, which the pack used to
// block; each case also keeps the genuinely bad variant firing.
import { assertFires, assertNone, assertOnly, run } from "./support/run";
import { secureBucket } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

type Doc = { Statement: Record<string, unknown>[] };

function editDoc(b: StackBuilder, urn: string, edit: (statements: Record<string, unknown>[]) => Record<string, unknown>[]): void {
    b.patch(urn, (props) => {
        const doc = JSON.parse(props["policy"] as string) as Doc;
        doc.Statement = edit(doc.Statement);
        props["policy"] = JSON.stringify(doc);
    });
}

describe("policy pack: hand-written stacks", () => {
    describe("a provider that chains roles (assumeRoles with several entries)", () => {
        // A hub-and-spoke CI: the pipeline's role in a tooling account assumes the deployer role of the workload
        // account. @pulumi/aws v7 assumes the roles in the order listed: the last one deploys, in its account.
        const HUB = "arn:aws:iam::999999999999:role/ci-hub";
        const chained = (b: StackBuilder, last: string) => b.provider("workload", { region: "eu-west-1", account: "111111111111" }, {
            assumeRoles: [{ roleArn: HUB, sessionName: "ci" }, { roleArn: last, sessionName: "deploy" }],
        });

        it("deploys as the last role of the chain: the workload account's root delegation lets it manage the key (update and preview)", async () => {
            const b = new StackBuilder();
            const provider = chained(b, "arn:aws:iam::111111111111:role/deployer");
            const s = secureBucket(b, "data", { provider });
            // A grant to a role of the workload account, on the key named by id: the key's account is the provider's.
            b.add(T.grant, "app", { keyId: out(s.key, "keyId"), granteePrincipal: "arn:aws:iam::111111111111:role/app", operations: ["Decrypt"] }, { provider });
            assertNone(await run(b.build()));
            assertNone(await run(b.build(), { preview: true }));
        });

        it("the same chain read from JSON text, as a stack export stores provider settings", async () => {
            const b = new StackBuilder();
            const provider = chained(b, "arn:aws:iam::111111111111:role/deployer");
            b.patch(provider.slice(0, provider.lastIndexOf("::")), (props) => { props["assumeRoles"] = JSON.stringify(props["assumeRoles"]); });
            secureBucket(b, "data", { provider });
            assertNone(await run(b.build()));
        });

        it("still fires when the chain ends in an account the key policy doesn't delegate to, or the grantee is outside it", async () => {
            const b = new StackBuilder();
            const provider = chained(b, "arn:aws:iam::333333333333:role/deployer");
            const s = secureBucket(b, "data", { provider });
            assertOnly(await run(b.build()), "kms-key-policy-deployer-access", s.keyPolicy, "arn:aws:iam::333333333333:role/deployer");
            const c = new StackBuilder();
            const p = chained(c, "arn:aws:iam::111111111111:role/deployer");
            const t = secureBucket(c, "data", { provider: p });
            // A grantee in the hub account: the key is in the workload account, not the hub's.
            const grant = c.add(T.grant, "hub", { keyId: out(t.key, "keyId"), granteePrincipal: HUB, operations: ["Decrypt"] }, { provider: p });
            assertOnly(await run(c.build()), "kms-grant-in-account", grant);
        });
    });
});

// Keep the helpers referenced while later sections are added.
void editDoc; void assertFires; void json;
