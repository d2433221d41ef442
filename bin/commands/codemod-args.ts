// Options shared by apply / check / audit (and the runtime naming ones by readme), and the "nothing matched" rule.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_RUNTIME_VARIABLE, DEFAULT_THIRD_PARTY, RUNTIME_NAME, VARIABLE_NAME, defaultOptions } from "../../codemods/driver/defaults.js";
import { displayPath } from "../../codemods/driver/format-report.js";
import { isInside } from "../../codemods/driver/paths.js";
import type { RunOptions, RunReport, Mode } from "../../codemods/driver/run.js";
import { validateParamName } from "../../codemods/model/param-name.js";
import type { CodemodOptions } from "../../codemods/model/types.js";
import { LANGUAGES } from "../../codemods/languages/registry.js";
import { UsageError } from "../cli/parse.js";
import { bool, list, str, type OptionSpec, type ParsedArgs } from "../cli/spec.js";

export const NAMING_OPTIONS: Record<string, OptionSpec> = {
  "runtime-default": { type: "string", value: "name", default: "crun", description: "default value of the runtime parameter" },
  "param-name": { type: "string", value: "name", default: "runtime", description: "name of the runtime parameter" },
};

export const CODEMOD_OPTIONS: Record<string, OptionSpec> = {
  ...NAMING_OPTIONS,
  "third-party": {
    type: "string",
    multiple: true,
    value: "module[=reason]",
    description: "another library that creates containers itself (its environments are left alone)",
  },
  "runtime-variable": {
    type: "string",
    value: "name",
    default: DEFAULT_RUNTIME_VARIABLE,
    description: "the variable compose files read the runtime from: runtime: ${OCI_RUNTIME:-crun}",
  },
  "no-readme": { type: "boolean", description: "leave READMEs alone" },
  force: { type: "boolean", description: "write even where the files have uncommitted git changes" },
};

export const ALLOW_EMPTY_OPTION: OptionSpec = {
  type: "boolean",
  description: "exit 0 when the paths hold no file crunify reads (default: exit 2, as for a mistyped path)",
};

/** --runtime-default and --param-name, checked: they end up in code and in argv. */
export function namingOptions(args: ParsedArgs): Pick<CodemodOptions, "runtimeDefault" | "paramName"> {
  const runtimeDefault = str(args, "runtime-default") ?? "crun";
  const paramName = str(args, "param-name") ?? "runtime";
  if (!RUNTIME_NAME.test(runtimeDefault)) {
    throw new UsageError(`--runtime-default '${runtimeDefault}' is not a runtime name (letters, digits, '_', '.', '-'; not starting with '-')`);
  }
  const paramProblem = validateParamName(paramName, LANGUAGES.map((l) => l.id));
  if (paramProblem) throw new UsageError(`--param-name '${paramName}': ${paramProblem}`);
  return { runtimeDefault, paramName };
}

export function runOptions(args: ParsedArgs, mode: Mode): RunOptions {
  const thirdParty = [
    ...DEFAULT_THIRD_PARTY,
    ...list(args, "third-party").map((spec) => {
      const [module, reason] = spec.split("=", 2);
      if (!module) throw new UsageError(`--third-party '${spec}': expected MODULE or MODULE=REASON`);
      return { module, reason: reason ?? `container creation is delegated to ${module}` };
    }),
  ];
  const runtimeVariable = str(args, "runtime-variable") ?? DEFAULT_RUNTIME_VARIABLE;
  if (!VARIABLE_NAME.test(runtimeVariable)) {
    throw new UsageError(`--runtime-variable '${runtimeVariable}' is not an environment variable name (letters, digits, '_')`);
  }
  return {
    ...defaultOptions({ ...namingOptions(args), thirdParty, runtimeVariable }),
    paths: args.positionals.length > 0 ? args.positionals : ["."],
    mode,
    dryRun: bool(args, "dry-run"),
    force: bool(args, "force"),
    readme: !bool(args, "no-readme"),
  };
}

const LANGUAGE_NAMES: Record<string, string> = { python: "Python", typescript: "TypeScript/JavaScript", compose: "Compose" };
const NAMES = LANGUAGES.map((l) => LANGUAGE_NAMES[l.id] ?? l.id);
export const LANGUAGE_LIST = NAMES.length > 1 ? `${NAMES.slice(0, -1).join(", ")} or ${NAMES.at(-1)}` : NAMES.join("");

function isFolder(path: string): boolean | undefined {
  try {
    return statSync(resolve(path)).isDirectory();
  } catch {
    return undefined; // discovery says it does not exist
  }
}

/** eslint's "no files matching": a file crunify does not read is most likely a wrong path. Checked before the run. */
export function requireReadableFiles(paths: string[], reads: { file: (path: string) => boolean; what: string }, allowEmpty: boolean): void {
  if (allowEmpty) return;
  for (const given of paths) {
    if (isFolder(given) === false && !reads.file(resolve(given))) {
      throw new UsageError(`${given}: not a file crunify reads (${reads.what}; --allow-empty to accept)`);
    }
  }
}

/** A folder that holds no file any language reads is most likely a wrong path too (pre-commit passes files, so it is
 *  not affected). Checked on the run's report: `files` lists every file the run looked at. */
export function requireCandidates(report: RunReport, paths: string[], allowEmpty: boolean): void {
  if (allowEmpty) return;
  for (const given of paths) {
    const abs = resolve(given);
    if (isFolder(given) && !report.files.some((f) => f.path === abs || isInside(f.path, abs))) {
      throw new UsageError(`no ${LANGUAGE_LIST} files under ${displayPath(abs)} (--allow-empty to accept)`);
    }
  }
}
