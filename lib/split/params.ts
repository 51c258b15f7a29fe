/** The `split` section of the params. */
import { z } from "zod";

/** params.split */
export const SplitParams = z.strictObject({
  /** Share of the rows in the test part. */
  test_size: z.number().gt(0).lt(1).default(0.2),
  seed: z.number().int().default(7),
  /** Largest tolerated gap between the parts' target rates. */
  target_rate_tolerance: z.number().min(0).default(0.01),
  /** A feature separating the target better than this AUC is refused as leakage. */
  leakage_auc_max: z.number().gt(0.5).max(1).default(0.99),
});
export type SplitParams = z.infer<typeof SplitParams>;
