/**
 * The stages of before, read off the aliases: a version holding @champion is in
 * Production, one holding @challenger in Staging; one holding neither is Archived when
 * it held one of them before, else None. Other aliases do not change a stage. Alias
 * moves read as the stage transitions they amount to, so `promote`'s output and the
 * stage history keep the shape they had.
 */
import type { AliasMove } from "./history.ts";
import type { Transition } from "./registry_file.ts";
import { CHALLENGER, CHAMPION, type ModelStage } from "./stage_names.ts";

/** Aliases and the versions that ever held a stage alias, replayed from moves. */
export interface StageReplay {
  aliases: Record<string, string>;
  staged: Set<string>;
}

/** An empty replay, before any move. */
export function emptyReplay(): StageReplay {
  return { aliases: {}, staged: new Set() };
}

/** The stage of `version` in a replay. */
export function stageIn(replay: StageReplay, version: string): ModelStage {
  if (replay.aliases[CHAMPION] === version) return "Production";
  if (replay.aliases[CHALLENGER] === version) return "Staging";
  return replay.staged.has(version) ? "Archived" : "None";
}

/** Applies one move to a replay (in place). */
export function applyMove(replay: StageReplay, move: AliasMove): void {
  if (move.to === null) delete replay.aliases[move.alias];
  else {
    replay.aliases[move.alias] = move.to;
    if (move.alias === CHAMPION || move.alias === CHALLENGER) replay.staged.add(move.to);
  }
}

/** Replays `moves` from the start. */
export function replayStages(moves: readonly AliasMove[]): StageReplay {
  const replay = emptyReplay();
  for (const move of moves) applyMove(replay, move);
  return replay;
}

/**
 * The stage transitions `added` makes after `replay` (which it advances): per move, the
 * version that lost the alias first, then the one that gained it.
 */
export function stageTransitions(
  replay: StageReplay,
  added: readonly AliasMove[],
): Transition[] {
  const made: Transition[] = [];
  for (const move of added) {
    const touched = [move.from, move.to].filter((v): v is string => v !== null);
    const before = touched.map((v) => stageIn(replay, v));
    applyMove(replay, move);
    touched.forEach((version, i) => {
      const to = stageIn(replay, version);
      if (to === before[i]) return;
      const reason = version === move.from && move.to !== null
        ? `replaced by ${move.to}`
        : move.reason;
      made.push({ time: move.at, version, from: before[i], to, reason });
    });
  }
  return made;
}
