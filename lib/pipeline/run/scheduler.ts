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
 * ```ts
 * import { schedule } from "./scheduler.ts";
 * const upstream = (name: string) => (name === "train" ? ["split"] : []);
 * const ran: string[] = [];
 * const notRun = await schedule({
 *   order: ["split", "train"],
 *   upstream,
 *   jobs: 4,
 *   keepGoing: false,
 *   run: (name) => {
 *     ran.push(name);
 *     return Promise.resolve("ok");
 *   },
 * });
 * if (notRun.size !== 0 || ran.join() !== "split,train") throw new Error(`ran ${ran}`);
 * ```
 */
export async function schedule(options: ScheduleOptions): Promise<NotRun> {
  const position = new Map(options.order.map((name, i) => [name, i]));
  const pending = new Map<string, number>();
  const downstream = new Map<string, string[]>(options.order.map((name) => [name, []]));
  for (const name of options.order) {
    const ups = options.upstream(name).filter((up) => position.has(up));
    pending.set(name, ups.length);
    for (const up of ups) downstream.get(up)!.push(name);
  }
  // Ready stages, kept in topological (file) order so ties start as pipeline.yaml lists them.
  const ready = options.order.filter((name) => pending.get(name) === 0);
  const notRun: NotRun = new Map();
  const running = new Map<string, Promise<void>>();
  const finished = new Set<string>();
  const jobs = Math.max(1, Math.floor(options.jobs));
  let stopped = false;

  const markReady = (name: string) => {
    const at = position.get(name)!;
    let i = ready.length;
    while (i > 0 && position.get(ready[i - 1])! > at) i--;
    ready.splice(i, 0, name);
  };
  const block = (name: string) => {
    for (const next of downstream.get(name)!) {
      if (notRun.has(next)) continue;
      notRun.set(next, `upstream stage "${name}" did not succeed`);
      block(next);
    }
  };
  const finish = (name: string, end: TaskEnd) => {
    running.delete(name);
    finished.add(name);
    if (end === "failed") {
      block(name);
      if (!options.keepGoing) stopped = true;
      return;
    }
    for (const next of downstream.get(name)!) {
      const left = pending.get(next)! - 1;
      pending.set(next, left);
      if (left === 0 && !notRun.has(next)) markReady(next);
    }
  };

  while (true) {
    while (!stopped && !options.signal?.aborted && running.size < jobs && ready.length > 0) {
      const name = ready.shift()!;
      if (notRun.has(name)) continue;
      const task = options.run(name).catch(() => "failed" as const)
        .then((end) => finish(name, end));
      running.set(name, task);
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  const reason = options.signal?.aborted
    ? "repro interrupted"
    : "repro stopped after a failure (use --keep-going to continue)";
  for (const name of options.order) {
    if (!finished.has(name) && !notRun.has(name)) notRun.set(name, reason);
  }
  return notRun;
}
