/** Status badges of the drift site. */
import { badge, type Html } from "../../report/mod.ts";
import type { DriftStatus } from "../stats/mod.ts";

/** A coloured badge for a drift status ("small-window" is neutral). */
export function statusBadge(status: DriftStatus): Html {
  return badge(status, status === "small-window" ? undefined : status);
}
