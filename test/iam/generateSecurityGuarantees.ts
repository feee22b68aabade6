// Writes docs/security-guarantees.md from the IAM scenarios (run it after changing a scenario).
import * as fs from "fs";
import * as path from "path";
import { PAGE_PATH, renderSecurityGuarantees } from "./securityGuaranteesPage";

const target = path.resolve(__dirname, "../..", PAGE_PATH);
fs.writeFileSync(target, renderSecurityGuarantees());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
