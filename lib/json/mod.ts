/** JSON files against zod schemas, with messages that name the file and every issue. */
export {
  formatZodIssues,
  parseJsonFile,
  type ParseJsonOptions,
  parseJsonText,
} from "./parse_file.ts";
