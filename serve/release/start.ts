/**
 * Start-up of a release for serve/main.ts: reads the policy file, checks that the
 * challenger it names exists (an alias naming no version, or an unknown version, stops
 * the start naming the param), and loads the challenger beside the champion. A challenger
 * that fails to load does not stop the start: the champion serves alone and /health says why.
 */
import { createLiveModel, type LiveModel } from "../../lib/scoring/live_model.ts";
import { loadServingModel } from "../../lib/scoring/model.ts";
import { challengerVersion, requireChallenger } from "../../lib/scoring/release/challenger.ts";
import {
  readReleasePolicy,
  type ReleasePolicy,
  SINGLE_RELEASE,
} from "../../lib/scoring/release/policy.ts";

/** The policy and the challenger's live model (absent in a single release). */
export interface StartedRelease {
  policy: ReleasePolicy;
  challenger: LiveModel | undefined;
  /** One line for the start-up log. */
  summary: string;
}

/** Reads `policyPath` (undefined: single) and loads the challenger from `registry`. */
export async function startRelease(
  registry: string,
  policyPath: string | undefined,
): Promise<StartedRelease> {
  const policy = policyPath === undefined ? SINGLE_RELEASE : await readReleasePolicy(policyPath);
  if (policy.mode === "single") return { policy, challenger: undefined, summary: "single" };
  const spec = policy.challenger;
  await requireChallenger(registry, spec);
  const challenger = createLiveModel({
    productionVersion: () => challengerVersion(registry, spec),
    load: (version) => loadServingModel(registry, version),
  });
  const mode = policy.mode === "canary" ? `canary ${policy.weight}%` : "shadow";
  try {
    const { version } = await challenger.reload();
    return { policy, challenger, summary: `${mode}, challenger ${version} (${spec})` };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      policy,
      challenger,
      summary: `${mode}, but challenger ${spec} failed to load (the champion serves alone): ${why}`,
    };
  }
}
