/**
 * A SQLite log that follows its path: an open database keeps writing into its file even
 * after that file is deleted or replaced (`rm log.db*`, a rotation), so every later record
 * would vanish with the unlinked inode. Before and after each batch the path's device and
 * inode are compared with the file that was opened; when they differ the database is
 * reopened at the path (recreated when absent), a batch that may have gone into the old
 * file is written again into the new one, and the records the old file held are counted
 * as lost: they are no longer in the log at its path.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { openSqliteLogDb, type SqliteLogDb } from "./sqlite_db.ts";
import type { SqliteRow } from "./sqlite_rows.ts";
import type { LoggedRecord } from "./types.ts";

/** What a followed log has counted since it was opened. */
export interface FollowedCounts {
  /** Records written to a file that was later deleted or replaced at the path. */
  lost: number;
  /** Times the database was reopened because its file changed. */
  reopens: number;
}

/** A {@link SqliteLogDb} that notices its file being deleted or replaced. */
export interface FollowedSqliteLog {
  /** Writes a batch into the file now at the path; returns the counts after it. */
  writeRows(rows: SqliteRow[]): FollowedCounts;
  readWindow(from: string, to: string, afterId: number, limit: number): LoggedRecord[];
  counts(): FollowedCounts;
  close(): void;
}

/** Options for {@link openFollowedSqliteLog}. */
export interface FollowOptions {
  /** Receives one line each time the file is found deleted or replaced (default stderr). */
  report?: (line: string) => void;
  /** Identity of the file at a path, undefined when absent (default: device and inode). */
  identity?: (path: string) => string | undefined;
}

/** Device and inode of `path`, or undefined when nothing is there. */
export function defaultIdentity(path: string): string | undefined {
  try {
    const info = Deno.statSync(path);
    return `${info.dev}:${info.ino}`;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Opens the log at `path` (":memory:" is never followed). */
export function openFollowedSqliteLog(
  path: string,
  options: FollowOptions = {},
): FollowedSqliteLog {
  const report = options.report ?? ((line: string) => console.error(line));
  const fileIdentity = options.identity ?? defaultIdentity;
  const followed = path !== ":memory:";
  let db: SqliteLogDb = openSqliteLogDb(path);
  let opened = followed ? fileIdentity(path) : undefined;
  /** Records committed into the file opened now. */
  let inFile = 0;
  let lost = 0;
  let reopens = 0;

  /** Reopens the database when the path no longer names the opened file. */
  const follow = (): void => {
    if (!followed) return;
    const now = fileIdentity(path);
    if (now === opened) return;
    // Close first: closing removes "<path>-wal" by name, which must not be the new file's.
    try {
      db.close();
    } catch {
      // The old handle's files are gone; nothing of it is needed.
    }
    lost += inFile;
    inFile = 0;
    // When this throws (the directory cannot be made), the write fails and is retried.
    mkdirSync(dirname(path), { recursive: true });
    db = openSqliteLogDb(path);
    opened = fileIdentity(path);
    reopens++;
    report(
      `inference log: ${path} was ${now === undefined ? "deleted" : "replaced"}; ` +
        `reopened it (${lost} records written to replaced files are lost so far)`,
    );
  };

  return {
    writeRows(rows) {
      follow();
      db.writeRows(rows);
      // The file may have gone between the check and the commit: then this batch is in
      // the old file, so it is written again into the new one (the old one is lost).
      if (followed && fileIdentity(path) !== opened) {
        follow();
        db.writeRows(rows);
      }
      inFile += rows.length;
      return { lost, reopens };
    },
    readWindow(from, to, afterId, limit) {
      follow();
      return db.readWindow(from, to, afterId, limit);
    },
    counts: () => ({ lost, reopens }),
    close: () => db.close(),
  };
}
