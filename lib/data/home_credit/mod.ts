/** The synthetic Home Credit data set: its generator (generator/mod.ts). */
export * from "./generator/mod.ts";
