/**
 * Runs planned stages over the dependency graph with bounded parallelism: a stage starts
 * once every planned upstream stage has finished successfully, at most `jobs` at a time.
 * After a failure, nothing new starts (or, with keepGoing, only stages whose upstream
 * did not fail); the stages never started are reported as not run with the reason.
 */

/** How one scheduled task ended: ok lets downstream start, failed blocks it. */
export type TaskEnd = "ok" | "failed";

/** Options of `schedule`. */
export interface ScheduleOptions {
  /** Planned stages in topological order. */
  order: string[];
  /** Direct upstream stages of a stage (stages outside `order` are ignored). */
  upstream: (name: string) => string[];
  /** Maximum number of tasks at once (at least 1). */
  jobs: number;
  /** Keep starting stages whose upstream did not fail. */
  keepGoing: boolean;
  /** Runs one stage; a thrown error counts as failed. */
  run: (name: string) => Promise<TaskEnd>;
  /** Once aborted, no new stage starts (running ones are left to end). */
  signal?: AbortSignal;
}

/** Stages that never started, with the reason. */
export type NotRun = Map<string, string>;

/**
 * Runs every stage of `order` that it can and returns those it could not start.
 * @example
 * const notRun = await schedule({ order, upstream: graph.upstream, jobs: 4, keepGoing, run });
 */
export async function schedule(options: ScheduleOptions): Promise<NotRun> {
  const planned = new Set(options.order);
  const waitingOn = new Map<string, Set<string>>();
  for (const name of options.order) {
    waitingOn.set(name, new Set(options.upstream(name).filter((up) => planned.has(up))));
  }
  const done = new Map<string, TaskEnd>();
  const notRun: NotRun = new Map();
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const jobs = Math.max(1, Math.floor(options.jobs));

  const blockedBy = (name: string): string | undefined => {
    for (const up of waitingOn.get(name) ?? []) {
      if (done.get(up) === "failed" || notRun.has(up)) return up;
    }
    return undefined;
  };

  while (true) {
    for (const name of options.order) {
      if (done.has(name) || running.has(name) || notRun.has(name)) continue;
      const blocker = blockedBy(name);
      if (blocker !== undefined) {
        notRun.set(name, `upstream stage "${blocker}" did not succeed`);
        continue;
      }
      if (stopped || options.signal?.aborted || running.size >= jobs) continue;
      if ([...waitingOn.get(name)!].some((up) => done.get(up) !== "ok")) continue;
      const task = options.run(name).catch(() => "failed" as const).then((end) => {
        done.set(name, end);
        running.delete(name);
        if (end === "failed" && !options.keepGoing) stopped = true;
      });
      running.set(name, task);
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  const reason = options.signal?.aborted
    ? "repro interrupted"
    : "repro stopped after a failure (use --keep-going to continue)";
  for (const name of options.order) {
    if (!done.has(name) && !notRun.has(name)) notRun.set(name, reason);
  }
  return notRun;
}
