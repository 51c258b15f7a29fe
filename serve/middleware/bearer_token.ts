/**
 * Bearer-token checks shared by the admin routes and /feedback: a constant-time comparison
 * of the Authorization header with `Bearer <token>`, and the 401 that answers a miss.
 */
import { HttpError } from "../http_error.ts";

/** Whether `authorization` (the header's value) carries `token`, compared in constant time. */
export function carriesBearer(authorization: string | undefined, token: string): boolean {
  const x = new TextEncoder().encode(authorization ?? "");
  const y = new TextEncoder().encode(`Bearer ${token}`);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** The 401 of a missing or wrong token. */
export function unauthorized(): HttpError {
  return new HttpError(401, "Unauthorized: a valid bearer token is required", {
    headers: { "www-authenticate": "Bearer" },
  });
}
