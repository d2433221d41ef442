// The shared front of the small commands: parse the options, answer --help, and turn a bad option into exit 2.
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Parsed options, or the exit code when there is nothing more to do (help printed: 0; bad usage: 2). */
export function commandLine<T extends ParseArgsConfig>(command: string, help: string, config: T): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    process.stderr.write(`crunify ${command}: ${(error as Error).message}\n\n${help}\n`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(help + "\n");
    return 0;
  }
  return parsed;
}
