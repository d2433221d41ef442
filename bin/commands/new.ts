// `crunify new <name> [options]`: arguments and messages only; the work is in generators/new.ts.
import { statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { OptionError, resolveOptions, type EnvOptions } from "../../generators/options.js";
import { UsageError } from "../cli/parse.js";
import { bool, str, type CommandSpec, type ParsedArgs } from "../cli/spec.js";

export const spec: CommandSpec = {
  name: "new",
  usage: "<name> [options]",
  description: "Scaffold a crun-ready environment in <dir>/<name>: code, tests, README and .gitignore; then print the next steps.",
  options: {
    lang: { type: "string", value: "lang", choices: ["python", "typescript"], description: "language", default: "python" },
    executor: {
      type: "string",
      value: "executor",
      choices: ["docker-py", "docker-cli", "dockerode"],
      description: "how containers are made (python: docker-py or docker-cli, default docker-py; typescript: dockerode)",
    },
    dir: { type: "string", value: "folder", description: "folder for environments", default: "environments" },
    image: { type: "string", value: "image", description: "default container image", default: "python:3.11-slim" },
    "cpu-cores": { type: "string", value: "n", description: "CPU cores per container", default: "2" },
    "memory-gb": { type: "string", value: "n", description: "memory per container in GB", default: "4" },
    "command-timeout": { type: "string", value: "seconds", description: "command timeout", default: "90" },
    runtime: { type: "string", value: "name", description: "OCI runtime", default: "crun" },
    yes: { type: "boolean", short: "y", description: "do not ask for confirmation" },
    force: { type: "boolean", description: "overwrite existing files" },
  },
  positionals: { name: "environment name", min: 1, max: 1 },
  exit: "Exit: 0 created, 1 nothing was written (the reason is named), 2 usage error (the bad value is named).",
  examples: ["crunify new my-env", "crunify new my-env --lang typescript", "crunify new my-env --executor docker-cli --runtime runc --dir envs"],
};

/** Every folder on the way to the environment must be a folder (or not exist yet). */
function requireFolders(destBase: string, rel: string, flag: string): void {
  let path = destBase;
  for (const part of rel.split(/[\\/]/).filter(Boolean)) {
    path = join(path, part);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      return; // created by the generator
    }
    if (!isDir) throw new UsageError(`${flag}: ${path} is a file, not a folder`);
  }
}

export async function run(args: ParsedArgs): Promise<number> {
  const dirValue = str(args, "dir")!;
  // An absolute --dir is split into the destination and its last folder, which the generator validates as usual.
  const destBase = isAbsolute(dirValue) ? dirname(dirValue) : process.cwd();
  const dir = isAbsolute(dirValue) ? basename(dirValue) : dirValue;
  let options: EnvOptions;
  try {
    options = resolveOptions({
      name: args.positionals[0],
      lang: str(args, "lang"),
      executor: str(args, "executor"),
      dir,
      image: str(args, "image"),
      cpuCores: str(args, "cpu-cores"),
      memoryGb: str(args, "memory-gb"),
      commandTimeout: str(args, "command-timeout"),
      runtime: str(args, "runtime"),
    });
  } catch (error) {
    if (error instanceof OptionError) throw new UsageError(error.message); // names the flag and the value: `--cpu-cores "0": ...`
    throw error;
  }
  requireFolders(destBase, options.dir, `--dir ${dirValue}`);
  requireFolders(destBase, join(options.dir, options.name), `${options.name}`);
  const target = resolve(destBase, options.dir, options.name);
  const { nextSteps, shownPath } = await import("../../generators/next-steps.js");
  const where = shownPath(target);
  const kind = `${options.lang} environment, ${options.executor} executor, runtime ${options.runtime}`;
  if (!bool(args, "yes") && process.stdin.isTTY && !(await confirm(`Create ${where} (${kind})? [Y/n] `))) {
    process.stderr.write("crunify new: cancelled, nothing was written\n");
    return 1;
  }
  // node-plop (and inquirer) load only once the input is known to be good.
  const { generateEnvironment, GenerateError } = await import("../../generators/new.js");
  try {
    const { changes } = await generateEnvironment(options, { destBase, force: bool(args, "force") });
    const files = changes.filter((c) => c.type === "crunify-render").map((c) => `  ${c.path}`);
    process.stdout.write([`created ${where} (${kind})`, ...files, "", ...nextSteps(options, where), ""].join("\n"));
    return 0;
  } catch (error) {
    if (error instanceof GenerateError) throw new Error(`${error.message}\nnothing was written to ${where}`);
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
