// Where its SDK types a policy as `string | PolicyDocument`, the aws provider takes the document as an object too
// and encodes it as JSON before it calls AWS (pulumi-aws maps these fields with the Terraform bridge's
// `TransformJSONDocument`): AWS itself only ever receives JSON text. The stand-in encodes them the same way before
// its deploy-time rules and its outputs, so a program that writes `policy: { Version, Statement }` deploys here as
// it does against AWS.

type Props = Record<string, unknown>;

/** The fields @pulumi/aws 7.48 types as `string | PolicyDocument`, per resource type. */
const JSON_DOCUMENT_FIELDS: Readonly<Record<string, readonly string[]>> = {
    "aws:s3/bucket:Bucket": ["policy"],
    "aws:s3/bucketPolicy:BucketPolicy": ["policy"],
    "aws:iam/role:Role": ["assumeRolePolicy"],
    "aws:iam/rolePolicy:RolePolicy": ["policy"],
    "aws:iam/userPolicy:UserPolicy": ["policy"],
    "aws:iam/groupPolicy:GroupPolicy": ["policy"],
    "aws:iam/policy:Policy": ["policy"],
    "aws:sns/topicPolicy:TopicPolicy": ["policy"],
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": ["policyDocument"],
};

/** `inputs` with each document field of `type` given as an object or array encoded as JSON; other values as they are. */
export function encodeJsonDocuments(type: string, inputs: Props): Props {
    const fields = JSON_DOCUMENT_FIELDS[type];
    if (fields === undefined || !fields.some((field) => isDocumentObject(inputs[field]))) {
        return inputs;
    }
    const encoded: Props = { ...inputs };
    for (const field of fields) {
        if (isDocumentObject(inputs[field])) {
            encoded[field] = JSON.stringify(inputs[field]);
        }
    }
    return encoded;
}

function isDocumentObject(value: unknown): boolean {
    return value !== null && typeof value === "object";
}
