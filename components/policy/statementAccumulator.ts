import * as pulumi from "@pulumi/pulumi";
import { applyAll } from "../combineOutputs";
import type { PolicyKind } from "../../awsrules";
import { renderPolicy } from "./renderPolicy";
import { assertUniqueSids, PolicyDocument, policyDocument, PolicyStatement } from "./types";

/**
 * Collects the statements of one resource policy (a key policy or a bucket policy) from several
 * components: the key itself, each grant, each replication. A grant must change the key policy,
 * the bucket policy and the consumer's policy together, but Pulumi inputs cannot be changed after a
 * resource is registered, so the policy resource takes `document`, an Output that resolves once the
 * accumulator is sealed.
 *
 * Sealing happens on its own once the synchronous part of the program has run (setImmediate after
 * construction), which covers a program that declares its buckets, grants and replications in one
 * go. Programs that await between declarations call `seal()` themselves when they are done. A
 * statement added after sealing would be silently lost, so it throws instead.
 */
export class StatementAccumulator {
    private readonly statements: pulumi.Input<PolicyStatement | readonly PolicyStatement[]>[] = [];
    private readonly reservedSids = new Map<string, string>();
    private sealed = false;
    private resolveSealed!: () => void;
    private readonly sealedPromise: Promise<void>;
    /** The assembled document, resolved after sealing. */
    public readonly document: pulumi.Output<PolicyDocument>;
    /** `document` as the JSON string AWS resources take; fails when AWS would refuse its size. */
    public readonly json: pulumi.Output<string>;

    /** @param kind which AWS size limit the rendered document must meet */
    constructor(private readonly owner: string, kind: PolicyKind, autoSeal = true) {
        this.sealedPromise = new Promise<void>((resolve) => {
            this.resolveSealed = resolve;
        });
        this.document = pulumi.output(this.sealedPromise.then(() => true)).apply(() =>
            applyAll(this.statements, (resolved) => {
                const doc = policyDocument(resolved.flat());
                assertUniqueSids(doc);
                return doc;
            }),
        );
        this.json = this.document.apply((doc) => renderPolicy(owner, kind, doc));
        if (autoSeal) {
            setImmediate(() => this.seal());
        }
    }

    /** Appends statements. Throws once sealed, naming the policy and the fix. */
    add(...statements: pulumi.Input<PolicyStatement>[]): void {
        this.assertOpen();
        this.statements.push(...statements);
    }

    /**
     * Appends a list of statements that resolves later (e.g. built inside an `apply` over ARNs). The
     * list keeps its place in the document, so statement order stays what the caller declared.
     */
    addList(statements: pulumi.Input<readonly PolicyStatement[]>): void {
        this.assertOpen();
        this.statements.push(statements);
    }

    /**
     * Claims Sids before their statements resolve. Duplicate Sids are otherwise only found when the
     * document resolves, far from the declaration that caused them; this throws at the declaration,
     * naming both claimants.
     */
    reserveSids(claimant: string, sids: readonly string[]): void {
        this.assertOpen();
        for (const sid of sids) {
            const holder = this.reservedSids.get(sid);
            if (holder !== undefined) {
                throw new Error(
                    `${this.owner}: Sid "${sid}" is claimed by both ${holder} and ${claimant}; ` +
                        `rename one of them (Sids are derived from the resource names) so every statement has its own Sid.`,
                );
            }
            this.reservedSids.set(sid, claimant);
        }
    }

    private assertOpen(): void {
        if (this.sealed) {
            throw new Error(
                `${this.owner}: its policy was already sealed when a statement was added. ` +
                    `Declare grants and replications in the same synchronous block as the bucket and key, ` +
                    `or create the key/bucket with autoSeal: false and call seal() after the last declaration.`,
            );
        }
    }

    /** Freezes the statement list; idempotent. */
    seal(): void {
        if (this.sealed) {
            return;
        }
        this.sealed = true;
        this.resolveSealed();
    }

    get isSealed(): boolean {
        return this.sealed;
    }
}
