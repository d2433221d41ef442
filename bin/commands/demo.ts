// `npm start`: apply crunify to a temporary copy of the bundled example repository and show what it did.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findingLine, humanSummary, unifiedDiff } from "../../codemods/core/format-report.js";
import { runCodemods } from "../../codemods/core/run.js";
import { defaultOptions } from "../../codemods/core/defaults.js";

export async function run(argv: string[]): Promise<number> {
  const source = argv[0] ?? fileURLToPath(new URL("../../../fixtures/example-repo", import.meta.url));
  const work = mkdtempSync(join(tmpdir(), "crunify-demo-"));
  const copy = join(work, "example-repo");
  cpSync(source, copy, { recursive: true });
  const keep = process.env.CRUNIFY_DEMO_KEEP === "1";
  const cwd = process.cwd();
  try {
    process.chdir(work);
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    process.stdout.write(`# crunify apply on a copy of ${source}\n\n`);
    const applied = await runCodemods({ ...defaultOptions(), paths: [copy], mode: "apply", force: true });
    for (const change of applied.changes) process.stdout.write(unifiedDiff(change.path, change.before, change.after, color));
    process.stdout.write(`\n${humanSummary(applied, "wired")}\n`);

    process.stdout.write(`\n# crunify audit\n\n`);
    for (const env of applied.environments) process.stdout.write(`${env.name.padEnd(16)} ${env.support.padEnd(5)} ${env.reason}\n`);

    const checked = await runCodemods({ ...defaultOptions(), paths: [copy], mode: "check" });
    const open = checked.findings.filter((f) => !f.ignored);
    process.stdout.write(`\n# crunify check after apply: ${open.length === 0 ? "clean" : `${open.length} findings`}\n`);
    for (const f of open) process.stdout.write(findingLine(f) + "\n");
    if (keep) process.stdout.write(`\n(kept the copy in ${copy})\n`);
    return applied.errors > 0 || open.some((f) => f.fix.length > 0) ? 1 : 0;
  } finally {
    process.chdir(cwd);
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}
