import { displayPath, errorLines, jsonReport } from "../../codemods/core/format-report.js";
import { runCodemods } from "../../codemods/core/run.js";
import { guard, parseCodemodArgs } from "./codemod-args.js";

const HELP = `Usage: crunify audit [paths...] [--json]

One row per environment (a folder whose code defines load_environment / loadEnvironment):
crun support yes / no / none, and why.`;

export async function run(argv: string[]): Promise<number> {
  return guard(async () => {
    const args = parseCodemodArgs("audit", argv);
    if (args.help) {
      process.stdout.write(HELP + "\n");
      return 0;
    }
    const report = await runCodemods({ ...args.run, readme: false });
    if (args.json) {
      process.stdout.write(jsonReport(report) + "\n");
    } else {
      const rows = report.environments.map((e) => [e.name, e.support, e.reason, displayPath(e.path)]);
      const header = ["environment", "crun", "reason", "path"];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
      process.stdout.write([line(header), ...rows.map(line)].join("\n") + "\n");
      if (rows.length === 0) process.stdout.write("(no environments found: no load_environment / loadEnvironment)\n");
      for (const l of errorLines(report)) process.stderr.write(l + "\n");
    }
    return report.errors > 0 ? 1 : 0;
  });
}
