// The stand-in `aws` provider: answers the engine's CRUD and invoke calls with fake AWS, the same
// deterministic outputs `npm run synth` uses, so the real CLI can run our program without an AWS account.
import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { AwsContext, callerOf, contextFromProvider, fakeInvoke, fakeResource } from "../../fakeaws";
import { fakeUuid, hashHex } from "../../fakeaws/deterministic";
import { checkedInputs } from "./checkDefaults";
import { DeployRules } from "./deployRules";
import { diffInputs } from "./diff";
import { encodeJsonDocuments } from "./jsonDocuments";
import { failIfAsked } from "./faultInjection";
import { recordCreate, recordDelete } from "./objectModel";
import { revealSecrets, secretWhereGiven } from "./secrets";
import { parseUrn } from "./urn";

/** The @pulumi/aws SDK we pin asks the engine for exactly this plugin version. */
export const AWS_PLUGIN_VERSION = "7.48.0";

type Props = Record<string, unknown>;

/** Outputs AWS assigns when it creates a resource, kept by every update in place. */
const ASSIGNED_AT_CREATION: readonly string[] = ["id", "arn", "keyId"];

export class FakeAwsProvider implements provider.Provider {
    readonly version = AWS_PLUGIN_VERSION;

    /** AWS's deploy-time rules and the world they judge against (deployRules.ts). */
    private readonly rules: DeployRules;

    /** @param providerInputs the provider's configuration (region, assumeRoles, ...) as last configured */
    constructor(private readonly providerInputs: () => Record<string, string>) {
        this.rules = new DeployRules(providerInputs);
    }

    private context(): AwsContext {
        return contextFromProvider(this.providerInputs());
    }

    /** The inputs as the real provider's Check returns them (checkDefaults.ts: schema defaults, auto-names). */
    async check(urn: pulumi.URN, olds: Props, news: Props): Promise<provider.CheckResult> {
        const { type, name } = parseUrn(urn);
        const inputs = checkedInputs(type, name, revealSecrets(news), this.context(), revealSecrets(olds ?? {}));
        this.rules.checked(type, inputs, this.context());
        return { inputs: secretWhereGiven(news, inputs) };
    }

    async diff(_id: pulumi.ID, urn: pulumi.URN, olds: Props, news: Props): Promise<provider.DiffResult> {
        const { changed, replaces, deleteBeforeReplace } = diffInputs(parseUrn(urn).type, revealSecrets(olds), revealSecrets(news));
        return { changes: changed.length > 0, replaces, ...(deleteBeforeReplace ? { deleteBeforeReplace } : {}) };
    }

    async create(urn: pulumi.URN, given: Props): Promise<provider.CreateResult> {
        const { type, name } = parseUrn(urn);
        failIfAsked("create", type, name);
        const inputs = encodeJsonDocuments(type, revealSecrets(given));
        const { id, outputs } = this.freshKeyIdentity(type, name, fakeResource(type, name, inputs, this.context()));
        await this.rules.written("create", type, name, inputs, outputs, this.context());
        recordCreate(type, name, id, outputs);
        return { id, outs: secretWhereGiven(given, outputs) };
    }

    /**
     * fakeaws derives a key's id from its name, so the same name gives the same id. KMS answers every CreateKey with a
     * new key (AWS KMS API Reference, "CreateKey"): when the world still holds a key of that id (a create-before-delete
     * replacement such as `pulumi up --replace`, or a key retained by `retainOnDelete` and declared again), the new
     * key gets another id, so dependents see the new ARN as they would in AWS.
     */
    private freshKeyIdentity(type: string, name: string, result: { id: string; outputs: Props }): { id: string; outputs: Props } {
        if (type !== "aws:kms/key:Key") return result;
        const arn = String(result.outputs["arn"]);
        if (this.rules.world.key(arn) === undefined) return result;
        const prefix = arn.slice(0, arn.length - result.id.length);
        for (let generation = 1; ; generation++) {
            const keyId = result.id.startsWith("mrk-")
                ? `mrk-${hashHex(result.id, name, String(generation)).slice(0, 32)}`
                : fakeUuid(result.id, name, String(generation));
            if (this.rules.world.key(`${prefix}${keyId}`) === undefined) {
                return { id: keyId, outputs: { ...result.outputs, id: keyId, keyId, arn: `${prefix}${keyId}` } };
            }
        }
    }

    /**
     * An update in place keeps what AWS assigned at creation: a key's id and ARN never change (AWS KMS API Reference,
     * "CreateKey" assigns them; no update call takes them), and neither does any resource's ARN, whatever logical name
     * the resource has now (a rename with `aliases`): fakeaws derives them from the name, so the old ones are carried.
     */
    async update(_id: pulumi.ID, urn: pulumi.URN, olds: Props, given: Props): Promise<provider.UpdateResult> {
        const { type, name } = parseUrn(urn);
        failIfAsked("update", type, name);
        const news = encodeJsonDocuments(type, revealSecrets(given));
        const fresh = fakeResource(type, name, news, this.context()).outputs;
        const old = revealSecrets(olds ?? {});
        const outputs: Props = { ...fresh };
        for (const kept of ASSIGNED_AT_CREATION) {
            if (old[kept] !== undefined) outputs[kept] = old[kept];
        }
        const previous = encodeJsonDocuments(type, old);
        await this.rules.written("update", type, name, news, outputs, this.context(), previous);
        return { outs: secretWhereGiven(given, outputs) };
    }

    /** Refresh: fake AWS never drifts, so the recorded state is the truth. */
    async read(id: pulumi.ID, _urn: pulumi.URN, props?: Props): Promise<provider.ReadResult> {
        return { id, props: secretWhereGiven(props ?? {}, revealSecrets(props ?? {})) };
    }

    /**
     * Frees what the resource held in the stand-in's world (a bucket name, a role, a key), after the object
     * model (objectModel.ts) has refused the delete of a bucket that still holds objects.
     */
    async delete(id: pulumi.ID, urn: pulumi.URN, props: Props): Promise<void> {
        const { type, name } = parseUrn(urn);
        const state = revealSecrets(props ?? {});
        recordDelete(type, name, id, state);
        this.rules.deleted(type, state, this.context());
    }

    async invoke(token: string, inputs: Props): Promise<provider.InvokeResult> {
        this.rules.invoked(token);
        const ctx = this.context();
        // A bucket of the world is where it was created; any other is taken to exist (fakeaws/lookupInvokes.ts).
        const known = { bucketRegion: (bucket: string) => this.rules.world.bucket(bucket)?.region };
        return { outputs: fakeInvoke(token, revealSecrets(inputs ?? {}), ctx, callerOf(this.providerInputs(), ctx), known) };
    }
}
