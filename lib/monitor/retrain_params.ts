/**
 * The `monitor.retrain` params: which labelled logged rows `deno task monitor --retrain`
 * adds to the reference data, and how many it needs. The zod schema is the single source
 * of the defaults and rules; a bad value fails naming its dotted key.
 */
import { z } from "zod";

const DURATION = /^(\d+(?:\.\d+)?)(d|h|m)$/;

/** A length of time: a number and d (days), h (hours) or m (minutes), e.g. "90d". */
const Duration = z.string().refine((text) => DURATION.test(text), {
  message: 'Must be a duration such as "90d", "12h" or "30m"',
});

/** `monitor.retrain`. */
export const RetrainParams = z.strictObject({
  /** Span of scoring time whose labelled rows are taken, ending `label_delay` before now. */
  window: Duration.default("90d"),
  /**
   * Only rows scored at least this long ago: their outcomes have had time to arrive, so the
   * early defaults do not outweigh the goods. Absent: `monitor.performance.label_delay`.
   */
  label_delay: Duration.optional(),
  /** Fewer qualifying labelled rows than this: no retrain (exit 3). */
  min_labelled_rows: z.number().int().min(1).default(100),
});
/** Resolved `monitor.retrain` params. */
export type RetrainParams = z.infer<typeof RetrainParams>;
