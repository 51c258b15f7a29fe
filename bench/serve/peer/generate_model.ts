/**
 * Writes the FastAPI peer's generated files for one registered version: peer_model.py
 * (the pydantic request model and the request-time features, peer_source.ts) and
 * peer_snapshot.json (the version's history features by key, null for missing).
 *
 *   deno run -A bench/serve/peer/generate_model.ts <version dir> <out dir>
 */
import { basename, join } from "node:path";
import {
  openDuckDb,
  queryNumericColumns,
  quoteIdent,
  quoteLiteral,
} from "../../../lib/duckdb/mod.ts";
import { readManifest } from "../../../lib/features/manifest/mod.ts";
import { parseServingInfo, SERVING_FILE } from "../../../lib/registry/serving_info.ts";
import { peerModelSource } from "./peer_source.ts";

/** Reads the snapshot parquet of a version as `{ key: [values in snapshot order] }`. */
async function snapshotJson(path: string, key: string, features: readonly string[]) {
  const conn = await openDuckDb();
  try {
    const select = [key, ...features].map((n) => `${quoteIdent(n)}::DOUBLE`).join(", ");
    const { columns, rows } = await queryNumericColumns(
      conn,
      `select ${select} from read_parquet(${quoteLiteral(path)})`,
    );
    const out: Record<string, (number | null)[]> = {};
    for (let i = 0; i < rows; i++) {
      out[String(columns[0][i])] = columns.slice(1).map((c) => Number.isNaN(c[i]) ? null : c[i]);
    }
    return out;
  } finally {
    conn.closeSync();
  }
}

if (import.meta.main) {
  const [versionDir, outDir] = Deno.args;
  if (versionDir === undefined || outDir === undefined) {
    console.error("Usage: generate_model.ts <version dir> <out dir>");
    Deno.exit(2);
  }
  const servingPath = join(versionDir, SERVING_FILE);
  const info = parseServingInfo(JSON.parse(await Deno.readTextFile(servingPath)), servingPath);
  const manifest = await readManifest(join(versionDir, "manifest.json"));
  await Deno.mkdir(outDir, { recursive: true });
  const version = basename(versionDir);
  await Deno.writeTextFile(join(outDir, "peer_model.py"), peerModelSource(info, manifest, version));
  const snapshot = info.snapshot === null ? {} : await snapshotJson(
    join(versionDir, info.snapshot.file),
    info.snapshot.key,
    info.snapshot.features,
  );
  await Deno.writeTextFile(join(outDir, "peer_snapshot.json"), JSON.stringify(snapshot));
  console.error(`peer model of ${version} written to ${outDir}`);
}
