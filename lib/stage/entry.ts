/**
 * Imported first by every stage entry file (`import "../lib/stage/entry.ts";`): an error
 * the stage does not catch, thrown at top level or in a promise, prints as one line
 * (`Stage failed: <message>`) and exits 1, or 2 for a param error, instead of Deno's
 * `Uncaught (in promise)` stack trace. RISKPIPE_DEBUG=1 adds the stack.
 */
import { failStage } from "./failure.ts";

globalThis.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  failStage(event.reason);
});

globalThis.addEventListener("error", (event) => {
  event.preventDefault();
  failStage(event.error);
});
