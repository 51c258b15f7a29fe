/**
 * Worker half of the leakage screen: scores the feature columns it is sent with
 * {@link screenFeature}, so the store's columns are screened on two cores at once.
 */
/// <reference lib="deno.worker" />
import type { ManifestFeature } from "../features/manifest/mod.ts";
import { type LeakageScore, screenFeature } from "./leakage.ts";

/** Columns to score, with the labels of the same rows. */
export interface ScreenRequest {
  features: ManifestFeature[];
  columns: Float64Array[];
  labels: Float64Array;
  minClassRows?: number;
}

/** One score (or null: not screened) per requested feature, in request order. */
export type ScreenResponse = (LeakageScore | null)[];

self.onmessage = (event: MessageEvent<ScreenRequest>) => {
  const { features, columns, labels, minClassRows } = event.data;
  const scores: ScreenResponse = features.map((feature, j) =>
    screenFeature(feature, columns[j], labels, { minClassRows })
  );
  self.postMessage(scores);
};
