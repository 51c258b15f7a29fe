/** The validation report's static page, rendered from validation.json with lib/report. */
export { renderValidationReport } from "./page.ts";
