/** Experiment names: the rule a given name must follow, and fresh generated ones. */
import { ExperimentError } from "./errors.ts";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Throws unless `name` can name an experiment (it becomes a file name). */
export function assertExperimentName(name: string): void {
  if (!NAME.test(name)) {
    throw new ExperimentError(
      `Cannot name experiment "${name}": a name is 1–100 letters, digits, ".", "_" or "-", ` +
        "starting with a letter or digit",
    );
  }
}

/**
 * A generated name not in `taken`: `exp-` and five random hex digits, as DVC's are short.
 * @example
 * ```ts
 * import { generateExperimentName } from "./names.ts";
 * const name = generateExperimentName(new Set());
 * if (!/^exp-[0-9a-f]{5,}$/.test(name)) throw new Error(name);
 * ```
 */
export function generateExperimentName(taken: ReadonlySet<string>): string {
  for (let digits = 5;; digits++) {
    for (let tries = 0; tries < 20; tries++) {
      const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(digits / 2)));
      const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
      const name = `exp-${hex.slice(0, digits)}`;
      if (!taken.has(name)) return name;
    }
  }
}
