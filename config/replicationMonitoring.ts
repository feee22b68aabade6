// `replicas[].monitoring: true`: CloudWatch alarms on the replica's rule and the source bucket's replication
// failure events, sent to an encrypted SNS topic of the source bucket (components/replicationMonitoring.ts).
// S3 publishes the replication metrics only for rules with metrics enabled, which this program does with
// Replication Time Control, so monitoring needs `replicationTime: true` (Amazon S3 User Guide, "Monitoring
// progress with replication metrics and Amazon S3 event notifications").
import { z } from "zod";

export const replicaMonitoringSchema = z.boolean({ error: "must be true or false (CloudWatch alarms and failure events for this replica)" }).default(false);

type Report = (path: PropertyKey[], message: string) => void;

interface Shape {
    buckets: Array<{ replicas: Array<{ monitoring: boolean; replicationTime: boolean }> }>;
}

export function checkReplicationMonitoring(config: Shape, report: Report): void {
    config.buckets.forEach((bucket, i) => {
        bucket.replicas.forEach((replica, j) => {
            if (replica.monitoring && !replica.replicationTime) {
                report(["buckets", i, "replicas", j, "monitoring"],
                    "needs replicationTime: true: S3 publishes the OperationsFailedReplication and ReplicationLatency metrics and the missed-threshold events only for rules with replication metrics, which Replication Time Control turns on; set replicationTime: true or remove monitoring");
            }
        });
    });
}
