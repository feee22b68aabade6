// A floor between the same-shape no-op pack and ours: the same shape, whose last stack policy builds our stack
// index (parsing every policy document on the way) and checks nothing. The gap between it and the same-shape
// no-op pack is what the index costs by itself; the gap between it and ours is what the checks cost on top.
import { Policies, StackValidationPolicy } from "@pulumi/policy";
import { stackIndexFor } from "../../policypack/model/indexCache";
import { shapedWithLastStackPart } from "./noopPack";

const buildIndexPolicy: StackValidationPolicy = {
    name: "bench-build-stack-index",
    description: "Builds the pack's stack index and reports nothing.",
    enforcementLevel: "advisory",
    validateStack: (args) => {
        void stackIndexFor(args.resources).buckets.length;
    },
};

export function indexingPoliciesShapedLike(pack: Policies): Policies {
    return shapedWithLastStackPart(pack, buildIndexPolicy.validateStack);
}
