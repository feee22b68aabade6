/**
 * Pulumi mocks backed by fake AWS, for component and program tests.
 *
 * Usage (mocks are process-global, so install them in the spec's own `before`, and import the module
 * under test afterwards):
 *
 *   let mocks: FakeAwsMockSession;
 *   before(async () => { mocks = await installFakeAwsMocks({ stack: "test" }); });
 *   beforeEach(() => mocks.reset());
 *   it("...", async () => {
 *       const provider = new aws.Provider("data", { region: "eu-west-1", assumeRoles: [{ roleArn: "arn:aws:iam::111111111111:role/deploy" }] });
 *       const bucket = new EncryptedBucket("b", {...}, { provider });
 *       assert.match(await promiseOf(bucket.arn), /^arn:aws:s3:::/);
 *       const [sse] = mocks.byType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
 *       assert.equal(sse.context.accountId, "111111111111");  // placed by its provider
 *   });
 *
 * A resource's account/region come from its provider's inputs (the last `roleArn` of `assumeRoles`, else
 * `allowedAccountIds[0]`; `region`); resources without a provider land in `defaultContext`
 * (123456789012, us-east-1). Outputs are what fake AWS computes (ARNs, key ids), deterministically.
 *
 * Note: `inputs` are as Pulumi sent them; provider inputs such as `assumeRoles` are JSON strings.
 * `await settled()` after declaring resources waits until every registration has reached the mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, defaultContext, FakeAwsMocks, RecordedResource } from "../../fakeaws";

export { RecordedResource };

export interface FakeAwsMocksOptions {
    project?: string;
    stack?: string;
    /** Leave false: in preview, outputs the mocks do not return stay unknown and `promiseOf` hangs. */
    preview?: boolean;
    /** Where provider-less resources and calls land. */
    defaultContext?: AwsContext;
}

export interface FakeAwsMockSession {
    /** The Mocks object itself (every registration is in `mocks.resources`). */
    readonly mocks: FakeAwsMocks;
    /** Every registration so far, in order (components too, with `custom: false`). */
    resources(): readonly RecordedResource[];
    /** Registrations of one type token, e.g. `aws:kms/key:Key`. */
    byType(type: string): RecordedResource[];
    /** The registration with this logical name and (optionally) type; throws if absent or ambiguous. */
    named(name: string, type?: string): RecordedResource;
    /** Forgets recorded registrations (provider contexts are kept). */
    reset(): void;
    /** Resolves once pending registrations have reached the mocks (polls until the count is stable). */
    settled(): Promise<void>;
}

/** Installs fake-AWS-backed mocks for this mocha process and returns a handle to inspect them. */
export async function installFakeAwsMocks(opts: FakeAwsMocksOptions = {}): Promise<FakeAwsMockSession> {
    const mocks = new FakeAwsMocks(opts.defaultContext ?? defaultContext());
    await pulumi.runtime.setMocks(mocks, opts.project ?? "encrypted-buckets", opts.stack ?? "test", opts.preview ?? false, "organization");
    return {
        mocks,
        resources: () => mocks.resources,
        byType: (type) => mocks.resources.filter((r) => r.type === type),
        named: (name, type) => {
            const found = mocks.resources.filter((r) => r.name === name && (type === undefined || r.type === type));
            if (found.length !== 1) {
                throw new Error(`expected one registered resource named "${name}"${type ? ` of type ${type}` : ""}, found ${found.length}`);
            }
            return found[0];
        },
        reset: () => {
            mocks.resources.length = 0;
        },
        settled: () => waitUntilStable(() => mocks.resources.length),
    };
}

async function waitUntilStable(count: () => number): Promise<void> {
    let previous = -1;
    let stableRounds = 0;
    while (stableRounds < 5) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const now = count();
        stableRounds = now === previous ? stableRounds + 1 : 0;
        previous = now;
    }
}

/** The value of an Output as a Promise (Output.promise() is internal). Never resolves for unknowns. */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise<T>((resolve) => {
        output.apply((value) => {
            resolve(value);
            return value;
        });
    });
}
