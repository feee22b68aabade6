// The committed security-guarantees page must be exactly what the scenarios render.
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { PAGE_PATH, REGENERATE_COMMAND, renderSecurityGuarantees } from "./securityGuaranteesPage";

describe("IAM oracle: docs/security-guarantees.md", function () {
    it("matches the scenarios the tests run", function () {
        const file = path.resolve(__dirname, "../..", PAGE_PATH);
        const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        assert.ok(committed === renderSecurityGuarantees(), `${PAGE_PATH} is out of date with test/iam/scenarios; run: ${REGENERATE_COMMAND}`);
    });
});
