/** The inference log as the server sees it (the types of lib/inference_log/). */
export type { InferenceRecord, LogStats, LogStore } from "../inference_log/mod.ts";
