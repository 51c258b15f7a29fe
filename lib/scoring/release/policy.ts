/**
 * The release policy (`serve.release`): which versions one server runs and how requests
 * meet them. `single` serves @champion alone; `shadow` also scores every request with the
 * challenger off the response path; `canary` sends `weight`% of applicants (sticky by
 * their id) to the challenger.
 * @example
 * const policy = parseReleasePolicy({ mode: "canary", challenger: "@challenger", weight: 10 }, "serve.release");
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ALIAS_NAME } from "../../registry/aliases.ts";

/** The value of `sticky_by` that means "the version's key column" (SK_ID_CURR, …). */
export const STICKY_BY_KEY = "id";

const VERSION_NAME = /^v\d{4,}$/;

const Challenger = z.string().refine(
  (text) => text.startsWith("@") ? ALIAS_NAME.test(text.slice(1)) : VERSION_NAME.test(text),
  'must be an alias ("@challenger") or a version ("v0007")',
);

/** Schema of `serve.release` (snake_case, as in pipeline.yaml). */
export const ReleasePolicySchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("single") }),
  z.strictObject({
    mode: z.literal("shadow"),
    challenger: Challenger.default("@challenger"),
  }),
  z.strictObject({
    mode: z.literal("canary"),
    challenger: Challenger.default("@challenger"),
    weight: z.number().min(0, "must be 0 to 100").max(100, "must be 0 to 100"),
    sticky_by: z.string().min(1, "must name a request field").default(STICKY_BY_KEY),
  }),
]);

/** A checked release policy. */
export type ReleasePolicy = z.infer<typeof ReleasePolicySchema>;

/** The policy of a server that runs one version (no `--release`). */
export const SINGLE_RELEASE: ReleasePolicy = { mode: "single" };

/** Raised when a release policy breaks a rule; the message names the param. */
export class ReleasePolicyError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "ReleasePolicyError";
  }
}

/**
 * Checks `value` against {@link ReleasePolicySchema}; the error names every bad param
 * under `where` (`serve.release.weight: must be 0 to 100`).
 */
export function parseReleasePolicy(value: unknown, where = "serve.release"): ReleasePolicy {
  const result = ReleasePolicySchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].join(".");
    return `${path}: ${issue.message}`;
  });
  throw new ReleasePolicyError(`Invalid release policy: ${problems.join("; ")}`);
}

/**
 * Reads a release policy file (YAML or JSON): either the policy itself, or a
 * pipeline.yaml-shaped file whose `params.serve.release` holds it.
 */
export async function readReleasePolicy(path: string): Promise<ReleasePolicy> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ReleasePolicyError(`Cannot read release policy ${path}: ${why}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ReleasePolicyError(`Cannot read release policy ${path}: ${why}`);
  }
  const nested = pipelineRelease(value);
  try {
    return parseReleasePolicy(nested ?? value);
  } catch (error) {
    if (error instanceof ReleasePolicyError) {
      throw new ReleasePolicyError(`${error.message} (in ${path})`);
    }
    throw error;
  }
}

function pipelineRelease(value: unknown): unknown {
  const params = record(value)?.params;
  return record(record(params)?.serve)?.release;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}
