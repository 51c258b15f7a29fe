/**
 * Which methods a path answers, from the app's own route table, so a wrong method on a
 * known path gets 405 with an Allow header (RFC 9110 §15.5.6) instead of 404.
 */
import type { RouterRoute } from "hono/types";
import { TrieRouter } from "hono/router/trie-router";

/**
 * Builds a lookup from a path to the methods its routes take (HEAD with GET, as Hono
 * answers HEAD from GET routes); an empty list means no route has the path. Middleware
 * (method "ALL") is left out.
 * @example
 * const allowed = allowedMethods(app.routes);
 * allowed("/predict"); // ["POST"]
 */
export function allowedMethods(routes: RouterRoute[]): (path: string) => string[] {
  const router = new TrieRouter<string>();
  for (const route of routes) {
    if (route.method !== "ALL") router.add("ALL", route.path, route.method);
  }
  return (path) => {
    const methods = new Set(router.match("GET", path)[0].map(([method]) => method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}
