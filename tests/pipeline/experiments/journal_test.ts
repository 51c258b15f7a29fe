import assert from "node:assert/strict";
import {
  appendJournal,
  foldJournal,
  foldJournalText,
  type JournalEntry,
} from "../../../lib/pipeline/experiments/journal.ts";

const def = { setParams: ["p.x=1"], snapshot: "s1", baseCommit: null };

function lines(entries: JournalEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry)).join("\n");
}

Deno.test("a retry is a new attempt: lines of the old attempt no longer change it", () => {
  const text = lines([
    { op: "queued", name: "e", at: "t0", attempt: 1, def },
    { op: "running", name: "e", at: "t1", attempt: 1, pid: 5 },
    { op: "failed", name: "e", at: "t2", attempt: 1, error: "boom" },
    { op: "queued", name: "e", at: "t3", attempt: 2, def },
    { op: "done", name: "e", at: "t4", attempt: 1 },
  ]);
  const entry = foldJournalText(text).get("e")!;
  assert.deepEqual(
    { status: entry.status, attempt: entry.attempt, queuedAt: entry.queuedAt },
    { status: "queued", attempt: 2, queuedAt: "t0" },
  );
});

Deno.test("a torn line is skipped and a removed experiment is gone", () => {
  const text = lines([
    { op: "queued", name: "a", at: "t0", attempt: 1, def },
    { op: "queued", name: "b", at: "t0", attempt: 1, def },
    { op: "removed", name: "a", at: "t1" },
  ]) + '\n{"op":"running","na';
  const folded = foldJournalText(text);
  assert.deepEqual([...folded.keys()], ["b"]);
  assert.equal(folded.get("b")!.status, "queued");
});

Deno.test("an append after a torn line starts on a line of its own", async () => {
  const root = await Deno.makeTempDir();
  try {
    await appendJournal(root, [{ op: "queued", name: "a", at: "t0", attempt: 1, def }]);
    await Deno.writeTextFile(`${root}/.repro/exp/queue.jsonl`, '{"op":"que', { append: true });
    await appendJournal(root, [{ op: "running", name: "a", at: "t1", attempt: 1, pid: 9 }]);
    assert.equal((await foldJournal(root)).get("a")!.status, "running");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("queue order follows the last queued line", () => {
  const text = lines([
    { op: "queued", name: "a", at: "t0", attempt: 1, def },
    { op: "queued", name: "b", at: "t0", attempt: 1, def },
    { op: "failed", name: "a", at: "t1", attempt: 1, error: "x" },
    { op: "queued", name: "a", at: "t2", attempt: 2, def },
  ]);
  const order = [...foldJournalText(text).values()].sort((x, y) => x.order - y.order)
    .map((e) => e.name);
  assert.deepEqual(order, ["b", "a"]);
});
