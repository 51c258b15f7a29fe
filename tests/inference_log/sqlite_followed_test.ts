import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { LOG_TABLE } from "../../lib/inference_log/mod.ts";
import { defaultIdentity, openFollowedSqliteLog } from "../../lib/inference_log/sqlite_followed.ts";
import { decodeSqliteRows, encodeSqliteRows } from "../../lib/inference_log/sqlite_rows.ts";
import { makeRecords } from "./fixtures.ts";

const rowsOf = (seed: number, n: number) =>
  decodeSqliteRows(encodeSqliteRows(makeRecords(n, seed)));

function requestIds(path: string): string[] {
  const db = new DatabaseSync(path);
  try {
    return db.prepare(`select request_id from ${LOG_TABLE} order by id`).all()
      .map((r) => String(r.request_id));
  } finally {
    db.close();
  }
}

function removeDb(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) {
    try {
      Deno.removeSync(path + suffix);
    } catch {
      // Not there.
    }
  }
}

Deno.test("a batch whose file is deleted between its commit and the check is written again into the new file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.db");
    const lines: string[] = [];
    let calls = 0;
    let deleteOnCall = -1;
    const log = openFollowedSqliteLog(path, {
      report: (line) => lines.push(line),
      identity(p) {
        if (++calls === deleteOnCall) removeDb(p);
        return defaultIdentity(p);
      },
    });
    assert.deepEqual(log.writeRows(rowsOf(1, 3)), { lost: 0, reopens: 0 });
    // The next write checks before (one call) and after its commit (the next): the file
    // goes away right after the commit.
    deleteOnCall = calls + 2;
    assert.deepEqual(log.writeRows(rowsOf(2, 4)), { lost: 3, reopens: 1 });
    log.close();
    assert.deepEqual(requestIds(path), makeRecords(4, 2).map((r) => r.requestId));
    assert.equal(lines.length, 1);
    assert.match(
      lines[0],
      /log\.db was deleted; reopened it \(3 records written to replaced files are lost so far\)/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an in-memory log is never followed", () => {
  const log = openFollowedSqliteLog(":memory:", {
    identity: () => {
      throw new Error("an in-memory log has no file to check");
    },
  });
  assert.deepEqual(log.writeRows(rowsOf(1, 2)), { lost: 0, reopens: 0 });
  log.close();
});
