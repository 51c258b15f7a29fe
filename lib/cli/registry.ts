/**
 * `deno task registry list | show <v> | promote <v> <stage> [--force] | rollback |
 * compare <a> <b> | import-xgboost <model.json> [--from <v>] [--name NAME] | sign <v>`,
 * and the alias commands (registry_aliases.ts): the model registry from the command
 * line. The registry directory is data/registry unless --registry or RISKPIPE_REGISTRY
 * says otherwise.
 */
import { parseArgs, UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";
import { renderTable } from "./table.ts";
import {
  canSign,
  compareVersions,
  ED25519_PRIVATE_ENV,
  listVersions,
  loadVerifiedVersion,
  promoteVersion,
  rollbackAlias,
  SIGNING_KEY_ENV,
  signingKeysFromEnv,
  signVersion,
  type Transition,
} from "../registry/mod.ts";
import type { ImportedVersion } from "../registry/import_xgboost.ts";
import { validationReportPath } from "../registry/validation_report.ts";
import {
  ALIAS_COMMANDS,
  ALIAS_USAGE,
  formatTags,
  runAliasCommand,
  withMigration,
} from "./registry_aliases.ts";

const USAGE = `Usage: deno task registry <command> [flags]
Commands:
  list                      every version with its stage, gate, headline metrics, aliases, tags
  show <version>            one version: artifacts (checksums verified), metrics, the
                            validation report's path, lineage
  promote <version> <stage> Production sets @champion, Staging @challenger, Archived unsets
                            the version's stage aliases [--force]
  rollback [--alias A]      move @champion (or A) back to the version it named before
${ALIAS_USAGE}
  compare <a> <b>           metrics of two versions side by side
  import-xgboost <model.json>
                            register an XGBoost JSON model (binary:logistic, gbtree) as a
                            new version, with the feature manifest and serving artifacts
                            of --from; its feature_names must be that manifest's names.
                            No gate judges it: promoting it takes --force
  sign <version>            sign a version with RISKPIPE_SIGNING_KEY or an Ed25519 key
                            (RISKPIPE_SIGNING_ED25519_PRIVATE); checksums verified first
Flags:
  --registry DIR   registry directory (default data/registry)
  --json           print the result as JSON instead of a table
  --force          promote: even though the version's gate failed or never ran
  --reason TEXT    promote, rollback, alias: the reason recorded in the history
                   (promote: default "promoted", or "forced" with --force)
  --by NAME        promote, rollback, alias: who the history records (default $USER)
  --alias A        rollback: the alias to move back; history: only this alias's moves
  --from VERSION   import-xgboost: the version whose manifest.json, serving.json and
                   feature snapshot the model takes (default: the Production version)
  --name NAME      import-xgboost: a name recorded in the lineage (default: the file name)
  --help, -h       this text
Environment:
  RISKPIPE_REGISTRY  registry directory when --registry is not given
  RISKPIPE_SIGNING_KEY  HMAC-SHA-256 key (≥ 32 bytes): sign and verify versions
  RISKPIPE_SIGNING_ED25519_PRIVATE, RISKPIPE_SIGNING_ED25519_PUBLIC
                     Ed25519 keys (base64 DER): sign with the private, verify with the public`;

/** Runs a registry command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || ["--help", "-h", "help"].includes(command)) {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (rest.includes("--help") || rest.includes("-h")) return say(USAGE);
  const flags = parseArgs(`registry ${command}`, rest, {
    booleans: ["json", "force"],
    strings: ["registry", "reason", "from", "name", "by", "alias"],
  });
  const root = flags.strings.get("registry") ?? Deno.env.get("RISKPIPE_REGISTRY") ??
    "data/registry";
  const json = flags.booleans.has("json");
  const [a, b] = flags.positional;
  if ((ALIAS_COMMANDS as readonly string[]).includes(command)) {
    return await runAliasCommand(command, flags, root);
  }
  switch (command) {
    case "list": {
      const versions = await listVersions(root);
      if (json) return print(versions);
      if (versions.length === 0) return say(`No versions registered in ${root}`);
      const rows = versions.map((v) => [
        v.version,
        v.stage,
        v.gatePassed ? "pass" : "FAIL",
        formatMetric(v.metrics["test.auc"] ?? v.metrics.auc),
        v.createdAt,
        v.aliases.map((alias) => `@${alias}`).join(" "),
        Object.keys(v.tags).length === 0 ? "" : formatTags(v.tags),
      ]);
      return say(
        renderTable(["version", "stage", "gate", "auc", "created", "aliases", "tags"], rows, [3]),
      );
    }
    case "show": {
      const info = await loadVerifiedVersion(root, need(a, "show <version>"));
      const report = validationReportPath(info);
      if (json) return print({ ...info, validationReport: report ?? null });
      const artifacts = Object.entries(info.artifacts).map(([n, h]) => [n, h]);
      const metrics = Object.entries(info.metrics).map(([n, v]) => [n, formatMetric(v)]);
      return say([
        `${info.version}  stage ${info.stage}  gate ${
          info.gatePassed ? "pass" : "FAIL"
        }  ${info.createdAt}`,
        `aliases ${info.aliases.map((alias) => `@${alias}`).join(" ") || "none"}  tags ${
          formatTags(info.tags)
        }`,
        "",
        renderTable(["artifact (verified)", "sha256"], artifacts),
        "",
        renderTable(["metric", "value"], metrics, [1]),
        "",
        `validation report: ${report ?? "none (registered before validation reports)"}`,
        "",
        `lineage: ${JSON.stringify(info.lineage, null, 2)}`,
      ].join("\n"));
    }
    case "promote": {
      const change = await promoteVersion(
        root,
        need(a, "promote <version> <stage>"),
        need(b, "promote <version> <stage>"),
        {
          force: flags.booleans.has("force"),
          reason: flags.strings.get("reason"),
          by: flags.strings.get("by"),
        },
      );
      if (json) return print(change.transitions);
      return say(withMigration(change.transitions.map(describe).join("\n"), change.migration));
    }
    case "rollback": {
      const change = await rollbackAlias(root, {
        alias: flags.strings.get("alias"),
        reason: flags.strings.get("reason"),
        by: flags.strings.get("by"),
      });
      if (json) return print(change.transitions);
      const lines = change.transitions.length > 0
        ? change.transitions.map(describe)
        : change.entries.map((e) => `@${e.alias}: ${e.from} → ${e.to} (${e.reason})`);
      return say(withMigration(lines.join("\n"), change.migration));
    }
    case "compare": {
      const rows = await compareVersions(
        root,
        need(a, "compare <a> <b>"),
        need(b, "compare <a> <b>"),
      );
      if (json) return print(rows);
      return say(renderTable(
        ["metric", a, b, "change"],
        rows.map((r) => [r.metric, formatMetric(r.a), formatMetric(r.b), formatChange(r.change)]),
        [1, 2, 3],
      ));
    }
    case "import-xgboost": {
      // Loaded here alone: the importer brings onnxruntime, which the other commands skip.
      const { importXgboostVersion } = await import("../registry/import_xgboost.ts");
      const imported = await importXgboostVersion(root, {
        modelPath: need(a, "import-xgboost <model.json>"),
        from: flags.strings.get("from"),
        name: flags.strings.get("name"),
      });
      return json ? print(imported) : say(describeImport(a!, imported));
    }
    case "sign": {
      const version = need(a, "sign <version>");
      const keys = signingKeysFromEnv();
      if (!canSign(keys)) {
        throw new UsageError(
          `registry sign needs ${SIGNING_KEY_ENV} or ${ED25519_PRIVATE_ENV} set`,
        );
      }
      await signVersion(root, version, keys);
      const algorithm = keys.ed25519Private !== undefined ? "Ed25519" : "HMAC-SHA-256";
      return say(`${version}: signed (${algorithm} of version.json)`);
    }
    default:
      throw new UsageError(`Unknown registry command "${command}"\n${USAGE}`);
  }
}

function need(value: string | undefined, usage: string): string {
  if (value === undefined) throw new UsageError(`Missing argument: registry ${usage}`);
  return value;
}

function describeImport(path: string, imported: ImportedVersion): string {
  const { version, stage } = imported.info;
  if (!imported.created) return `${path} is already registered as ${version} (${stage})`;
  return [
    `registered ${version} from ${path}: ${imported.trees} trees, manifest and serving ` +
    `artifacts of ${imported.from}, ONNX parity ${
      imported.onnxParity.toExponential(1)
    } on probe rows`,
    `no gate has judged it: score it with \`deno task score --version ${version} …\`, ` +
    `or promote it with \`deno task registry promote ${version} Production --force\``,
  ].join("\n");
}

function describe(t: Transition): string {
  return `${t.version}: ${t.from} → ${t.to} (${t.reason})`;
}

function formatMetric(value: number | undefined): string {
  return value === undefined ? "-" : Number.isInteger(value) ? String(value) : value.toFixed(4);
}

function formatChange(value: number | undefined): string {
  return value === undefined ? "-" : `${value >= 0 ? "+" : ""}${value.toFixed(4)}`;
}

function say(text: string): number {
  console.log(text);
  return 0;
}

function print(value: unknown): number {
  console.log(JSON.stringify(value, null, 2));
  return 0;
}

if (import.meta.main) await runEntry(main);
