/**
 * Converting a formatVersion 1 registry (stages and their transitions) into alias moves:
 * Production becomes @champion, Staging @challenger. A demotion immediately followed (same
 * time) by a promotion into the same stage is one move (`from` the demoted version); a
 * demotion alone unsets the alias. Where the replayed transitions disagree with the
 * recorded stages, one more move makes them agree. Every move is marked `migrated`.
 */
import type { AliasMove } from "./history.ts";
import type { LegacyIndexFile, Transition } from "./registry_file.ts";
import { type ModelStage, STAGE_ALIASES } from "./stage_names.ts";

/** Who a migrated move is recorded as: formatVersion 1 kept no one. */
export const MIGRATED_BY = "unknown (formatVersion 1)";

/**
 * The alias moves a formatVersion 1 index stands for, oldest first.
 * @example
 * movesFromLegacy({ formatVersion: 1, stages: { v0001: "Production" }, history: [
 *   { time: "2026-01-01T00:00:00.000Z", version: "v0001", from: "None", to: "Production",
 *     reason: "promoted" }] }); // [{ alias: "champion", from: null, to: "v0001", … }]
 */
export function movesFromLegacy(index: LegacyIndexFile): AliasMove[] {
  const moves: AliasMove[] = [];
  const named: Record<string, string | undefined> = {};
  const move = (alias: string, to: string | null, at: string, reason: string) => {
    moves.push({
      alias,
      from: named[alias] ?? null,
      to,
      at,
      by: MIGRATED_BY,
      reason,
      migrated: true,
    });
    named[alias] = to ?? undefined;
  };
  const { history } = index;
  history.forEach((t, i) => {
    const left = STAGE_ALIASES[t.from];
    if (left !== undefined && named[left] === t.version && !replacedNext(t, history[i + 1])) {
      move(left, null, t.time, t.reason);
    }
    const entered = STAGE_ALIASES[t.to];
    if (entered !== undefined && named[entered] !== t.version) {
      move(entered, t.version, t.time, t.reason);
    }
  });
  const at = history.at(-1)?.time ?? new Date(0).toISOString();
  for (const [stage, alias] of Object.entries(STAGE_ALIASES)) {
    const holders = Object.keys(index.stages).filter((id) => index.stages[id] === stage).sort();
    const current = named[alias];
    if (current !== undefined && holders.includes(current)) continue;
    const wanted = holders.at(-1) ?? null;
    if (wanted !== (current ?? null)) {
      move(alias, wanted, at, `registry.json recorded ${wanted ?? "no version"} in ${stage}`);
    }
  }
  return moves;
}

function replacedNext(t: Transition, next: Transition | undefined): boolean {
  return next !== undefined && next.time === t.time && next.to === t.from &&
    next.version !== t.version && (STAGE_ALIASES[next.to as ModelStage] !== undefined);
}
