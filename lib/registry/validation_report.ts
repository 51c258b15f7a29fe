/**
 * Where a version keeps its model validation report: the register stage copies the
 * evaluate stage's validation.html and validation.json into it as judgements, named
 * like the other evaluation files (`evaluation_` + the file name).
 */
import { join } from "node:path";
import { VALIDATION_HTML, VALIDATION_JSON } from "../evaluation/validation/schema.ts";
import type { VersionInfo } from "./store.ts";

/** The version artifact holding the validation page. */
export const VALIDATION_HTML_ARTIFACT = `evaluation_${VALIDATION_HTML}`;
/** The version artifact holding the validation data. */
export const VALIDATION_JSON_ARTIFACT = `evaluation_${VALIDATION_JSON}`;

/**
 * The path of the version's validation page; undefined for a version registered before
 * the report existed (or imported, which no evaluation judged).
 */
export function validationReportPath(
  info: Pick<VersionInfo, "dir" | "artifacts">,
): string | undefined {
  return VALIDATION_HTML_ARTIFACT in info.artifacts
    ? join(info.dir, VALIDATION_HTML_ARTIFACT)
    : undefined;
}
