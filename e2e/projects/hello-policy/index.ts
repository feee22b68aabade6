import { PolicyPack } from "@pulumi/policy";

new PolicyPack("hello-policy", {
    policies: [
        {
            name: "no-forbidden-greeting",
            description: "A greeting must not be named forbidden.",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                if (args.type === "hello:index:Greeting" && args.name === "forbidden") {
                    reportViolation("greeting is named forbidden");
                }
            },
        },
    ],
});
