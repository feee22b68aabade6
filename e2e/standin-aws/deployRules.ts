// The provider's hooks into AWS's deploy-time rules (enforce.ts) and the shared World: what `check`
// learns (declared roles, types the stand-in does not model), what a create or update must pass,
// and what a delete frees. Environment switches (docs/e2e.md):
//   STANDIN_AWS_RULES=off          record the world but refuse nothing (to deploy a deliberately bad program)
//   STANDIN_AWS_UNMODELLED=echo    accept resource types and functions fake AWS does not model (outputs = inputs)
import { AwsContext, callerOf, MODELLED_INVOKES, MODELLED_RESOURCE_TYPES } from "../../fakeaws";
import { ENFORCED_TYPES, enforce, forget, record } from "./enforce";
import { World } from "./world";

type Props = Record<string, unknown>;

export function isModelledType(type: string): boolean {
    return (
        MODELLED_RESOURCE_TYPES.includes(type) ||
        ENFORCED_TYPES.includes(type) ||
        // Bucket configuration resources: AWS computes nothing for them, so inputs are the outputs.
        type.startsWith("aws:s3/bucket") ||
        type.startsWith("pulumi:providers:")
    );
}

function decodedObject(value: unknown): Props {
    const parsed = typeof value === "string" ? (() => { try { return JSON.parse(value) as unknown; } catch { return undefined; } })() : value;
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Props) : {};
}

export class DeployRules {
    private readonly unmodelled = new Set<string>();

    constructor(
        private readonly providerInputs: () => Record<string, unknown>,
        private readonly env: NodeJS.ProcessEnv = process.env,
        readonly world: World = new World(),
    ) {}

    private get enforcing(): boolean {
        return this.env["STANDIN_AWS_RULES"] !== "off";
    }

    /**
     * Called before an invoke is answered. A function fake AWS does not model would echo its arguments: the program
     * would read `undefined` where AWS answers (an organization id, an alias's key), and a document built from it
     * could pass or fail for a reason AWS would never give.
     */
    invoked(token: string): void {
        if (!MODELLED_INVOKES.includes(token) && this.env["STANDIN_AWS_UNMODELLED"] !== "echo") {
            throw new Error(
                `stand-in aws provider: function not modelled: ${token} ` +
                    "(fake AWS would only echo its arguments; model it in fakeaws/invokes.ts, or set STANDIN_AWS_UNMODELLED=echo to accept that)",
            );
        }
    }

    /** Called from `check`, which the engine runs for every resource before any create. */
    checked(type: string, inputs: Props, ctx: AwsContext): void {
        if (!isModelledType(type) && this.env["STANDIN_AWS_UNMODELLED"] !== "echo") {
            this.unmodelled.add(type);
            throw new Error(
                `stand-in aws provider: resource types not modelled: ${[...this.unmodelled].sort().join(", ")} ` +
                    "(fake AWS would only echo their inputs as outputs; model them in fakeaws/resources.ts, or set STANDIN_AWS_UNMODELLED=echo to accept that)",
            );
        }
        const name = inputs["name"];
        if (type === "aws:iam/role:Role" && typeof name === "string" && name !== "") {
            const path = typeof inputs["path"] === "string" ? inputs["path"] : "/";
            this.world.declareRole(`arn:aws:iam::${ctx.accountId}:role${path}${name}`);
        }
    }

    /** Called before create/update answers; throws AWS's error when AWS would refuse. `previous`: an update's old outputs. */
    async written(kind: "create" | "update", type: string, name: string, inputs: Props, outputs: Props, ctx: AwsContext, previous?: Props): Promise<void> {
        const providerInputs = this.providerInputs();
        const op = {
            kind,
            type,
            name,
            inputs,
            outputs,
            ctx,
            caller: callerOf(providerInputs, ctx),
            defaultTags: decodedObject(decodedObject(providerInputs["defaultTags"])["tags"]) as Record<string, string>,
            world: this.world,
            ...(previous !== undefined ? { previous } : {}),
        };
        if (this.enforcing) {
            await enforce(op);
        } else if (type === "aws:s3/bucket:Bucket" || type === "aws:s3/bucketV2:BucketV2") {
            this.world.claimBucket({ name: String(outputs["bucket"]), accountId: ctx.accountId, region: String(outputs["region"]) });
        }
        record(op);
    }

    deleted(type: string, props: Props, ctx: AwsContext): void {
        forget(type, props, ctx, this.world);
    }
}
