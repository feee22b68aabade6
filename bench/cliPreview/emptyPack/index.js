// The cheapest pack the CLI can load: one resource policy typed to a type no stack has, so @pulumi/policy's
// server skips it without deserializing anything. Previewing with it measures what the engine's per-resource
// Remediate/Analyze round trips and the analyzer process cost, before any policy runs. Plain JavaScript, so
// no build step; @pulumi/policy resolves from the repository's node_modules.
"use strict";
const { PolicyPack } = require("@pulumi/policy");

const neverApplies = () => undefined;
neverApplies.__pulumiType = "bench:index:NeverDeclared";

new PolicyPack("bench-empty-pack", {
    enforcementLevel: "mandatory",
    policies: [{ name: "bench-never-applies", description: "Applies to no resource type of any stack.", validateResource: neverApplies }],
});
