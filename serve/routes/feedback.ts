/**
 * POST /feedback: outcomes (ground truth) of served predictions, one or a batch
 * (`{ outcomes: [...] }`), behind the admin token when one is set. The good rows of a
 * batch are stored and the bad ones listed with their reasons: 200 when no row was
 * rejected, 422 (the same summary, with every issue) when any was. Resending a batch is
 * safe: rows already stored come back as duplicates.
 */
import { Hono } from "hono";
import type { OutcomeSummary } from "../../lib/inference_log/mod.ts";
import type { ServeContext } from "../context.ts";
import { HttpError } from "../http_error.ts";
import { carriesBearer, unauthorized } from "../middleware/bearer_token.ts";
import { jsonBody } from "../middleware/json_body.ts";
import { jsonAnswer } from "../sized_answer.ts";

/** The feedback route. */
export function feedbackRoutes(ctx: ServeContext): Hono {
  const app = new Hono();
  const token = ctx.adminToken;

  app.use("/feedback", async (c, next) => {
    if (
      token !== undefined && token !== "" && !carriesBearer(c.req.header("authorization"), token)
    ) {
      throw unauthorized();
    }
    await next();
  });

  app.post("/feedback", jsonBody({ maxBytes: ctx.maxBodyBytes }), async (c) => {
    const rows = feedbackRows(c.get("jsonBody"), ctx.maxBatchRows);
    const outcomes = ctx.outcomes;
    if (outcomes === undefined) {
      throw new HttpError(503, "Cannot store outcomes: the server has no outcome store");
    }
    // A prediction answered a moment ago may still be in the log's buffer.
    await ctx.logStore.flush();
    let summary: OutcomeSummary;
    try {
      summary = await outcomes.record(rows, {
        now: ctx.clock(),
        key: ctx.model.current()?.manifest.key,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new HttpError(503, `Cannot store outcomes: ${message}`);
    }
    if (summary.rejected === 0) return jsonAnswer(c, summary);
    const stored = summary.accepted + summary.duplicate;
    throw new HttpError(
      422,
      `Feedback: ${summary.rejected} of ${rows.length} rows rejected` +
        (stored === 0
          ? ""
          : `; the other ${stored} were stored (${summary.accepted} new, ${summary.duplicate} duplicate)`),
      {
        fields: { ...summary },
        issues: summary.rows.flatMap((r) => r.issues),
      },
    );
  });

  return app;
}

/** The body's outcome rows: the object itself, or the array under `outcomes`. */
function feedbackRows(body: unknown, maxRows: number): unknown[] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalid(
      "",
      "type",
      "The body must be one outcome { request_id | id, outcome, observed_at } or { outcomes: [...] }",
    );
  }
  if (!("outcomes" in body)) return [body];
  const { outcomes, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) {
    throw invalid(extra[0], "unknown_field", `"${extra[0]}" is not a field of a batch (outcomes)`);
  }
  if (!Array.isArray(outcomes) || outcomes.length === 0) {
    throw invalid("outcomes", "type", '"outcomes" must be a non-empty array of outcomes');
  }
  if (outcomes.length > maxRows) {
    throw new HttpError(
      413,
      `Batch too large: ${outcomes.length} outcomes, the limit is ${maxRows}`,
      {
        issues: [{
          field: "outcomes",
          rule: "max_items",
          message: `"outcomes" must hold at most ${maxRows} rows`,
        }],
      },
    );
  }
  return outcomes;
}

function invalid(field: string, rule: string, message: string): HttpError {
  return new HttpError(422, `Invalid feedback: ${message}`, { issues: [{ field, rule, message }] });
}
