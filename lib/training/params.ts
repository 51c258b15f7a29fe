/** The `train` section of the params, validated once for the train stage. */
import { z } from "zod";

/** params.train */
export const TrainParams = z.object({
  /** Seed of the validation fold carved from the training split. */
  seed: z.number().int().default(11),
  /** Share of the training split held out for early stopping. */
  valid_fraction: z.number().gt(0).lt(1).default(0.15),
  /** GBDT params (XGBoost names); validated by the trainer itself. */
  gbdt: z.record(z.string(), z.unknown()).default({}),
  /** Logistic baseline params. */
  baseline: z.record(z.string(), z.unknown()).default({}),
  /** Largest tolerated |ONNX − TypeScript| probability difference on the validation fold. */
  onnx_tolerance: z.number().positive().default(1e-6),
});
export type TrainParams = z.infer<typeof TrainParams>;
