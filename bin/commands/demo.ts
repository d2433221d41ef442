// `npm start`: apply crunify to a temporary copy of the bundled example repository and show what it did.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packagePath } from "../../codemods/driver/package-root.js";
import { findingLine, humanSummary, unifiedDiff } from "../../codemods/driver/format-report.js";
import { runCodemods } from "../../codemods/driver/run.js";
import { defaultOptions } from "../../codemods/driver/defaults.js";
import { writeFileAtomic } from "../../codemods/driver/source-file-io.js";
import { colorEnabled } from "../cli/color.js";
import { UsageError } from "../cli/parse.js";
import type { CommandSpec, ParsedArgs } from "../cli/spec.js";

export const spec: CommandSpec = {
  name: "demo",
  usage: "[repo]",
  description:
    "Copies the bundled example repository (or <repo>) to a temp folder, runs apply on the copy and prints the diff,\n" +
    "the audit table and a check of the result. Nothing outside the copy is touched; CRUNIFY_DEMO_KEEP=1 keeps it.",
  options: {},
  positionals: { name: "repository folder", min: 0, max: 1 },
  exit: "Exit: 0 the copy was wired and checks clean, 1 otherwise.",
};

export async function run(args: ParsedArgs): Promise<number> {
  const source = args.positionals[0] ?? packagePath("fixtures", "example-repo");
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new UsageError(`${source}: no such folder`);
  const work = mkdtempSync(join(tmpdir(), "crunify-demo-"));
  const copy = join(work, "example-repo");
  cpSync(source, copy, { recursive: true });
  const keep = process.env.CRUNIFY_DEMO_KEEP === "1";
  const cwd = process.cwd();
  try {
    process.chdir(work);
    const color = colorEnabled(process.stdout);
    process.stdout.write(`# crunify apply on a copy of ${source}\n\n`);
    const applied = await runCodemods({ ...defaultOptions(), paths: [copy], mode: "apply", force: true });
    for (const change of applied.changes) process.stdout.write(unifiedDiff(change.path, change.before, change.after, color));
    process.stdout.write(`\n${humanSummary(applied, "wired")}\n`);

    process.stdout.write(`\n# crunify audit --format md (also written into the copy's README.md)\n\n`);
    const { auditTable, replaceMarkedBlock } = await import("../../codemods/readme/index.js");
    const table = auditTable(applied.environments.map((e) => ({ name: e.name, support: e.support, reason: e.reason })));
    const readme = join(copy, "README.md");
    writeFileAtomic(readme, replaceMarkedBlock(readFileSync(readme, "utf8"), "audit", table));
    process.stdout.write(table);

    const checked = await runCodemods({ ...defaultOptions(), paths: [copy], mode: "check" });
    const open = checked.findings.filter((f) => !f.ignored);
    process.stdout.write(`\n# crunify check after apply: ${open.length === 0 ? "clean" : `${open.length} findings`}\n`);
    for (const f of open) process.stdout.write(findingLine(f, "error", color) + "\n");
    if (keep) process.stdout.write(`\n(kept the copy in ${copy})\n`);
    return applied.errors > 0 || open.some((f) => f.fix.length > 0) ? 1 : 0;
  } finally {
    process.chdir(cwd);
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}
