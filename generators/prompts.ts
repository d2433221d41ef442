// Interactive questions of the new-environment generator. Names match EnvOptions, so plop bypass
// arguments are `--name`, `--lang`, `--executor`, `--dir`, `--image`, `--cpuCores`, `--memoryGb`,
// `--commandTimeout`, `--runtime`.
import type { PromptQuestion } from "node-plop";
import {
  DEFAULTS,
  EXECUTORS,
  checkDir,
  checkExecutor,
  checkImage,
  checkName,
  checkNumber,
  checkRuntime,
  defaultExecutor,
  type Language,
} from "./options.js";

type Answers = Record<string, unknown>;
const valid = (reason: string | null): true | string => reason ?? true;
const numberPrompt = (name: "cpuCores" | "memoryGb" | "commandTimeout", message: string, integer: boolean): PromptQuestion => ({
  type: "input",
  name,
  message,
  default: String(DEFAULTS[name]),
  validate: (value: unknown) => valid(checkNumber(name, value, integer)),
  filter: (value: unknown) => (checkNumber(name, value, integer) ? value : Number(value)),
});

export function newEnvironmentPrompts(): PromptQuestion[] {
  return [
    { type: "input", name: "name", message: "Environment name (e.g. my-env)", validate: (v: string) => valid(checkName(String(v))) },
    { type: "list", name: "lang", message: "Language", choices: ["python", "typescript"], default: DEFAULTS.lang },
    {
      type: "list",
      name: "executor",
      message: "Container executor",
      // Static choices (plop bypass needs them); a choice that does not fit the language is refused.
      choices: [...EXECUTORS.python, ...EXECUTORS.typescript],
      default: (answers: Answers) => defaultExecutor((answers.lang as Language) ?? DEFAULTS.lang),
      validate: (v: string, answers?: Answers) => valid(checkExecutor(String(answers?.lang ?? DEFAULTS.lang), String(v))),
    },
    { type: "input", name: "dir", message: "Folder for environments", default: DEFAULTS.dir, validate: (v: string) => valid(checkDir(String(v))) },
    { type: "input", name: "image", message: "Default container image", default: DEFAULTS.image, validate: (v: string) => valid(checkImage(String(v))) },
    numberPrompt("cpuCores", "CPU cores per container", false),
    numberPrompt("memoryGb", "Memory per container (GB)", false),
    numberPrompt("commandTimeout", "Command timeout (seconds)", true),
    { type: "input", name: "runtime", message: "OCI runtime", default: DEFAULTS.runtime, validate: (v: string) => valid(checkRuntime(String(v))) },
  ] as PromptQuestion[];
}
