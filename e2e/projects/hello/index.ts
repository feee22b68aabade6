import * as pulumi from "@pulumi/pulumi";

// A component needs no provider plugin, so this program exercises only the CLI and the language host.
class Greeting extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("hello:index:Greeting", name, {}, opts);
        this.registerOutputs({});
    }
}

const config = new pulumi.Config();
if (config.getBoolean("fail")) {
    throw new Error("hello was asked to fail");
}
const who = config.get("who") ?? "world";
new Greeting(config.getBoolean("forbidden") ? "forbidden" : "allowed");
export const message = `hello, ${who}`;
export const secretEcho = config.getSecret("token");
