/**
 * Blue-green rollback by the admin API: moves an alias (default @champion) back to the
 * version it named before, through the registry's own `rollbackAlias` (so the move is in
 * the history, by "admin-api"), then reloads the live models at once instead of waiting
 * for the watcher.
 */
import { rollbackAlias } from "../../lib/registry/transitions.ts";
import { checkAliasName } from "../../lib/registry/aliases.ts";
import type { ServeContext } from "../context.ts";
import { HttpError } from "../http_error.ts";

/** What a rollback did. */
export interface RollbackOutcome {
  alias: string;
  from: string;
  to: string;
  /** The champion served after the reload. */
  serving: string | null;
}

/** Who the history records for a move made through the admin API. */
export const ADMIN_ACTOR = "admin-api";

/** Rolls `body.alias` (default champion) back and reloads; 409 when the registry refuses. */
export async function rollbackServed(ctx: ServeContext, body: unknown): Promise<RollbackOutcome> {
  if (ctx.registry === undefined) {
    throw new HttpError(409, "Cannot roll back: the server was started without a registry");
  }
  const fields = typeof body === "object" && body !== null && !Array.isArray(body)
    ? body as Record<string, unknown>
    : {};
  const alias = optionalText(fields, "alias") ?? "champion";
  const reason = optionalText(fields, "reason");
  let name: string;
  try {
    name = checkAliasName(alias);
  } catch (error) {
    throw new HttpError(422, `Field "alias": ${(error as Error).message}`);
  }
  let change;
  try {
    change = await rollbackAlias(ctx.registry, {
      alias: name,
      by: ADMIN_ACTOR,
      ...(reason === undefined ? {} : { reason }),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new HttpError(409, error.message);
    throw error;
  }
  const [entry] = change.entries;
  await ctx.model.reload();
  await ctx.release.challenger?.reload().catch(() => {});
  return {
    alias: name,
    from: entry.from ?? "",
    to: entry.to ?? "",
    serving: ctx.model.current()?.version ?? null,
  };
}

function optionalText(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") {
    throw new HttpError(422, `Field "${name}": expected a non-empty string`);
  }
  return value;
}
