// The topology diagram of a stack export, as a Markdown page with a Mermaid block: what
// `npm run synth` writes next to synth/<stack>.json and `npm run diagram` prints for any export.
import * as path from "path";
import { ExportResource } from "../../policypack/harness/exportFile";
import { renderMermaid } from "./mermaid";
import { stackResourcesOf } from "./stackResources";
import { Topology, topologyOf } from "./topology";

export { renderMermaid } from "./mermaid";
export { Topology, topologyOf } from "./topology";

export function topologyOfExport(resources: readonly ExportResource[]): Topology {
    return topologyOf(stackResourcesOf(resources.filter((r) => r.delete !== true)));
}

const LEGEND = "Groups are AWS accounts and, inside them, regions. Cylinders are S3 buckets, hexagons KMS keys, "
    + "rounded boxes the principals granted access. Dotted arrows: the key a bucket encrypts with by default. "
    + "Thick arrows: replication with its options (RTC = S3 Replication Time Control). Plain arrows: grants "
    + "(access, object prefix, cross-account) from principals, from AWS services (with the source account they are "
    + "pinned to) and from organisations (their member accounts), and server access logging from a bucket into its log bucket.";

/** The Mermaid block alone (what the README embeds). */
export function mermaidBlock(resources: readonly ExportResource[]): string {
    return `\`\`\`mermaid\n${renderMermaid(topologyOfExport(resources))}\`\`\`\n`;
}

/** The stack a URN belongs to (`urn:pulumi:<stack>::<project>::...`). */
export function stackNameOf(resources: readonly ExportResource[]): string | undefined {
    const urn = resources[0]?.urn;
    const match = urn === undefined ? null : /^urn:pulumi:([^:]+)::/.exec(urn);
    return match ? match[1] : undefined;
}

/** The page synth writes and `npm run diagram` prints, titled by the stack the export holds. */
export function diagramMarkdown(resources: readonly ExportResource[], fallbackName = "stack"): string {
    const stack = stackNameOf(resources);
    const title = stack !== undefined ? `Topology of stack ${stack}` : `Topology of ${fallbackName}`;
    return `# ${title}\n\n${LEGEND}\n\n${mermaidBlock(resources)}`;
}

/** Where synth writes the diagram of an export: synth/<stack>.json → synth/<stack>.md. */
export function diagramFileFor(exportFile: string): string {
    return path.join(path.dirname(exportFile), `${path.basename(exportFile, path.extname(exportFile))}.md`);
}
