import * as pulumi from "@pulumi/pulumi";
import { StatementAccumulator } from "./policy/statementAccumulator";
import { PolicyStatement } from "./policy/types";

/**
 * A key component whose policy statements other components (grants, replications) extend until it
 * is sealed: a CustomerManagedKey writes them into its KeyPolicy, an ExternalKey exports them for the
 * key's owner. Subclasses create `statements` in their constructor.
 */
export abstract class KeyPolicyStatements extends pulumi.ComponentResource {
    protected abstract readonly statements: StatementAccumulator;

    /** Appends key-policy statements (grants, replication). Throws once sealed. */
    addStatements(...statements: pulumi.Input<PolicyStatement>[]): void {
        this.statements.add(...statements);
    }

    /** Appends a list that resolves later, e.g. statements built inside an `apply` over ARNs. */
    addStatementList(statements: pulumi.Input<readonly PolicyStatement[]>): void {
        this.statements.addList(statements);
    }

    /** Claims Sids now so a clash is reported at the declaration that caused it. */
    reserveSids(claimant: string, sids: readonly string[]): void {
        this.statements.reserveSids(claimant, sids);
    }

    /** Freezes the key policy; idempotent. For programs that await between declarations. */
    seal(): void {
        this.statements.seal();
    }

    get isSealed(): boolean {
        return this.statements.isSealed;
    }
}
