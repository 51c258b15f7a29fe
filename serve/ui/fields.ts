/**
 * The applicant form's fields, from the served version's contract: each request field
 * with its type, range, levels and whether it may be left empty (missing), grouped for
 * a Home Credit version by HOME_CREDIT_GROUPS and in one group for a csv version.
 */
import type { ColumnContract } from "../../lib/contracts/mod.ts";
import type { ServingInfo } from "../../lib/registry/serving_info.ts";
import { HOME_CREDIT_GROUPS, OTHER_GROUP } from "./home_credit_groups.ts";

/** One input of the form. */
export interface UiField {
  name: string;
  type: ColumnContract["type"];
  /** Whether the field may be left empty: it is then sent as missing. */
  optional: boolean;
  min?: number;
  max?: number;
  /** The allowed levels of a category (a csv version scores another one as missing). */
  levels?: readonly string[];
  /** Values outside the range the contract also accepts (e.g. DAYS_EMPLOYED 365243). */
  sentinels?: readonly number[];
  description?: string;
}

/** A titled group of inputs. */
export interface UiGroup {
  title: string;
  fields: UiField[];
}

/** The title of a csv version's single group. */
export const CSV_GROUP = "Applicant";

/**
 * The request fields of a version (the target and the other omitted fields left out).
 * A csv version reads every field as its file held it, so each may be missing.
 */
export function uiFields(info: Pick<ServingInfo, "contract" | "omit" | "csv">): UiField[] {
  const skip = new Set([...info.omit, ...(info.csv ? [info.csv.targetColumn] : [])]);
  return info.contract.columns.filter((c) => !skip.has(c.name)).map((c) => ({
    name: c.name,
    type: c.type,
    optional: info.csv !== undefined || c.nullable,
    ...(c.min === undefined ? {} : { min: c.min }),
    ...(c.max === undefined ? {} : { max: c.max }),
    ...(c.levels === undefined ? {} : { levels: c.levels }),
    ...(c.sentinels === undefined || c.sentinels.length === 0 ? {} : { sentinels: c.sentinels }),
    ...(c.description === undefined ? {} : { description: c.description }),
  }));
}

/**
 * The form's groups: a Home Credit version's fields by the grouping table (empty groups
 * dropped, unknown fields in "Other"), a csv version's in one group, in contract order.
 */
export function uiGroups(
  info: Pick<ServingInfo, "source" | "contract" | "omit" | "csv">,
): UiGroup[] {
  const fields = uiFields(info);
  if (info.source === "csv") return [{ title: CSV_GROUP, fields }];
  const groups: UiGroup[] = [...HOME_CREDIT_GROUPS, { title: OTHER_GROUP }].map((g) => ({
    title: g.title,
    fields: [],
  }));
  for (const field of fields) {
    const at = HOME_CREDIT_GROUPS.findIndex((g) => g.match.test(field.name));
    groups[at === -1 ? groups.length - 1 : at].fields.push(field);
  }
  return groups.filter((g) => g.fields.length > 0);
}
