// `docker compose up` / `docker-compose run` started from Python. Compose has no `--runtime` flag: the compose files
// read `runtime: ${OCI_RUNTIME:-crun}` (the compose frontend adds it), so the call passes the runtime as that variable
// in the child's environment: `env={**os.environ, "OCI_RUNTIME": self.runtime}` on the subprocess call, or
// `OCI_RUNTIME=<quoted> ` in front of a shell command.
import type { Node } from "web-tree-sitter";
import type { Edit } from "../../../model/types.js";
import { addImport } from "../imports.js";
import { insertListItem } from "../insert.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";
import { callArguments, calleeName, children, descendants, enclosingFunctions, inReplacementField, isDocstring, keywordArg, namedChildren, positionalArgs, stringValue, unparenthesized } from "../syntax.js";
import { afterPrompt, COMPOSE_CREATING, composeArguments, composeSubcommand, SHELL_COMPOSE_COMMAND } from "../../../model/docker-cli.js";
import { isDockerExecutable } from "./docker-argv.js";
import { isMessage } from "./docker-shell-string.js";
import { shProgram } from "./sh-program.js";
import type { FinderContext } from "./index.js";

/** `compose_args("up"`, `self._compose(name, "run"`: a helper named for compose with a creating verb as an argument. */
const COMPOSE_HELPER_TEXT = /compose\w*\([^()]*["'](?:up|run|create)["']/i;
/** Process runners whose first argument is the argv. */
const RUNNERS = new Set(["run", "Popen", "call", "check_call", "check_output", "create_subprocess_exec", "spawn", "execvp", "execv"]);
/** subprocess's runners, which take the child's environment as `env=` (`pty.spawn`, `os.execv` take none). */
const ENV_RUNNERS = new Set(["run", "Popen", "call", "check_call", "check_output"]);

export function findDockerComposeCalls(mod: PyModule, ctx: FinderContext): Site[] {
  const variable = ctx.options.runtimeVariable ?? "OCI_RUNTIME";
  const sites: Site[] = [];
  for (const seq of [...mod.nodes("list"), ...mod.nodes("tuple")]) {
    const verb = composeVerb(namedChildren(seq).map((n) => stringValue(n)));
    if (!verb) continue;
    const runner = runnerOf(seq);
    sites.push(argvSite(mod, seq, runner, verb, variable));
  }
  // Walking every call costs a crossing into the parser per call: only a module that names such a helper with a
  // creating verb among its arguments is walked.
  for (const call of COMPOSE_HELPER_TEXT.test(mod.file.text) ? mod.nodes("call") : []) {
    const helper = composeHelperArgv(call);
    if (helper) {
      const reason = `the compose command line comes from \`${helper.text}\`: where it brings services up, pass \`${variable}\` in the child's environment by hand`;
      sites.push({ mod, node: helper, what: `docker compose argv from \`${helper.text}\``, wiredWith: null, manual: reason, fix: () => [], hint: () => "" });
      continue;
    }
    const wrapper = composeWrapperCall(mod, call);
    if (!wrapper) continue;
    const reason = `\`${wrapper.name}\` runs compose out of sight: where it brings services up, pass \`${variable}\` in the child's environment by hand`;
    sites.push({ mod, node: call, what: `${wrapper.name}(... ${mod.quote}${wrapper.verb}${mod.quote} ...)`, wiredWith: null, manual: reason, fix: () => [], hint: () => "" });
  }
  for (const str of mod.nodes("string")) {
    // An f-string's text comes in pieces between its replacement fields (`f"cd {d} && docker compose up"`): any may hold it.
    const content = children(str).find((c) => c.type === "string_content" && SHELL_COMPOSE_COMMAND.test(c.text));
    const match = content && SHELL_COMPOSE_COMMAND.exec(content.text);
    if (!content || !match || afterPrompt(content.text, match.index + match[1]!.length) || isDocstring(str) || isMessage(str)) continue;
    const at = content.startIndex + match.index + match[1]!.length;
    const isF = children(str)[0]!.text.toLowerCase().includes("f");
    const wired = str.text.includes(variable);
    sites.push({
      mod,
      node: str,
      what: `docker compose in a shell string`,
      wiredWith: wired ? variable : null,
      manual: !isF && /[{}]/.test(str.text) ? `the string has braces (str.format?): put \`${variable}=<runtime> \` before \`docker compose\` by hand` : undefined,
      fix: (runtime) => {
        const quote = addImport(mod, "shlex", "quote");
        const edits: Edit[] = [...quote.edits];
        if (!isF) edits.push({ start: str.startIndex, end: str.startIndex, text: "f" });
        edits.push({ start: at, end: at, text: `${variable}={${quote.name}(${inReplacementField(str, runtime)})} ` });
        return edits;
      },
      hint: (runtime) => `\`${variable}={shlex.quote(${runtime})}\` before \`docker compose\``,
    });
  }
  return sites;
}

/** `["docker", "compose", ..., "up"]`, `["docker-compose", "-f", f, "run", ...]`: the creating verb, or null. */
export function composeVerb(values: (string | null)[]): string | null {
  const rest = values.length > 0 ? composeArguments(values[0], values.slice(1)) : null;
  const verb = rest && composeSubcommand(rest);
  return verb && COMPOSE_CREATING.has(verb) ? verb : null;
}

/** A process runner's argv that a helper named for compose builds around a creating subcommand it is handed:
 *  `subprocess.run(self.compose_args("up", "-d"))`, `["docker", *self._compose("up")]` (dockge-style stacks). */
function composeHelperArgv(call: Node): Node | null {
  const fn = call.childForFieldName("function");
  const name = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : fn?.text;
  if (!name || !/compose/i.test(name) || !positionalArgs(call).some((arg) => COMPOSE_CREATING.has(stringValue(arg) ?? ""))) return null;
  const parent = call.parent;
  if (parent?.type === "argument_list" && positionalArgs(parent.parent!)[0]?.equals(call)) {
    const runner = parent.parent!.childForFieldName("function");
    const runnerName = runner?.type === "attribute" ? runner.childForFieldName("attribute")?.text : runner?.text;
    return runnerName && RUNNERS.has(runnerName) ? call : null;
  }
  if (parent?.type === "list_splat" && parent.parent && (parent.parent.type === "list" || parent.parent.type === "argument_list")) {
    const first = namedChildren(parent.parent)[0];
    return first && !first.equals(parent) && isDockerExecutable(first) ? call : null;
  }
  return null;
}

/** `self.compose("up", "-d")`, `docker_compose_cli("up")`: the package's own wrapper named for compose, called with a
 *  creating subcommand, whose result is not an argv handed on (that is `composeHelperArgv`'s). The sh library's
 *  `docker_compose` is a site of its own (sh-library-command.ts). */
function composeWrapperCall(mod: PyModule, call: Node): { name: string; verb: string } | null {
  const fn = call.childForFieldName("function");
  if (shProgram(mod, fn)) return null;
  const name = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : fn?.type === "identifier" ? fn.text : undefined;
  if (!name || !/compose/i.test(name) || call.parent?.type === "argument_list" || call.parent?.type === "list_splat") return null;
  const verb = positionalArgs(call).map((arg) => stringValue(arg)).find((v) => v !== null && COMPOSE_CREATING.has(v));
  return verb ? { name, verb } : null;
}

/** The call that runs the argv: it is the call's first argument, or a variable the call passes later in the function. */
function runnerOf(seq: Node): Node | null {
  if (seq.parent?.type === "argument_list" && positionalArgs(seq.parent.parent!)[0]?.equals(seq)) return seq.parent.parent;
  let held: Node = seq;
  while (held.parent?.type === "parenthesized_expression") held = held.parent;
  const assign = held.parent?.type === "assignment" ? held.parent : null;
  const name = assign?.childForFieldName("left")?.text;
  const scope = enclosingFunctions(seq)[0];
  if (!name || !scope) return null;
  // A process runner that takes it: `" ".join(cmd)` in a log line before it takes it too, and has no environment.
  const takers = descendants(scope, "call").filter((call) => call.startIndex > seq.endIndex && positionalArgs(call)[0]?.text === name);
  return takers.find((call) => ENV_RUNNERS.has(calleeName(call) ?? "")) ?? null;
}

function argvSite(mod: PyModule, seq: Node, runner: Node | null, verb: string, variable: string): Site {
  const base = { mod, node: seq, what: `docker compose ${verb} argv` };
  if (!runner) return { ...base, wiredWith: null, manual: `the command runs out of sight: pass \`${variable}\` in its environment by hand`, fix: () => [], hint: () => "" };
  return { ...base, ...variableInChildEnvironment(mod, runner, "env", variable) };
}

/** The runtime as `variable` in the environment a call hands its child (`env=` for subprocess, `_env=` for sh): a
 *  dict literal gets the pair, a missing one is the parent's environment plus the pair (it replaces the whole
 *  environment), anything else is left to a human. */
export function variableInChildEnvironment(mod: PyModule, call: Node, keyword: string, variable: string): Pick<Site, "wiredWith" | "manual" | "fix" | "hint"> {
  const q = mod.quote;
  const value = unparenthesized(keywordArg(call, keyword)?.childForFieldName("value") ?? null);
  const wiredWith = value?.text.includes(variable) ? variable : null;
  if (value && value.type !== "dictionary") {
    return { wiredWith, manual: `the child's environment is built elsewhere (\`${keyword}=${value.text}\`): add \`${q}${variable}${q}\` there`, fix: () => [], hint: () => "" };
  }
  return {
    wiredWith,
    fix(runtime) {
      const pair = `${q}${variable}${q}: ${runtime}`;
      if (value) return insertListItem(mod.file.text, value, pair);
      const os = addImport(mod, "os", null);
      return [...os.edits, ...insertListItem(mod.file.text, callArguments(call)!, `${keyword}={**${os.name}.environ, ${pair}}`)];
    },
    hint: (runtime) => `\`${keyword}={**os.environ, ${q}${variable}${q}: ${runtime}}\``,
  };
}
