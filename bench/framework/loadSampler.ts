// Samples the 1-minute load average during a run: start and end alone miss other work that came and went.
import * as os from "os";
import { median } from "./stats";
import { LoadFigures } from "./report";

const EVERY_MS = 5_000;

export class LoadSampler {
    private readonly samples: number[] = [os.loadavg()[0]];
    private readonly timer: NodeJS.Timeout;

    constructor() {
        this.timer = setInterval(() => this.samples.push(os.loadavg()[0]), EVERY_MS);
        this.timer.unref();
    }

    stop(): void {
        clearInterval(this.timer);
        this.samples.push(os.loadavg()[0]);
    }

    figures(): LoadFigures {
        return {
            atStart: this.samples[0],
            atEnd: this.samples[this.samples.length - 1],
            median: median(this.samples),
            max: Math.max(...this.samples),
        };
    }
}
