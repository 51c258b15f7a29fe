/**
 * `--every`: the monitor job on a schedule, driven by croner (a cron library), not a
 * timer loop of our own. An interval becomes the cron pattern a crontab would hold
 * (`1h` → minute 0 of every hour), so a run lands on the same boundaries as the README's
 * cron line and systemd timer.
 */
import { Cron } from "croner";

const EVERY = /^(\d+)(s|m|h|d)$/;

/**
 * The 6-field cron pattern (seconds first) of an interval that divides its unit evenly:
 * seconds and minutes dividing 60, hours dividing 24, or one day.
 * @example
 * ```ts
 * import { everyToCron } from "./schedule.ts";
 * if (everyToCron("1d") !== "0 0 0 * * *") throw new Error(everyToCron("1d"));
 * ```
 */
export function everyToCron(every: string): string {
  const match = EVERY.exec(every);
  const n = match === null ? NaN : Number(match[1]);
  const unit = match?.[2];
  const divides = (whole: number) => n > 0 && whole % n === 0;
  if (unit === "s" && divides(60)) return `*/${n} * * * * *`;
  if (unit === "m" && divides(60)) return `0 */${n} * * * *`;
  if (unit === "h" && divides(24)) return `0 0 */${n} * * *`;
  if (unit === "d" && n === 1) return "0 0 0 * * *";
  throw new RangeError(
    `Cannot schedule every ${JSON.stringify(every)}: ` +
      "expected Ns or Nm with N dividing 60, Nh with N dividing 24, or 1d",
  );
}

/** Options of {@link runOnSchedule}. */
export interface ScheduleOptions {
  /** An interval {@link everyToCron} accepts, e.g. "1h". */
  every: string;
  /** Stop after this many runs (default: run until the process is stopped). */
  maxRuns?: number;
  /** Told each run's exit code, or the error a run threw (the schedule goes on). */
  onRun?: (run: number, result: { code: number } | { error: unknown }) => void;
}

/**
 * Runs `job` at every tick of the schedule, one run at a time (a tick that finds the last
 * run still going is skipped); resolves with each run's exit code after `maxRuns` runs.
 * A run that throws counts as exit code 1.
 */
export function runOnSchedule(
  job: () => Promise<number>,
  options: ScheduleOptions,
): Promise<number[]> {
  const pattern = everyToCron(options.every);
  const maxRuns = options.maxRuns ?? Infinity;
  const codes: number[] = [];
  return new Promise((resolve) => {
    new Cron(pattern, { protect: true }, async (self: Cron) => {
      if (codes.length >= maxRuns) return;
      let code: number;
      try {
        code = await job();
        options.onRun?.(codes.length + 1, { code });
      } catch (error) {
        code = 1;
        options.onRun?.(codes.length + 1, { error });
      }
      codes.push(code);
      if (codes.length >= maxRuns) {
        self.stop();
        resolve(codes);
      }
    });
  });
}
