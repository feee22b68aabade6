// What the fake-AWS mocks do not record: each registration's parent and dependencies. Wraps the
// mock monitor's registerResource once mocks are installed (the request carries both).
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
    type: string;
    name: string;
    parent: string;
    dependencies: string[];
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
}

interface MonitorLike {
    registerResource(req: RegisterRequest, callback: (...args: unknown[]) => void): unknown;
}

export class RegistrationLog {
    readonly entries: Registration[] = [];

    /** Call after installFakeAwsMocks (setMocks replaces the monitor). */
    static attach(): RegistrationLog {
        const log = new RegistrationLog();
        const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike | undefined;
        if (monitor === undefined) {
            throw new Error("RegistrationLog.attach(): no monitor; install the mocks first");
        }
        const original = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req, callback) => {
            log.entries.push({ type: req.getType(), name: req.getName(), parent: req.getParent(), dependencies: req.getDependenciesList() });
            return original(req, callback);
        };
        return log;
    }

    named(name: string): Registration {
        const found = this.entries.filter((e) => e.name === name);
        if (found.length !== 1) {
            throw new Error(`expected one registration named "${name}", found ${found.length}`);
        }
        return found[0];
    }

    reset(): void {
        this.entries.length = 0;
    }
}
