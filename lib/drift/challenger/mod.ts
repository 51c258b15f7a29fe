/**
 * Champion against challenger over a window of shadow pairs: the pairs (rows sharing a
 * pair id), and the comparison the drift site's challenger page shows.
 */
export {
  type ChallengerComparison,
  type ChallengerReport,
  compareChallenger,
  compareVersions,
  type LatencySummary,
} from "./compare.ts";
export {
  type PairedRow,
  type PairSide,
  type ShadowPairs,
  shadowPairs,
  type VersionPairs,
} from "./pairs.ts";
