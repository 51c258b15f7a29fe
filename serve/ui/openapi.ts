/** The applicant UI's two paths in the OpenAPI document: the page and its scripts. */
import { UI_ASSET_NAMES } from "./assets.ts";

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** GET /ui and GET /ui/assets/{file}. */
export function uiPaths(): Record<string, Json> {
  return {
    "/ui": {
      get: {
        summary:
          "Applicant UI: score one applicant or a CSV file from a form made from the contract",
        operationId: "ui",
        responses: {
          "200": {
            description: "HTML page (its scripts come from /ui/assets/, nothing from elsewhere)",
            content: { "text/html": { schema: { type: "string" } } },
          },
          "405": ref("MethodNotAllowed"),
          "503": ref("NoModel"),
        },
      },
    },
    "/ui/assets/{file}": {
      get: {
        summary: "A script of the applicant UI (d3, Observable Plot, the page script)",
        operationId: "uiAsset",
        parameters: [{
          name: "file",
          in: "path",
          required: true,
          schema: { type: "string", enum: [...UI_ASSET_NAMES] },
          example: "plot.js",
        }],
        responses: {
          "200": {
            description: "JavaScript, cached for a day (ETag; If-None-Match answers 304)",
            headers: {
              ETag: { schema: { type: "string" } },
              "Cache-Control": { schema: { type: "string" } },
            },
            content: { "text/javascript": { schema: { type: "string" } } },
          },
          "304": { description: "Not modified (If-None-Match matched the ETag)" },
          "404": ref("NotFound"),
          "405": ref("MethodNotAllowed"),
        },
      },
    },
  };
}
