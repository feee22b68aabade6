import { parseArgs } from "../args/parseArgs";
import { bucketNameOfArn, ExternalDestinationArgs, externalDestinationArgsSchema } from "./args";

/**
 * A replication destination this program does not own: a bucket (and its replica key) in an account
 * whose owner applies the destination-side statements BucketReplication exports. Not a resource:
 * nothing is created for it, and nothing about it can be read at deployment, so its facts are the
 * ones given here.
 */
export class ExternalDestination {
    public readonly bucketArn: string;
    public readonly bucketName: string;
    public readonly accountId: string;
    public readonly region: string;
    public readonly keyArn: string;
    public readonly bucketKeyEnabled: boolean;

    constructor(where: string, args: ExternalDestinationArgs) {
        const parsed = parseArgs(where, externalDestinationArgsSchema, args);
        this.bucketArn = parsed.bucketArn;
        this.bucketName = bucketNameOfArn(parsed.bucketArn) ?? parsed.bucketArn;
        this.accountId = parsed.accountId;
        this.region = parsed.region;
        this.keyArn = parsed.keyArn;
        this.bucketKeyEnabled = parsed.bucketKeyEnabled;
    }
}
