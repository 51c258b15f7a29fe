/**
 * State a stage changes on purpose (`writes_state:`). `register` promotes the candidate
 * that `evaluate` judged; the champion then differs from the one `evaluate` read, yet
 * its verdict is what moved it: re-running `evaluate` would only compare the new
 * champion with itself. So when a writer changes a state from `before` to `after`, every
 * stage upstream of it whose lock entry recorded `before` is re-recorded with `after`.
 * A change from anywhere else (`registry promote`, `rollback`) still makes them stale.
 */
import type { LockEntry } from "../store/lock.ts";
import type { StateValue } from "./state.ts";

/** What accepting a writer's changes needs from the repro. */
export interface StateWriteContext {
  /** Direct upstream stages of a stage. */
  upstream: (stage: string) => string[];
  lockEntry: (stage: string) => LockEntry | undefined;
  commitLockEntry: (stage: string, entry: LockEntry) => void;
  /**
   * Saves the re-recorded entry in the run-cache too, so that coming back to these inputs
   * later (reverting a `--set-param` experiment) restores the stage instead of re-running it.
   */
  saveRun: (stage: string, entry: LockEntry) => void;
  log: (line: string) => void;
}

/**
 * Re-records the state the writer changed in the lock entries of its upstream stages that
 * had recorded the value it acted on; returns the names of the stages re-recorded.
 */
export function acceptStateWrites(
  context: StateWriteContext,
  writer: string,
  before: Record<string, StateValue>,
  after: Record<string, StateValue>,
): string[] {
  const accepted: string[] = [];
  for (const [name, value] of Object.entries(after)) {
    const previous = before[name];
    if (previous === undefined || (previous.id === value.id && previous.hash === value.hash)) {
      continue;
    }
    for (const stage of allUpstream(context.upstream, writer)) {
      const entry = context.lockEntry(stage);
      const recorded = entry?.state?.[name];
      if (entry === undefined || recorded === undefined) continue;
      if (recorded.id !== previous.id || recorded.hash !== previous.hash) continue;
      const acceptedEntry = { ...entry, state: { ...entry.state, [name]: value } };
      context.commitLockEntry(stage, acceptedEntry);
      context.saveRun(stage, acceptedEntry);
      context.log(
        `Stage "${stage}" stays up to date: stage "${writer}" changed state "${name}" ` +
          `(${previous.id} → ${value.id}) on its results`,
      );
      accepted.push(stage);
    }
  }
  return accepted;
}

function allUpstream(upstream: (stage: string) => string[], start: string): string[] {
  const seen = new Set<string>();
  const queue = [...upstream(start)];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...upstream(name));
  }
  return [...seen].sort();
}
