// The three tools the benchmark compares, as commands over the same paths, and the untimed probe that checks each
// one found what it should before it is timed.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure } from "./measure.mjs";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = join(REPO, "dist/bin/crunify.js");
/** The node flags the CLI's shebang carries (`#!/usr/bin/env -S node --max-semi-space-size=1`): an installed crunify
 *  runs with them, so the benchmark does too. */
export const CLI_NODE_FLAGS = existsSync(CLI)
  ? (/^#!\S*env -S node(.*)/.exec(readFileSync(CLI, "utf8").split("\n", 1)[0])?.[1] ?? "").split(/\s+/).filter(Boolean)
  : [];
const AST_GREP_CONFIG = join(REPO, "bench/ast-grep/sgconfig.yml");

/**
 * The strings crunify's cheap pre-filters look for before parsing (codemods/languages/python/index.ts INTERESTING,
 * typescript/index.ts SIGNALS), as one case-insensitive rg search: the floor of "read every file, test a string".
 */
const TRIGGERS = "docker|podman|containers\\.|create_container|create_host_config|load_environment|createContainer|loadEnvironment";
const SOURCE_GLOB = "*.{py,ts,tsx,mts,cts,js,jsx,mjs,cjs}";

/** The native ast-grep binary. node_modules/.bin/ast-grep is a node shim when install scripts are off (they are
 *  here), and timing the shim would add a node start-up (~45 ms, ~40 MB) to ast-grep's numbers. */
export function astGrepBinary() {
  const require = createRequire(join(REPO, "package.json"));
  const libc = process.platform === "linux" ? "-gnu" : "";
  try {
    const dir = join(require.resolve(`@ast-grep/cli-${process.platform}-${process.arch}${libc}/package.json`), "..");
    const bin = join(dir, "ast-grep");
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

export function rgBinary() {
  const r = spawnSync("rg", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? "rg" : null;
}

export function versions() {
  const first = (cmd) => (cmd ? spawnSync(cmd, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0].trim() : "absent");
  return { node: process.version, astGrep: first(astGrepBinary()), rg: first(rgBinary()) };
}

/** Commands over `paths` (relative to cwd), by tool: crunify check, ast-grep scan, rg, and crunify apply --dry-run. */
export function commands(paths, cwd) {
  const sg = astGrepBinary();
  const rg = rgBinary();
  return {
    crunify: { command: process.execPath, args: [...CLI_NODE_FLAGS, CLI, "check", ...paths], cwd },
    astGrep: sg ? { command: sg, args: ["scan", "--config", AST_GREP_CONFIG, ...paths], cwd } : null,
    rg: rg ? { command: rg, args: ["-l", "-i", "-e", TRIGGERS, "-g", SOURCE_GLOB, ...paths], cwd } : null,
    apply: { command: process.execPath, args: [...CLI_NODE_FLAGS, CLI, "apply", ...paths, "--dry-run"], cwd },
  };
}

/** Runs each tool once, untimed (this also warms the file cache), and says what it found. With `synthetic`, throws
 *  when crunify reports errors or finds nothing, so a broken build never produces a fast-looking number. */
export function probe(paths, cwd, { withApply = false, synthetic = true } = {}) {
  const cmds = commands(paths, cwd);
  const found = {};
  const check = measure(process.execPath, [...cmds.crunify.args, "--format", "json"], { cwd, capture: true });
  const report = parseJson(check.stdout, "crunify check --format json", check.stderr);
  if (synthetic && (report.summary.errors > 0 || report.findings.length === 0)) {
    throw new Error(`crunify check: ${report.summary.errors} errors, ${report.findings.length} findings in ${cwd}`);
  }
  found.crunify = {
    errors: report.summary.errors,
    findings: report.findings.length,
    sites: report.findings.filter((f) => f.rule === "container-runtime").length,
  };
  if (cmds.astGrep) {
    const sg = measure(cmds.astGrep.command, [...cmds.astGrep.args, "--json=compact"], { cwd, capture: true });
    const matches = parseJson(sg.stdout || "[]", "ast-grep scan --json", sg.stderr);
    const siteRules = /container-runtime|low-level|argv|shell|create-container|dockerode-run/;
    found.astGrep = { matches: matches.length, sites: matches.filter((m) => siteRules.test(m.ruleId)).length };
  }
  if (cmds.rg) {
    const rg = measure(cmds.rg.command, cmds.rg.args, { cwd, capture: true });
    found.rg = { files: rg.stdout.split("\n").filter(Boolean).length };
  }
  if (withApply) {
    const apply = measure(process.execPath, [...cmds.apply.args, "--json"], { cwd, capture: true });
    const applied = parseJson(apply.stdout, "crunify apply --dry-run --json", apply.stderr);
    found.apply = { findings: applied.findings.length, changed: applied.files.filter((f) => f.status === "changed").length };
  }
  return found;
}

function parseJson(text, what, stderr) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} printed no JSON:\n${text.slice(0, 500)}\n${stderr.slice(0, 500)}`);
  }
}
