/** The id of the request being answered: the access log's, when it gave one, else a new one. */
import type { Context } from "hono";
import type { ServeContext } from "./context.ts";
import "./middleware/access_log.ts";

/** Returns the request's id (the one its access-log line carries, when logging is on). */
export function requestIdOf(c: Context, ctx: ServeContext): string {
  return c.get("requestId") ?? ctx.requestId();
}
