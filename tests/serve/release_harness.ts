/**
 * The app over a fixture registry holding two versions, @champion and @challenger (the
 * same trees with other tiers), and a release policy; the challenger's load can be
 * replaced by a test double (a slow scorer, a load that fails).
 */
import { createLiveModel, type LiveModel, loadServingModel } from "../../lib/scoring/mod.ts";
import type { ServingModel } from "../../lib/scoring/model.ts";
import { challengerVersion } from "../../lib/scoring/release/challenger.ts";
import { parseReleasePolicy } from "../../lib/scoring/release/policy.ts";
import { type ServingFixture, servingFixture } from "../scoring/serving_fixture.ts";
import { type Harness, harness } from "./harness.ts";
import type { AppDeps } from "../../serve/app.ts";

/** Tiers of the challenger version: its answers are told apart by tier names. */
export const CHALLENGER_TIERS = { names: ["ok", "risky"], thresholds: [0.1] };

/** A fixture with a second version registered as @challenger. */
export interface TwoVersions {
  fixture: ServingFixture;
  champion: string;
  challenger: string;
}

/** Builds a private fixture and registers the challenger beside its champion. */
export async function twoVersions(): Promise<TwoVersions> {
  const fixture = await servingFixture({ fresh: true });
  const champion = (await challengerVersion(fixture.registry, "@champion"))!;
  const challenger = await fixture.registerAgain(CHALLENGER_TIERS, "Staging");
  return { fixture, champion, challenger };
}

/** A harness with its challenger live model. */
export interface ReleaseHarness extends Harness {
  challenger: LiveModel;
}

/**
 * The app under `release` (snake_case, as in a policy file). `load` replaces the
 * challenger's loader (default: loadServingModel).
 */
export async function releaseHarness(
  versions: TwoVersions,
  release: unknown,
  options: {
    load?: (version: string) => Promise<ServingModel>;
    spec?: string;
    deps?: Partial<AppDeps>;
  } = {},
): Promise<ReleaseHarness> {
  const registry = versions.fixture.registry;
  const policy = parseReleasePolicy(release);
  const spec = options.spec ?? "@challenger";
  const challenger = createLiveModel({
    productionVersion: () => challengerVersion(registry, spec),
    load: options.load ?? ((version) => loadServingModel(registry, version)),
  });
  await challenger.reload().catch(() => {});
  const h = await harness(
    { challenger, release: policy, registry, ...options.deps },
    Promise.resolve(versions.fixture),
  );
  return {
    ...h,
    challenger,
    [Symbol.asyncDispose]: async () => {
      await h[Symbol.asyncDispose]();
      await challenger.close();
    },
  };
}

/** A gate a test double waits on: `open()` lets every waiter through. */
export interface Gate {
  wait(): Promise<void>;
  open(): void;
  waiting(): number;
}

/** A closed gate. */
export function gate(): Gate {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => release = resolve);
  let waiting = 0;
  return {
    async wait() {
      waiting++;
      await opened;
    },
    open: () => release(),
    waiting: () => waiting,
  };
}

/** `model` whose scorer waits for `g` before it scores (a slow challenger). */
export function slowScorer(model: ServingModel, g: Gate): ServingModel {
  const scorer = model.scorer;
  return {
    ...model,
    scorer: {
      ...scorer,
      // Copied first, as the real scorer does: the caller reuses its buffer at once.
      score: async (values, rows) => {
        const copy = values.slice();
        await g.wait();
        return await scorer.score(copy, rows);
      },
    },
  };
}
