/**
 * Every experiment with its journal entry and record, in queue order. A first-attempt
 * queued entry has no record yet, so a queue of 10,000 costs one journal read.
 */
import { closestName } from "../spec/closest_name.ts";
import { ExperimentError } from "./errors.ts";
import { foldJournal } from "./journal.ts";
import { listRecordNames, readRecord } from "./record.ts";
import type { ExperimentView } from "./table.ts";

/** Loads every experiment (journal order, then records the journal does not hold). */
export async function loadViews(root: string): Promise<ExperimentView[]> {
  const journal = await foldJournal(root);
  const entries = [...journal.values()].sort((a, b) => a.order - b.order);
  const views: ExperimentView[] = await Promise.all(entries.map(async (entry) => ({
    entry,
    record: entry.status === "queued" && entry.attempt === 1
      ? undefined
      : await readRecord(root, entry.name),
  })));
  for (const name of await listRecordNames(root)) {
    if (journal.has(name)) continue;
    const record = await readRecord(root, name);
    if (record !== undefined) views.push({ record });
  }
  return views;
}

/** One experiment by name; an unknown name is an error with the nearest one. */
export async function loadView(root: string, name: string): Promise<ExperimentView> {
  const journal = await foldJournal(root);
  const entry = journal.get(name);
  const record = await readRecord(root, name);
  if (entry === undefined && record === undefined) {
    const hint = closestName(name, [...journal.keys(), ...await listRecordNames(root)]);
    throw new ExperimentError(
      `Cannot find experiment "${name}": no such experiment` +
        (hint === undefined ? "" : `; did you mean ${hint}?`),
    );
  }
  return { entry, record };
}
