/** The flags push and pull share: `--remote NAME`, `--jobs N` and targets. */
import { readLock } from "../pipeline/store/lock.ts";
import {
  chooseRemote,
  collectRefs,
  DEFAULT_JOBS,
  openRemote,
  readRemotesConfig,
  type RemoteStore,
  type TransferRefs,
} from "../pipeline/remote/mod.ts";
import { type ParsedArgs, UsageError } from "./args.ts";

/** What push and pull read from their flags. */
export interface TransferRequest {
  store: RemoteStore;
  refs: TransferRefs;
  jobs: number;
}

/** Resolves the remote, the refs of the targets and the job count from parsed flags. */
export async function readTransferRequest(
  root: string,
  parsed: ParsedArgs,
): Promise<TransferRequest> {
  const jobsText = parsed.strings.get("jobs");
  const jobs = jobsText === undefined ? DEFAULT_JOBS : Number(jobsText);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    throw new UsageError(`Flag --jobs needs a whole number from 1 to 64: ${jobsText}`);
  }
  const remote = chooseRemote(await readRemotesConfig(root), parsed.strings.get("remote"));
  const refs = collectRefs(await readLock(root), parsed.positional);
  return { store: openRemote(remote, root), refs, jobs };
}

/** "1 object" / "3 objects". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
