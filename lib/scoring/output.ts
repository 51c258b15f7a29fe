/**
 * The scores parquet: one row per scored input row, appended through DuckDB's appender
 * and copied to parquet at the end (through a temp file, so a failed run leaves no
 * half-written output).
 */
import { dirname } from "node:path";
import { type DuckDBConnection, openDuckDb, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import type { RowExplanation } from "../model/shap/mod.ts";
import { MAX_PRINCIPAL_REASONS, type NamedPrincipalReason } from "../governance/reasons/mod.ts";
import type { OutlierScore } from "../model/outlier/types.ts";

/** One scored row. */
export interface ScoredRow {
  /** 1-based row number in the input file. */
  row: number;
  /** The entity key's value, when the file has the key column. */
  key: string | number | null;
  score: number;
  tier: string;
  explanation?: RowExplanation;
  /** Up to four principal reasons, largest first (with `explanation`). */
  principalReasons?: NamedPrincipalReason[];
  /** The row's outlier result (with `outliers`). */
  outlier?: OutlierScore;
}

/** Options for {@link openScoresWriter}. */
export interface ScoresWriterOptions {
  outPath: string;
  /** Name of the key column ("SK_ID_CURR"); absent when the file has none. */
  keyColumn?: string;
  /** Key column type: integers are written as BIGINT, anything else as text. */
  keyIsInteger?: boolean;
  modelVersion: string;
  explain: boolean;
  /** Adds outlier_score, outlier_distance and outlier_flag (a version with an outlier model). */
  outliers?: boolean;
}

/** Accumulates scored rows and writes the parquet on finish. */
export interface ScoresWriter {
  append(rows: ScoredRow[]): void;
  /** Writes the parquet and returns the number of rows in it. */
  finish(): Promise<number>;
  /** Drops everything (on failure). */
  abort(): void;
}

/** Number of reasons in each direction written with --explain. */
export const REASONS = 3;

/** Columns of the scores parquet, in order, with their types. */
export function scoreColumns(options: ScoresWriterOptions): [string, string][] {
  const columns: [string, string][] = [["row", "BIGINT"]];
  if (options.keyColumn !== undefined) {
    columns.push([options.keyColumn, options.keyIsInteger ? "BIGINT" : "VARCHAR"]);
  }
  columns.push(["score", "DOUBLE"], ["tier", "VARCHAR"], ["model_version", "VARCHAR"]);
  if (options.outliers) {
    columns.push(
      ["outlier_score", "DOUBLE"],
      ["outlier_distance", "DOUBLE"],
      ["outlier_flag", "BOOLEAN"],
    );
  }
  if (options.explain) {
    for (const side of ["up", "down"]) {
      for (let k = 1; k <= REASONS; k++) {
        columns.push([`reason_${side}_${k}`, "VARCHAR"], [`reason_${side}_${k}_shap`, "DOUBLE"]);
      }
    }
    columns.push(["explanation", "VARCHAR"]);
    for (let k = 1; k <= MAX_PRINCIPAL_REASONS; k++) {
      const name = `principal_reason_${k}`;
      columns.push(
        [`${name}_code`, "VARCHAR"],
        [`${name}_text`, "VARCHAR"],
        [`${name}_contribution`, "DOUBLE"],
        [`${name}_features`, "VARCHAR"],
      );
    }
  }
  return columns;
}

/** Opens a writer of the scores parquet at `options.outPath`. */
export async function openScoresWriter(options: ScoresWriterOptions): Promise<ScoresWriter> {
  const conn: DuckDBConnection = await openDuckDb({ threads: 1 });
  const columns = scoreColumns(options);
  await conn.run(
    `create table scores (${
      columns.map(([name, type]) => `${quoteIdent(name)} ${type}`).join(", ")
    })`,
  );
  const appender = await conn.createAppender("scores");
  let rows = 0;
  const reason = (side: RowExplanation["up"], k: number) => {
    const c = side[k];
    if (c === undefined) {
      appender.appendNull();
      appender.appendNull();
    } else {
      appender.appendVarchar(`${c.name} = ${c.display}`);
      appender.appendDouble(c.shap);
    }
  };
  const principal = (reasons: NamedPrincipalReason[], k: number) => {
    const r = reasons[k];
    if (r === undefined) {
      for (let c = 0; c < 4; c++) appender.appendNull();
      return;
    }
    if (r.code === null) appender.appendNull();
    else appender.appendVarchar(r.code);
    appender.appendVarchar(r.text);
    appender.appendDouble(r.contribution);
    appender.appendVarchar(r.features.join(","));
  };
  return {
    append(scored) {
      for (const r of scored) {
        appender.appendBigInt(BigInt(r.row));
        if (options.keyColumn !== undefined) {
          if (r.key === null) appender.appendNull();
          else if (options.keyIsInteger) appender.appendBigInt(BigInt(r.key));
          else appender.appendVarchar(String(r.key));
        }
        appender.appendDouble(r.score);
        appender.appendVarchar(r.tier);
        appender.appendVarchar(options.modelVersion);
        if (options.outliers) {
          const o = r.outlier;
          if (o === undefined) {
            for (let c = 0; c < 3; c++) appender.appendNull();
          } else {
            appender.appendDouble(o.score);
            if (o.distance === null) appender.appendNull();
            else appender.appendDouble(o.distance);
            appender.appendBoolean(o.flag);
          }
        }
        if (options.explain) {
          const e = r.explanation;
          for (let k = 0; k < REASONS; k++) reason(e?.up ?? [], k);
          for (let k = 0; k < REASONS; k++) reason(e?.down ?? [], k);
          if (e === undefined) appender.appendNull();
          else appender.appendVarchar(e.summary);
          for (let k = 0; k < MAX_PRINCIPAL_REASONS; k++) principal(r.principalReasons ?? [], k);
        }
        appender.endRow();
      }
      rows += scored.length;
    },
    async finish() {
      try {
        appender.flushSync();
        appender.closeSync();
        await Deno.mkdir(dirname(options.outPath), { recursive: true });
        const temp = `${options.outPath}.tmp-${crypto.randomUUID()}`;
        await conn.run(`copy scores to ${quoteLiteral(temp)} (format parquet)`);
        await Deno.rename(temp, options.outPath);
        return rows;
      } finally {
        conn.closeSync();
      }
    },
    abort() {
      conn.closeSync();
    },
  };
}
