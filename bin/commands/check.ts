import { errorLines, findingLine, humanSummary, jsonReport } from "../../codemods/core/format-report.js";
import { runCodemods } from "../../codemods/core/run.js";
import { guard, parseCodemodArgs } from "./codemod-args.js";

const HELP = `Usage: crunify check [paths...] [options]

Reports, without writing anything, every container creation that does not pass the OCI runtime, every owner and
call that does not carry it to load_environment, and READMEs that do not document it. One finding per line:
  path:line:col rule-id message
Options: --json, --runtime-default <name>, --param-name <name>, --third-party <module[=reason]>, --no-readme
Exit: 0 clean, 1 findings or errors, 2 usage error.`;

export async function run(argv: string[]): Promise<number> {
  return guard(async () => {
    const args = parseCodemodArgs("check", argv);
    if (args.help) {
      process.stdout.write(HELP + "\n");
      return 0;
    }
    const report = await runCodemods(args.run);
    const open = report.findings.filter((f) => !f.ignored);
    if (args.json) {
      process.stdout.write(jsonReport(report) + "\n");
    } else {
      for (const f of open) process.stdout.write(findingLine(f) + "\n");
      for (const line of errorLines(report)) process.stdout.write(line + "\n");
      process.stderr.write(humanSummary(report, "to wire") + "\n");
    }
    return open.length > 0 || report.errors > 0 ? 1 : 0;
  });
}
