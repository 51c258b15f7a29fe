/** `register`'s last step: decide on the promotion policy and set @champion if it says so. */
import type { GateResult } from "../evaluation/gate.ts";
import {
  decidePromotion,
  type PromotionDecision,
  type PromotionPolicy,
} from "./promotion_policy.ts";
import { readVersion } from "./store.ts";
import { readRegistryState } from "./registry_state.ts";
import { CHAMPION } from "./stage_names.ts";
import { promote } from "./transitions.ts";
import type { Transition } from "./registry_file.ts";

/** What `applyPromotionPolicy` needs about the version just registered. */
export interface ApplyPromotionInput {
  version: string;
  policy: PromotionPolicy;
  gate: GateResult;
  /** The champion the gate compared the candidate with, if any. */
  judgedAgainst: string | undefined;
  /** Params keys the run set with `--set-param`. */
  setParamKeys: readonly string[];
}

/** The decision, the transitions made (none when not promoted) and one line per event. */
export interface AppliedPromotion {
  decision: PromotionDecision;
  transitions: Transition[];
  lines: string[];
}

/**
 * Promotes `input.version` to Production in the registry at `root` if the policy allows.
 * @example
 * const { lines } = await applyPromotionPolicy("data/registry", { version: "v0002",
 *   policy: "first", gate, judgedAgainst: "v0001", setParamKeys: [] });
 */
export async function applyPromotionPolicy(
  root: string,
  input: ApplyPromotionInput,
): Promise<AppliedPromotion> {
  const state = await readRegistryState(root);
  const decision = decidePromotion({
    ...input,
    untouched: !state.history.some((e) => e.from === input.version || e.to === input.version),
    champion: state.aliases[CHAMPION],
  });
  if (!decision.promote) {
    const { stage } = await readVersion(root, input.version, state);
    return {
      decision,
      transitions: [],
      lines: [`${input.version} stays in ${stage}: ${decision.reason}`],
    };
  }
  const transitions = await promote(root, input.version, "Production", { reason: decision.reason });
  const lines = transitions.map((t) => `${t.version}: ${t.from} → ${t.to} (${t.reason})`);
  return { decision, transitions, lines };
}
