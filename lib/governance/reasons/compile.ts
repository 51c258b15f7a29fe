/**
 * A reason table compiled against a model's features, once per loaded version: each
 * feature's group index in a typed array, so finding a row's principal reasons is one
 * pass over its contribution vector. A feature the table does not map is a group of its
 * own with no code, its text being the feature's name.
 */
import type { FeatureManifest } from "../../features/manifest/mod.ts";
import { closestName } from "../../pipeline/spec/closest_name.ts";
import { type ReasonTable, ReasonTableError } from "./table.ts";

/** One group of features sharing a reason. */
export interface ReasonGroup {
  /** The table's code; null for a feature the table does not map. */
  code: string | null;
  /** The table's text; the feature's own name when unmapped. */
  text: string;
  /** Its features (manifest indices, ascending). */
  members: Int32Array;
}

/** A reason table resolved against the features of one model. */
export interface ReasonIndex {
  /** Where the table came from (a path), or undefined when there is none. */
  source: string | undefined;
  /** The group of each feature (manifest order). */
  groupOf: Int32Array;
  /** The table's entries in table order, then one group per unmapped feature. */
  groups: readonly ReasonGroup[];
  /** The feature names, in manifest order. */
  names: readonly string[];
}

/**
 * Resolves `table` (read from `source`) against the model's `manifest`. Every problem is
 * collected and thrown at once as a ReasonTableError naming the entry and the rule: a name
 * or pattern that matches no feature, and a feature claimed by two entries. Without a
 * table, every feature is its own unmapped reason.
 * @example
 * ```ts
 * import { compileReasonIndex } from "./compile.ts";
 * import { parseReasonTable } from "./table.ts";
 * const manifest = {
 *   formatVersion: 1 as const, key: "ID", target: "y",
 *   features: ["EXT_SOURCE_1", "EXT_SOURCE_2", "AMT_CREDIT"].map((name) => ({
 *     name, type: "numeric" as const, source: "application_train", description: name,
 *   })),
 * };
 * const table = parseReasonTable(
 *   "formatVersion: 1\nreasons:\n  - { code: R01, text: External scores are low, features: [EXT_SOURCE*] }\n",
 *   "reasons.yaml",
 * );
 * const index = compileReasonIndex(manifest, table, "reasons.yaml");
 * // EXT_SOURCE_1 and _2 share R01; AMT_CREDIT is unmapped (code null)
 * if (index.groupOf[1] !== 0 || index.groups[index.groupOf[2]].code !== null) throw new Error();
 * ```
 */
export function compileReasonIndex(
  manifest: FeatureManifest,
  table?: ReasonTable,
  source?: string,
): ReasonIndex {
  const names = manifest.features.map((f) => f.name);
  const groupOf = new Int32Array(names.length).fill(-1);
  const groups: ReasonGroup[] = [];
  const problems: string[] = [];
  const byName = new Map(names.map((name, j) => [name, j]));
  for (const [i, entry] of (table?.reasons ?? []).entries()) {
    const where = `reasons.${i} (${entry.code})`;
    const members: number[] = [];
    entry.features.forEach((pattern, k) => {
      const matched = matchFeatures(pattern, names, byName);
      if (matched.length === 0) {
        problems.push(`${where} features.${k}: ${unmatched(pattern, names)}`);
      }
      for (const j of matched) {
        const owner = groupOf[j];
        if (owner === i) continue;
        if (owner >= 0) {
          problems.push(
            `${where} features.${k}: feature "${names[j]}" is already in reasons.${owner} (${
              groups[owner].code
            }); a feature may have one reason only`,
          );
          continue;
        }
        groupOf[j] = i;
        members.push(j);
      }
    });
    groups.push({ code: entry.code, text: entry.text, members: sortedIndices(members) });
  }
  if (problems.length > 0) throw new ReasonTableError(source ?? "(reason table)", problems);
  for (let j = 0; j < names.length; j++) {
    if (groupOf[j] >= 0) continue;
    groupOf[j] = groups.length;
    groups.push({ code: null, text: names[j], members: Int32Array.of(j) });
  }
  return { source: table === undefined ? undefined : source, groupOf, groups, names };
}

/** The features of the index no table entry maps, in manifest order. */
export function unmappedFeatures(index: ReasonIndex): string[] {
  return index.names.filter((_, j) => index.groups[index.groupOf[j]].code === null);
}

function matchFeatures(
  pattern: string,
  names: readonly string[],
  byName: Map<string, number>,
): number[] {
  if (!pattern.includes("*")) {
    const j = byName.get(pattern);
    return j === undefined ? [] : [j];
  }
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  const regex = new RegExp(`^${escaped.join(".*")}$`);
  return names.flatMap((name, j) => regex.test(name) ? [j] : []);
}

function unmatched(pattern: string, names: readonly string[]): string {
  if (pattern.includes("*")) return `pattern "${pattern}" matches no feature of the model`;
  const hint = closestName(pattern, names);
  return `"${pattern}" is not a feature of the model${
    hint === undefined ? "" : ` (did you mean ${hint}?)`
  }`;
}

function sortedIndices(indices: number[]): Int32Array {
  return Int32Array.from(indices).sort();
}
