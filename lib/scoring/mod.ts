/**
 * Batch scoring: a CSV or parquet file scored with a registered version (the API's
 * validation, features and tiers), written to parquet, bad rows listed rather than fatal.
 */
export { scoreFile, type ScoreFileOptions, type ScoreFileResult } from "./score_file.ts";
export { type InputChunk, openScoringInput, type ScoringInput } from "./input.ts";
export {
  openScoresWriter,
  REASONS,
  scoreColumns,
  type ScoredRow,
  type ScoresWriter,
  type ScoresWriterOptions,
} from "./output.ts";
export { type BadRowIssue, createIssueCollector, type InputIssues } from "./issues.ts";
