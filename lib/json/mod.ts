/**
 * JSON files against zod schemas, with messages that name the file and every issue (a
 * syntax error with its line and column).
 */
export {
  formatZodIssues,
  parseJsonFile,
  type ParseJsonOptions,
  parseJsonText,
} from "./parse_file.ts";
export { describeJsonSyntaxError, parseJsonValue } from "./syntax_error.ts";
