/**
 * The model the server is scoring with right now, swapped atomically when another
 * version is promoted. Each request holds the model it started with until it settles;
 * a replaced model's session is freed only when its last request is done.
 */
import type { ServingModel } from "./model.ts";

/** Outcome of a reload. */
export interface ReloadResult {
  /** The version in use after the reload (undefined when none is in Production). */
  version: string | undefined;
  changed: boolean;
}

/** The served model and its swaps. */
export interface LiveModel {
  /** The model in use, if any. */
  current(): ServingModel | undefined;
  /**
   * Runs `fn` with the current model, keeping that model alive until `fn` settles;
   * rejects with {@link NoModelError} when none is loaded.
   */
  use<T>(fn: (model: ServingModel) => Promise<T>): Promise<T>;
  /** Loads the Production version if it differs from the one in use (serialised). */
  reload(): Promise<ReloadResult>;
  /** Time of the last successful load, and the last reload error if any. */
  status(): { loadedAt: string | undefined; lastError: string | undefined; reloads: number };
  /** Frees every session once its requests are done. */
  close(): Promise<void>;
}

/** Thrown by {@link LiveModel.use} when no version is loaded. */
export class NoModelError extends Error {
  constructor() {
    super(
      "No model is loaded: the served alias (@champion, i.e. Production, unless --alias) names no version",
    );
    this.name = "NoModelError";
  }
}

/** Where a live model gets its versions. */
export interface LiveModelSource {
  /** The version that should be served (the registry's Production version). */
  productionVersion(): Promise<string | undefined>;
  load(version: string): Promise<ServingModel>;
  clock?: () => Date;
}

interface Slot {
  model: ServingModel;
  inFlight: number;
  retired: boolean;
  released?: Promise<void>;
}

/** Creates a live model; call `reload()` once to load the first version. */
export function createLiveModel(source: LiveModelSource): LiveModel {
  const clock = source.clock ?? (() => new Date());
  let slot: Slot | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let loadedAt: string | undefined;
  let lastError: string | undefined;
  let reloads = 0;
  const retiring = new Set<Slot>();

  const releaseIfIdle = (s: Slot) => {
    if (s.retired && s.inFlight === 0 && s.released === undefined) {
      s.released = s.model.release().catch(() => {});
      retiring.delete(s);
    }
  };

  async function reloadNow(): Promise<ReloadResult> {
    try {
      const wanted = await source.productionVersion();
      if (wanted === slot?.model.version) return { version: wanted, changed: false };
      const next = wanted === undefined ? undefined : await source.load(wanted);
      const previous = slot;
      slot = next === undefined ? undefined : { model: next, inFlight: 0, retired: false };
      if (previous !== undefined) {
        previous.retired = true;
        retiring.add(previous);
        releaseIfIdle(previous);
      }
      loadedAt = clock().toISOString();
      lastError = undefined;
      reloads++;
      return { version: wanted, changed: true };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  return {
    current: () => slot?.model,
    async use(fn) {
      const held = slot;
      if (held === undefined) throw new NoModelError();
      held.inFlight++;
      try {
        return await fn(held.model);
      } finally {
        held.inFlight--;
        releaseIfIdle(held);
      }
    },
    reload() {
      const result = chain.then(reloadNow, reloadNow);
      chain = result.catch(() => {});
      return result;
    },
    status: () => ({ loadedAt, lastError, reloads }),
    async close() {
      await chain;
      if (slot !== undefined) {
        slot.retired = true;
        retiring.add(slot);
        releaseIfIdle(slot);
        slot = undefined;
      }
      await Promise.all([...retiring].map((s) => s.released));
    },
  };
}
