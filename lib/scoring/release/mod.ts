/**
 * Release policies of a server that runs a challenger beside the champion (shadow or
 * canary): the policy file and its checks, the canary's sticky split, and the
 * challenger's version resolved from an alias or a name.
 */
export {
  parseReleasePolicy,
  readReleasePolicy,
  type ReleasePolicy,
  ReleasePolicyError,
  ReleasePolicySchema,
  SINGLE_RELEASE,
  STICKY_BY_KEY,
} from "./policy.ts";
export { canaryBucket, type CanarySplit, createCanarySplit } from "./canary.ts";
export { challengerVersion, requireChallenger } from "./challenger.ts";
