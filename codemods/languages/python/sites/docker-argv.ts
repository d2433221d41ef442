// `docker run` / `docker create` as an argv: list or tuple literals (passed directly or built in a variable) and the
// positional arguments of `asyncio.create_subprocess_exec("docker", "run", ...)`. `"--runtime", <expr>` goes right after run/create.
import type { Node } from "web-tree-sitter";
import { insertListItemAfter } from "../insert.js";
import type { PyModule } from "../module-index.js";
import { preferredQuote, type Site } from "../site.js";
import { calleeName, namedChildren, paramName, stringValue } from "../syntax.js";
import { ranElsewhere } from "./shell-sink.js";
import { CREATE_SUBCOMMANDS, dockerSubcommandIndex, engineName, isDockerExecutableName, isDockerRunFlag, isRuntimeFlagText, namesDockerExecutable } from "../../../model/docker-cli.js";

/** Calls whose positional arguments are an argv. */
const EXEC_CALLS = new Set(["create_subprocess_exec", "execvp", "execlp", "spawnlp"]);

/** A literal "docker"/"podman" (or a path to it), or an expression that names the docker executable. */
export function isDockerExecutable(node: Node): boolean {
  const value = stringValue(node);
  if (value !== null) return isDockerExecutableName(value);
  if (node.type === "string" || node.type === "concatenated_string") return false;
  return namesDockerExecutable(node.text);
}

/** An executable from a field, parameter or config whose name says nothing (`cfg.container_tool`), followed by a
 *  create subcommand and a flag only `docker run` takes. */
function isUnnamedExecutable(exe: Node, afterSubcommand: Node[]): boolean {
  if (exe.type !== "identifier" && exe.type !== "attribute" && exe.type !== "subscript") return false;
  return afterSubcommand.some((item) => isDockerRunFlag(stringValue(item) ?? ""));
}

export function isRuntimeFlag(node: Node): boolean {
  const value = stringValue(node);
  if (value !== null) return isRuntimeFlagText(value);
  return node.type === "string" && node.text.includes("--runtime");
}

/** `if "udocker" in cmd: argv = [cmd, "run", "--nobanner"]` (cwltool): the branch is for an engine that takes no
 *  `--runtime` (udocker rejects an unknown option), whatever the variable is called. */
function otherEngineBranch(exe: Node, seq: Node): boolean {
  if (stringValue(exe) !== null) return false;
  for (let cur = seq.parent; cur && cur.type !== "function_definition" && cur.type !== "module"; cur = cur.parent) {
    if (cur.type !== "if_statement" && cur.type !== "elif_clause") continue;
    const condition = cur.childForFieldName("condition");
    const consequence = cur.childForFieldName("consequence");
    if (!condition || !consequence || seq.startIndex < consequence.startIndex || seq.endIndex > consequence.endIndex) continue;
    if (condition.text.includes(exe.text) && /["'](?:udocker|singularity|apptainer)["']/.test(condition.text)) return true;
  }
  return false;
}

/** The left operand of `<program> + [...]` when it names docker's executable (`self._docker_cmd()`, `DOCKER_BIN`). */
function programBefore(seq: Node): Node | null {
  const parent = seq.parent;
  if (seq.type !== "list" || parent?.type !== "binary_operator" || parent.childForFieldName("operator")?.text !== "+") return null;
  const left = parent.childForFieldName("left");
  if (!left || parent.childForFieldName("right")?.id !== seq.id || stringValue(left) !== null) return null;
  return namesDockerExecutable(left.text) ? left : null;
}

/** `cmd = self._docker_cmd() + [action]` in `def _build_run_create_cmd(self, action, ...)` (localstack): the subcommand
 *  is a parameter, and a call in the module passes "run" or "create" for it. That call's text, else null. */
function creatingCall(mod: PyModule, word: Node): string | null {
  if (word.type !== "identifier") return null;
  let fn = word.parent;
  while (fn && fn.type !== "function_definition") fn = fn.parent;
  const name = fn?.childForFieldName("name")?.text;
  if (!fn || !name) return null;
  const params = namedChildren(fn.childForFieldName("parameters")).map(paramName);
  const index = params.indexOf(word.text);
  if (index < 0) return null;
  const bound = params[0] === "self" || params[0] === "cls" ? 1 : 0;
  for (const call of mod.nodes("call")) {
    const callee = call.childForFieldName("function");
    if ((callee?.type === "attribute" ? callee.childForFieldName("attribute")?.text : callee?.text) !== name) continue;
    const args = namedChildren(call.childForFieldName("arguments"));
    const keyword = args.find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === word.text);
    const positional = args.filter((a) => a.type !== "keyword_argument");
    const value = keyword ? keyword.childForFieldName("value") : positional.slice(0, index - bound + 1).some((a) => a.type === "list_splat" || a.type === "dictionary_splat") ? null : positional[index - bound];
    if (CREATE_SUBCOMMANDS.has(stringValue(value ?? null) ?? "")) return `${callee!.text}(${value!.text}, ...)`;
  }
  return null;
}

export function findDockerArgv(mod: PyModule): Site[] {
  const sites: Site[] = [];
  const sequences = [...mod.nodes("list"), ...mod.nodes("tuple"), ...mod.nodes("argument_list")];
  for (const seq of sequences) {
    if (seq.type === "argument_list") {
      const call = seq.parent;
      if (call?.type !== "call" || !EXEC_CALLS.has(calleeName(call) ?? "")) continue;
    }
    const own = namedChildren(seq).filter((n) => n.type !== "keyword_argument");
    // `self._docker_cmd() + ["run", "--rm", image]` (localstack): the program is the list the literal extends.
    const prefix = programBefore(seq);
    const items = prefix ? [prefix, ...own] : own;
    const exe = items[0];
    if (!exe) continue;
    // Past docker's global options (`"--context", "remote"`), then `container run` or `run`.
    // (An f-string option, `f"--host={host}"`, is read by its literal start.)
    let sub = dockerSubcommandIndex(items.map((item) => stringValue(item) ?? (item.type === "string" ? item.text.replace(/^[a-zA-Z]*['"]+/, "") : null)), 1);
    if (sub < 0) continue;
    if (stringValue(items[sub] ?? null) === "container") sub++;
    const subcommand = items[sub];
    const verb = stringValue(subcommand ?? null);
    const fromCallers = subcommand && verb === null && isDockerExecutable(exe) && !items.some(isRuntimeFlag) ? creatingCall(mod, subcommand) : null;
    if (fromCallers) {
      const reason = `the subcommand is \`${subcommand!.text}\`, which \`${fromCallers}\` makes a container-creating one: add \`"--runtime", runtime\` after it when it is run or create, by hand`;
      sites.push({ mod, node: seq, what: `docker argv with the subcommand from its callers`, wiredWith: null, manual: reason, fix: () => [], hint: () => "" });
      continue;
    }
    if (!subcommand || !verb || !CREATE_SUBCOMMANDS.has(verb)) continue;
    if (!isDockerExecutable(exe) && !isUnnamedExecutable(exe, items.slice(sub + 1))) continue;
    if (otherEngineBranch(exe, seq)) continue;
    const q = preferredQuote(mod);
    const flag = items.find(isRuntimeFlag);
    sites.push({
      mod,
      node: seq,
      what: `${engineName(stringValue(exe))} ${verb} argv`,
      wiredWith: flag ? (flag.nextNamedSibling?.text ?? flag.text) : null,
      manual: seq.type === "argument_list" ? undefined : ranElsewhere(mod, seq),
      fix: (runtime) => insertListItemAfter(mod.file.text, seq, subcommand, `${q}--runtime${q}, ${runtime}`),
      hint: (runtime) => `\`${q}--runtime${q}, ${runtime}\` after \`${q}${verb}${q}\``,
    });
  }
  return sites;
}
