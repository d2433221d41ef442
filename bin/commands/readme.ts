// crunify readme <env-dir|README.md>: add the Prerequisites content and the runtime argument row to one environment
// README, following the audit: an environment that creates no containers (or whose containers a library makes) gets
// nothing, and the text names the parameter the code really takes.
import { readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { defaultOptions } from "../../codemods/driver/defaults.js";
import { displayPath, errorLines, findingLine, unifiedDiff } from "../../codemods/driver/format-report.js";
import { runCodemods, type EnvironmentReport } from "../../codemods/driver/run.js";
import type { ReadmeContext } from "../../codemods/readme/index.js";
import { colorEnabled } from "../cli/color.js";
import { openOutput } from "../cli/output.js";
import { UsageError } from "../cli/parse.js";
import { OUTPUT_FILE_OPTION, bool, str, type CommandSpec, type ParsedArgs } from "../cli/spec.js";
import { NAMING_OPTIONS, namingOptions } from "./codemod-args.js";
import { withFileLock } from "../../codemods/driver/file-lock.js";
import { loadSource } from "../../codemods/driver/source-file-io.js";
import { writeTarget, writeTextFile } from "../../codemods/driver/write-file.js";
import { gitFacts } from "../../codemods/driver/git.js";
import { blockReason } from "../../codemods/driver/write-guard.js";

const LANGUAGES = ["python", "typescript"] as const;

export const spec: CommandSpec = {
  name: "readme",
  usage: "<env-dir|README.md> [options]",
  description: [
    "Adds what the crun guide asks of an environment README, without touching a line already there: a Prerequisites",
    "section (Docker must run, the default runtime, how to verify it, the runc fallback; how to install crun when it is",
    "the default) and a row for the runtime parameter in the environment-arguments table.",
    "It follows the audit: an environment that creates no containers, or whose containers a library creates, is left alone.",
  ].join("\n"),
  options: {
    "dry-run": { type: "boolean", description: "print the diff (git apply reads it), write nothing" },
    force: { type: "boolean", description: "write even where git holds no clean copy of the README (uncommitted, ignored, outside a work tree)" },
    lang: { type: "string", value: "lang", choices: LANGUAGES, description: "python or typescript (default: the environment's language)" },
    ...NAMING_OPTIONS,
    "output-file": OUTPUT_FILE_OPTION,
  },
  positionals: { name: "environment folder or README.md", min: 1, max: 1 },
  exit: "Exit: 0 written or nothing to add, 1 the README cannot be patched (named), 2 usage error (not a folder or *.md, not an environment).",
};

/** The README to patch: the Markdown file itself, or the README.md (any case) in the folder. */
function resolveReadme(target: string): string {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    throw new UsageError(`${target}: no such file or folder`);
  }
  if (!isDir) {
    if (!/\.md$/i.test(target)) throw new UsageError(`${target}: not a Markdown file; give the environment folder or its README.md`);
    return target;
  }
  const name = readdirSync(target).find((entry) => entry.toLowerCase() === "readme.md");
  if (!name) throw new Error(`${target}: no README.md in this folder`);
  return join(target, name);
}

/** The audit of the README's folder: the environment rooted there, or a usage error when there is none. */
async function auditEnvironment(dir: string, naming: ReturnType<typeof namingOptions>): Promise<EnvironmentReport> {
  const report = await runCodemods({ ...defaultOptions(naming), paths: [dir], mode: "audit", readme: false });
  if (report.errors > 0) throw new Error(`cannot audit the environment:\n${errorLines(report).join("\n")}`);
  const env = report.environments.find((e) => e.path === dir);
  if (!env) {
    throw new UsageError(`${displayPath(dir)} is not an environment (no load_environment / loadEnvironment rooted there); give an environment folder`);
  }
  return env;
}

const BOM = "\uFEFF";

export async function run(args: ParsedArgs): Promise<number> {
  const naming = namingOptions(args);
  const readme = resolveReadme(args.positionals[0]!);
  const out = openOutput(str(args, "output-file"));
  const dir = resolve(dirname(readme));
  const shown = displayPath(resolve(readme));
  const env = await auditEnvironment(dir, naming);
  if (env.support !== "yes") {
    process.stderr.write(`${shown}: nothing to document: ${env.name} ${env.support === "none" ? "creates no containers" : `is left alone (${env.reason})`}\n`);
    out.close();
    return 0;
  }
  const language = (str(args, "lang") as ReadmeContext["language"] | undefined) ?? (env.language === "typescript" ? "typescript" : "python");
  const ctx: ReadmeContext = { language, envId: env.id, paramName: env.paramName ?? naming.paramName, runtimeDefault: naming.runtimeDefault };
  const { patchReadme, planReadme } = await import("../../codemods/readme/index.js");
  // The one write path's rules: a symlink is written through to its target inside the tree; only UTF-8 is read.
  const target = writeTarget(readme, { symlinks: "follow" });
  const loaded = loadSource(target);
  if (!loaded.ok) {
    process.stderr.write(`${shown}: error: ${loaded.reason}; nothing written\n`);
    out.close();
    return 1;
  }
  const { text, bom: hasBom, hash } = loaded.source;
  const bom = hasBom ? BOM : "";

  const findings = planReadme(text, ctx);
  if (findings.length === 0) {
    process.stderr.write(`${shown}: already documents Docker, ${ctx.runtimeDefault} and the \`${ctx.paramName}\` argument; nothing to add\n`);
    out.close();
    return 0;
  }
  const color = colorEnabled(process.stderr);
  // What it adds, as notes (an edit it cannot make is an error), in the same GNU style as `crunify check`.
  for (const { line, col, message, fix } of findings) {
    const finding = { path: resolve(readme), line, col, rule: "readme-runtime" as const, message, fix };
    process.stderr.write(findingLine(finding, fix.length === 0 ? "error" : "note", color) + "\n");
  }
  const patched = patchReadme(text, ctx);
  if (patched === text) {
    process.stderr.write(`${shown}: nothing written\n`);
    out.close();
    return 1;
  }
  if (bool(args, "dry-run")) {
    out.write(unifiedDiff(resolve(readme), bom + text, bom + patched, out.color));
  } else {
    // The same git guard as apply: only a README git holds a clean copy of is rewritten without --force.
    const block = bool(args, "force") ? null : blockReason(target, gitFacts([target]));
    if (block) {
      process.stderr.write(`${shown}: error: ${block.reason}; nothing written\n`);
      out.close();
      return 1;
    }
    await withFileLock(target, () => writeTextFile(target, patched, { bom: hasBom, expectedHash: hash }));
    out.write(`changed ${shown}\n`);
  }
  out.close();
  return 0;
}
