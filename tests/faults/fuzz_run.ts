/**
 * The opt-in long fuzz run of the scoring API (`deno task faults:fuzz --cases 10000`):
 * three quarters of the cases against the Home Credit serving fixture, a quarter against
 * the csv one (booleans, free categories). Prints the case count, statuses and every
 * finding; exits 1 when there is one.
 *
 *   deno run -A tests/faults/fuzz_run.ts [--cases 10000] [--seed 11] [--json]
 */
import { parseArgs, UsageError } from "../../lib/cli/args.ts";
import { csvServingFixture } from "../scoring/csv_serving_fixture.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { fuzzApi, type FuzzSummary } from "./fuzz_api.ts";

function count(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`Invalid --${name} "${text}": must be a positive integer`);
  }
  return value;
}

async function main(args: string[]): Promise<number> {
  const flags = parseArgs("faults:fuzz", args, { strings: ["cases", "seed"], booleans: ["json"] });
  const cases = count("cases", flags.strings.get("cases"), 10_000);
  const seed = count("seed", flags.strings.get("seed"), 11);
  const csvCases = Math.floor(cases / 4);
  const home = await fuzzApi({ fixture: servingFixture(), cases: cases - csvCases, seed });
  const csvFixture = csvServingFixture();
  let csv: FuzzSummary | undefined;
  try {
    csv = csvCases === 0
      ? undefined
      : await fuzzApi({ fixture: csvFixture, cases: csvCases, seed });
  } finally {
    await (await csvFixture).dispose();
    await (await servingFixture()).dispose();
  }
  const runs = { "home-credit": home, ...(csv === undefined ? {} : { csv }) };
  if (flags.booleans.has("json")) console.log(JSON.stringify(runs, null, 2));
  let findings = 0;
  for (const [name, run] of Object.entries(runs)) {
    console.log(
      `${name}: ${run.cases} cases, ${run.requests} requests (seed ${run.seed}), statuses ${
        JSON.stringify(run.statuses)
      }`,
    );
    for (const finding of run.findings) {
      findings += 1;
      console.log(`  finding ×${finding.count}: ${finding.message}`);
      console.log(`    ${JSON.stringify(finding.request).slice(0, 800)}`);
    }
  }
  const total = (key: "cases" | "requests") =>
    Object.values(runs).reduce((sum, run) => sum + run[key], 0);
  console.log(
    `faults:fuzz: ${total("cases")} cases, ${total("requests")} requests, ${findings} finding${
      findings === 1 ? "" : "s"
    }`,
  );
  return findings === 0 ? 0 : 1;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      Deno.exit(2);
    }
    throw error;
  }
}
