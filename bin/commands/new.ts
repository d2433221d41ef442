// `crunify new <name> [options]`: argument parsing only; the work is in generators/new.ts.
import { basename, dirname, isAbsolute, join } from "node:path";
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { OptionError, resolveOptions, type EnvOptions } from "../../generators/options.js";

const USAGE = `Usage: crunify new <name> [options]

Scaffold a crun-ready environment in <dir>/<name>.

Options:
  --lang python|typescript           language (default python)
  --executor docker-py|docker-cli|dockerode
                                     how containers are made (default docker-py for python, dockerode for typescript)
  --dir <folder>                     folder for environments (default environments)
  --image <image>                    default container image (default python:3.11-slim)
  --cpu-cores <n>                    CPU cores per container (default 2)
  --memory-gb <n>                    memory per container in GB (default 4)
  --command-timeout <seconds>        command timeout (default 90)
  --runtime <name>                   OCI runtime (default crun)
  --yes, -y                          do not ask for confirmation
  --force                            overwrite existing files`;

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: "string" },
        executor: { type: "string" },
        dir: { type: "string" },
        image: { type: "string" },
        "cpu-cores": { type: "string" },
        "memory-gb": { type: "string" },
        "command-timeout": { type: "string" },
        runtime: { type: "string" },
        yes: { type: "boolean", short: "y" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    process.stderr.write(`crunify new: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`crunify new: expected one environment name, got ${positionals.length}\n\n${USAGE}\n`);
    return 2;
  }
  // An absolute --dir is split into the destination and its last folder, which the generator validates as usual.
  const destBase = values.dir && isAbsolute(values.dir) ? dirname(values.dir) : process.cwd();
  const dir = values.dir && isAbsolute(values.dir) ? basename(values.dir) : values.dir;
  let options: EnvOptions;
  try {
    options = resolveOptions({
      name: positionals[0],
      lang: values.lang,
      executor: values.executor,
      dir,
      image: values.image,
      cpuCores: values["cpu-cores"],
      memoryGb: values["memory-gb"],
      commandTimeout: values["command-timeout"],
      runtime: values.runtime,
    });
  } catch (error) {
    if (error instanceof OptionError) {
      process.stderr.write(`crunify new: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const where = join(destBase === process.cwd() ? "" : destBase, options.dir, options.name);
  if (!values.yes && process.stdin.isTTY && !(await confirm(`Create ${options.lang} environment ${where} (${options.executor}, runtime ${options.runtime})? [Y/n] `))) {
    process.stderr.write("crunify new: cancelled\n");
    return 1;
  }
  // node-plop (and inquirer) load only once the input is known to be good.
  const { generateEnvironment, GenerateError } = await import("../../generators/new.js");
  try {
    const { changes } = await generateEnvironment(options, { destBase, force: values.force === true });
    const files = changes.filter((c) => c.type === "crunify-render").map((c) => `  ${c.path}`);
    process.stdout.write(`created ${where}\n${files.join("\n")}\n`);
    return 0;
  } catch (error) {
    if (error instanceof GenerateError) {
      process.stderr.write(`crunify new: ${error.message}\nnothing was written to ${where}\n`);
      return 1;
    }
    throw error;
  }
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return !/^n/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
