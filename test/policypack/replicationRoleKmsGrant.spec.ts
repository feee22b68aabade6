// A replication role may be given its keys by aws.kms.Grant instead of IAM and key policy statements: KMS allows a
// grant's grantee the grant's operations whatever the key policy and IAM policies say, unless an explicit Deny applies
// ("AWS KMS Developer Guide", "Grants in AWS KMS"). s3-replication-role-kms-access must count such a grant. (The
// fixture's role policy names key ARNs, unknown in a fresh preview, so the firing cases are judged after deployment.)
import * as assert from "assert";
import { describeAll, mandatory, run } from "./support/run";
import { replicatedPair, rootStatement } from "./support/scenarios";
import { out, T } from "./support/stackBuilder";

interface GrantVariant {
    destinationOperations?: string[];
    constraints?: unknown;
    grantee?: "role" | "other";
    identityDeny?: boolean;
}

/** The replicated pair, keys delegating to their account root, the role's IAM policy without KMS, grants on both keys. */
function grantedPair(v: GrantVariant = {}) {
    const pair = replicatedPair();
    for (const keyPolicy of [pair.source.keyPolicy, pair.destination.keyPolicy]) {
        pair.b.patch(keyPolicy, (i) => {
            i["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [rootStatement("111111111111")] });
        });
    }
    pair.b.patch(pair.rolePolicy, (i) => {
        const doc = JSON.parse(String(i["policy"])) as { Statement: { Effect: string; Action: string[] | string; Resource: string }[] };
        doc.Statement = doc.Statement.filter((s) => !([] as string[]).concat(s.Action).some((a) => a.startsWith("kms:")));
        if (v.identityDeny) {
            doc.Statement.push({ Effect: "Deny", Action: "kms:*", Resource: "*" });
        }
        i["policy"] = JSON.stringify(doc);
    });
    const other = pair.b.add(T.role, "other-role", { name: "other-role", assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
    const grantee = out(v.grantee === "other" ? other : pair.role, "arn");
    pair.b.add(T.grant, "source-grant", { keyId: out(pair.source.key, "keyId"), granteePrincipal: grantee, operations: ["Decrypt"] });
    pair.b.add(T.grant, "destination-grant", {
        keyId: out(pair.destination.key, "arn"), granteePrincipal: grantee, operations: v.destinationOperations ?? ["Encrypt", "GenerateDataKey"],
        ...(v.constraints ? { constraints: v.constraints } : {}),
    }, { provider: pair.destProvider });
    return pair;
}

async function kmsAccess(pair: ReturnType<typeof grantedPair>, preview: boolean): Promise<string[]> {
    const vs = mandatory(await run(pair.b.build(), { preview }));
    return vs.filter((v) => v.policyName === "s3-replication-role-kms-access").map((v) => `${v.urn} ${/allow kms:Decrypt/.test(v.message) ? "decrypt" : /allow kms:Encrypt/.test(v.message) ? "encrypt" : v.message}`);
}

describe("policy pack: a replication role given its keys by aws.kms.Grant", () => {
    it("grants of each key's operation to the role: no violation in a fresh preview and after deployment", async () => {
        const pair = grantedPair();
        for (const preview of [true, false]) {
            const vs = await run(pair.b.build(), { preview });
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [], `preview ${preview}:\n${describeAll(vs)}`);
        }
    });

    const firing: [string, GrantVariant][] = [
        ["the destination grant without Encrypt", { destinationOperations: ["Decrypt"] }],
        ["the destination grant constrained to an encryption context", { constraints: [{ encryptionContextEquals: { department: "finance" } }] }],
    ];
    for (const [title, variant] of firing) {
        it(`${title}: s3-replication-role-kms-access fires for the destination key after deployment`, async () => {
            const pair = grantedPair(variant);
            assert.deepStrictEqual(await kmsAccess(pair, false), [`${pair.role} encrypt`]);
        });
    }

    it("grants to another role: s3-replication-role-kms-access fires for both keys after deployment", async () => {
        const pair = grantedPair({ grantee: "other" });
        assert.deepStrictEqual(await kmsAccess(pair, false), [`${pair.role} decrypt`, `${pair.role} encrypt`]);
    });

    it("the role's IAM policy denying kms:*: the grants don't override the Deny", async () => {
        const pair = grantedPair({ identityDeny: true });
        assert.deepStrictEqual(await kmsAccess(pair, false), [`${pair.role} decrypt`, `${pair.role} encrypt`]);
    });
});
