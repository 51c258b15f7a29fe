/**
 * The alias, tag and history commands of `deno task registry`: `alias set|unset`,
 * `aliases`, `tag`, `untag`, `history`. Each move prints one line per alias moved, and
 * the line saying so when it converted a formatVersion 1 registry.
 */
import type { ParsedArgs } from "./args.ts";
import { UsageError } from "./args.ts";
import { renderTable } from "./table.ts";
import {
  type AliasChange,
  checkAliasName,
  type HistoryEntry,
  listAliases,
  parseTagArguments,
  readRegistryState,
  removeTags,
  setAlias,
  setTags,
  unsetAlias,
} from "../registry/mod.ts";

/** Commands this file runs. */
export const ALIAS_COMMANDS = ["alias", "aliases", "tag", "untag", "history"] as const;

/** Usage lines of these commands, for the registry's --help. */
export const ALIAS_USAGE = `  alias set <alias> <version> --reason TEXT [--by NAME] [--force]
                            point an alias (lowercase, e.g. champion, challenger) at a
                            version; @champion and @challenger refuse a failed gate
                            unless --force. Recorded in the history
  alias unset <alias> --reason TEXT [--by NAME]
                            make an alias name no version (recorded in the history)
  aliases                   every alias and the version it names
  tag <version> key=value…  set tags on a version
  untag <version> key…      remove tags from a version
  history [--alias A]       every alias move: when, alias, from → to, who, why; the
                            hash chain is verified first`;

/** Runs one of {@link ALIAS_COMMANDS}; returns the exit code. */
export async function runAliasCommand(
  command: string,
  flags: ParsedArgs,
  root: string,
): Promise<number> {
  const json = flags.booleans.has("json");
  const [a, b, c] = flags.positional;
  const who = { by: flags.strings.get("by") };
  switch (command) {
    case "alias": {
      const reason = flags.strings.get("reason");
      if (a === "set") {
        const usage = "alias set <alias> <version> --reason TEXT";
        const change = await setAlias(root, need(b, usage), need(c, usage), {
          reason: needReason(reason, usage),
          force: flags.booleans.has("force"),
          ...who,
        });
        return json ? print(change) : say(describeChange(change));
      }
      if (a === "unset") {
        const usage = "alias unset <alias> --reason TEXT";
        const change = await unsetAlias(root, need(b, usage), {
          reason: needReason(reason, usage),
          ...who,
        });
        return json ? print(change) : say(describeChange(change));
      }
      throw new UsageError(
        `Unknown alias command "${a ?? ""}": expected registry alias set or alias unset`,
      );
    }
    case "aliases": {
      const aliases = await listAliases(root);
      if (json) return print(aliases);
      const rows = Object.entries(aliases).map(([alias, version]) => [`@${alias}`, version]);
      return say(
        rows.length === 0 ? `No alias is set in ${root}` : renderTable(["alias", "version"], rows),
      );
    }
    case "tag": {
      const usage = "tag <version> key=value…";
      const version = need(a, usage);
      if (flags.positional.length < 2) throw new UsageError(`Missing argument: registry ${usage}`);
      const { tags, migration } = await setTags(
        root,
        version,
        parseTagArguments(flags.positional.slice(1)),
      );
      return json ? print(tags) : say(withMigration(`${version}: ${formatTags(tags)}`, migration));
    }
    case "untag": {
      const usage = "untag <version> key…";
      const version = need(a, usage);
      if (flags.positional.length < 2) throw new UsageError(`Missing argument: registry ${usage}`);
      const { tags, migration } = await removeTags(root, version, flags.positional.slice(1));
      return json ? print(tags) : say(withMigration(`${version}: ${formatTags(tags)}`, migration));
    }
    case "history": {
      const alias = flags.strings.get("alias");
      const { history } = await readRegistryState(root);
      const shown = alias === undefined
        ? history
        : history.filter((entry) => entry.alias === checkAliasName(alias));
      if (json) return print(shown);
      if (shown.length === 0) return say(`No alias moves recorded in ${root}`);
      return say(
        renderTable(["when", "alias", "from", "to", "by", "reason"], shown.map(historyRow)),
      );
    }
    default:
      throw new UsageError(`Unknown registry command "${command}"`);
  }
}

/** One line per stage transition or alias move, and the migration line if any. */
export function describeChange(change: AliasChange): string {
  const moves = change.entries.map((e) =>
    `@${e.alias}: ${e.from ?? "(none)"} → ${e.to ?? "(none)"} (${e.reason}, by ${e.by})`
  );
  return withMigration(moves.join("\n"), change.migration);
}

/** `text`, with the migration line above it when there is one. */
export function withMigration(text: string, migration: string | undefined): string {
  return migration === undefined ? text : `${migration}\n${text}`;
}

/** Tags as `key=value` pairs, or "no tags". */
export function formatTags(tags: Record<string, string>): string {
  const pairs = Object.entries(tags).sort(([x], [y]) => x.localeCompare(y));
  return pairs.length === 0 ? "no tags" : pairs.map(([k, v]) => `${k}=${v}`).join(" ");
}

function historyRow(entry: HistoryEntry): string[] {
  return [
    entry.at,
    `@${entry.alias}`,
    entry.from ?? "-",
    entry.to ?? "-",
    entry.by,
    entry.migrated ? `${entry.reason} (migrated)` : entry.reason,
  ];
}

function need(value: string | undefined, usage: string): string {
  if (value === undefined) throw new UsageError(`Missing argument: registry ${usage}`);
  return value;
}

function needReason(reason: string | undefined, usage: string): string {
  if (reason === undefined || reason.trim() === "") {
    throw new UsageError(`Missing --reason: registry ${usage} (the history records why)`);
  }
  return reason;
}

function say(text: string): number {
  console.log(text);
  return 0;
}

function print(value: unknown): number {
  console.log(JSON.stringify(value, null, 2));
  return 0;
}
