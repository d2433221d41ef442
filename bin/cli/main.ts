// The CLI's top: pick the command, parse its options with the one front, answer --help / help <command> /
// --version, and turn every error into one line on stderr: usage errors exit 2, anything else exits 1 (the stack
// only with CRUNIFY_DEBUG=1: a user never needs it to act).
import { readFileSync } from "node:fs";
import { packagePath } from "../../codemods/driver/package-root.js";
import { setColorChoice } from "./color.js";
import { COMMANDS, COMMAND_NAMES, globalHelp } from "./commands.js";
import { commandHelp } from "./help.js";
import { parseCommandLine, UsageError } from "./parse.js";
import { suggestion } from "./suggest.js";

function version(): string {
  return JSON.parse(readFileSync(packagePath("package.json"), "utf8")).version;
}

function unknownCommand(name: string): UsageError {
  return new UsageError(`unknown command '${name}'${suggestion(name, COMMAND_NAMES)} (commands: ${COMMAND_NAMES.join(", ")})`);
}

async function dispatch(argv: string[], label: { name: string }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError(`no command given; try 'crunify --help' (commands: ${COMMAND_NAMES.join(", ")})`);
  if (name === "--help" || name === "-h") {
    process.stdout.write(globalHelp());
    return 0;
  }
  if (name === "--version" || name === "-V" || name === "-v") {
    process.stdout.write(version() + "\n");
    return 0;
  }
  if (name === "help") {
    if (rest.length === 0) {
      process.stdout.write(globalHelp());
      return 0;
    }
    const entry = COMMANDS[rest[0]!];
    if (!entry || rest.length > 1) throw entry ? new UsageError(`help takes one command, got ${rest.length}`) : unknownCommand(rest[0]!);
    process.stdout.write(commandHelp((await entry.load()).spec));
    return 0;
  }
  if (name.startsWith("-")) throw new UsageError(`unknown option '${name}'${suggestion(name, ["--help", "--version"])}; options go after the command`);
  const entry = COMMANDS[name];
  if (!entry) throw unknownCommand(name);
  label.name = `crunify ${name}`;
  const command = await entry.load();
  const args = parseCommandLine(command.spec, rest);
  setColorChoice({ force: args.values.color === true, disable: args.values["no-color"] === true });
  if (args.values.help === true) {
    process.stdout.write(commandHelp(command.spec));
    return 0;
  }
  return command.run(args);
}

export async function main(argv: string[]): Promise<number> {
  const label = { name: "crunify" };
  try {
    return await dispatch(argv, label);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${label.name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    const debug = process.env.CRUNIFY_DEBUG === "1" && error instanceof Error ? `\n${error.stack}` : "";
    process.stderr.write(`${label.name}: error: ${message}${debug}\n`);
    return 1;
  }
}
