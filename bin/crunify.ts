#!/usr/bin/env node
// Thin entry: pick the command and load only its module, so `crunify check` on Python files never loads ts-morph.
const COMMANDS: Record<string, string> = {
  apply: "./commands/apply.js",
  check: "./commands/check.js",
  audit: "./commands/audit.js",
  readme: "./commands/readme.js",
  new: "./commands/new.js",
  doctor: "./commands/doctor.js",
  bench: "./commands/bench.js",
  demo: "./commands/demo.js",
};

const USAGE = `Usage: crunify <command> [options]

Commands:
  apply [paths...]    add the OCI runtime parameter to every container creation (rewrites files)
  check [paths...]    report what apply would change; exit 1 if anything is missing
  audit [paths...]    one row per environment: crun support yes / no / none and why
  readme <README.md|env-dir>  add Prerequisites and the runtime argument row to a README
  new <name>          scaffold a crun-ready environment
  doctor              check that Docker runs containers with crun here, and say how to fix it
  bench               measure crun against runc on the local engine
  demo                run apply on a copy of the bundled example repo and show the diff and audit

Run 'crunify <command> --help' for the options of a command.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE + "\n");
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-v") {
    const { readFileSync } = await import("node:fs");
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    process.stdout.write(pkg.version + "\n");
    return 0;
  }
  const modulePath = COMMANDS[name];
  if (!modulePath) {
    process.stderr.write(`crunify: unknown command '${name}'\n\n${USAGE}\n`);
    return 2;
  }
  const command: { run(argv: string[]): Promise<number> } = await import(modulePath);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`crunify: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
