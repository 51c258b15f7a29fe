/**
 * reports/monitor/status.json: one entry per check of the latest window, with its value,
 * threshold and verdict. The zod schema is the contract readers (CI, an alert hook) parse.
 */
import { z } from "zod";

/** What a check concluded: within its threshold, past it, or not judged (with a reason). */
export const CheckStatus = z.enum(["ok", "alert", "skipped"]);
/** A check's verdict. */
export type CheckStatus = z.infer<typeof CheckStatus>;

/** One check of the window against one `monitor.*` threshold. */
export const MonitorCheck = z.object({
  /** input_drift, prediction_drift, realised_auc or outlier_rate. */
  name: z.string(),
  /** The dotted params key of the threshold. */
  param: z.string(),
  /** The measured value; null when the check was skipped. */
  value: z.number().nullable(),
  threshold: z.number(),
  status: CheckStatus,
  /** Why the check was skipped, or what the alert means. */
  reason: z.string().optional(),
});
/** One check's entry. */
export type MonitorCheck = z.infer<typeof MonitorCheck>;

/** The whole status file. */
export const MonitorStatus = z.object({
  formatVersion: z.literal(1),
  generatedAt: z.string(),
  /** "alert" when any check alerted, else "ok". */
  status: z.enum(["ok", "alert"]),
  modelVersion: z.string().optional(),
  window: z.object({
    source: z.string(),
    rows: z.number().int().min(0),
    from: z.string().optional(),
    to: z.string().optional(),
  }),
  checks: z.array(MonitorCheck),
});
/** The parsed status file. */
export type MonitorStatus = z.infer<typeof MonitorStatus>;

/**
 * The exit code of a monitor run: 1 on an alert, else 0.
 * @example
 * ```ts
 * import { monitorExitCode } from "./status.ts";
 * if (monitorExitCode({ status: "alert" }) !== 1) throw new Error("an alert exits 1");
 * ```
 */
export function monitorExitCode(status: Pick<MonitorStatus, "status">): 0 | 1 {
  return status.status === "alert" ? 1 : 0;
}
