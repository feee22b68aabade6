// `npm run docs:policies`: rewrites the policy table of docs/policies.md from the pack's registry.
import * as fs from "fs";
import * as path from "path";
import { withPolicyTable } from "../policypack/policies/docsTable";
import { registry } from "../policypack/policies";

const file = path.join(__dirname, "..", "docs", "policies.md");
const before = fs.readFileSync(file, "utf8");
const after = withPolicyTable(before, registry);
if (after !== before) {
    fs.writeFileSync(file, after);
}
process.stderr.write(`docs/policies.md: ${registry.length} policies, ${after === before ? "unchanged" : "table rewritten"}\n`);
