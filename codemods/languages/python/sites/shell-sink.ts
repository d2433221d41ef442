// Where a command (a shell string, an argv) runs. `subprocess.run(cmd, shell=True)`, `os.system(...)`,
// `pexpect.spawn(cmd)` or the package's own `self._run(cmd)` run it on this machine, whose engine crunify provisions.
// A runner method of some other object (`computer.send_shell_command(cmd)`, `container.exec_run(cmd)`,
// `conn.run(cmd)`) runs it wherever that object reaches: a task's VM, a container, an SSH host, whose docker may have
// no crun.
import type { Node } from "web-tree-sitter";
import { runsElsewhereReason } from "../../../model/docker-cli.js";
import type { PyModule } from "../module-index.js";
import { descendants } from "../syntax.js";

/** Method names that run what they are given (`exec_run`, `send_shell_command`, `run`, `execute`, `spawn`). */
const RUNNER = /exec|run|shell|command|cmd|spawn|popen|system|call/i;
/** Runners that hand a local function on to a thread or a pool: the command still runs here. */
const LOCAL_DISPATCH = new Set(["run_in_executor", "run_sync", "submit", "map", "imap", "imap_unordered", "starmap", "apply_async", "to_thread", "call_soon", "call_later"]);

/** Nodes a command's text passes through unchanged on its way to a call. */
const CARRIERS = new Set(["binary_operator", "parenthesized_expression", "concatenated_string", "list", "tuple", "conditional_expression", "keyword_argument", "argument_list"]);

/** The call that runs `str`'s command elsewhere, as its callee text; null when every call it reaches runs it here (or
 *  none is found: the string is kept, returned or built on, and then crunify cannot say it runs elsewhere). */
export function remoteRunner(mod: PyModule, str: Node): string | null {
  for (const call of commandCalls(str)) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute") continue;
    const method = fn.childForFieldName("attribute")!.text;
    if (!RUNNER.test(method) || LOCAL_DISPATCH.has(method)) continue;
    const object = fn.childForFieldName("object")!;
    const head = /^[A-Za-z_]\w*/.exec(object.text)?.[0] ?? "";
    // `self._run(cmd)`, `super()._run(cmd)`: the package's own helpers; `subprocess.run`, `asyncio.…`: modules.
    if ((object.type === "identifier" && (head === "self" || head === "cls")) || /^super\s*\(/.test(object.text)) continue;
    if ([...mod.imports].some(([key, binding]) => binding.name === null && key.split(".")[0] === head)) continue;
    return fn.text;
  }
  return null;
}

/** Why a command (a shell string or an argv) that runs through another object's method is left to a human. */
export function ranElsewhere(mod: PyModule, command: Node): string | undefined {
  const runner = remoteRunner(mod, command);
  return runner ? runsElsewhereReason(runner) : undefined;
}

/** The calls `node`'s value is handed to: directly, or through one name it is assigned to (and a `for` over it). */
function commandCalls(node: Node): Node[] {
  const { top, call } = carried(node);
  if (call) return [call];
  const assignment = top.parent;
  const left = assignment?.type === "assignment" && assignment.childForFieldName("right")?.equals(top) ? assignment.childForFieldName("left") : null;
  const scope = left?.type === "identifier" ? enclosingScope(assignment!) : null;
  if (!left || !scope) return [];
  return readsOf(left.text, scope, assignment!.endIndex).flatMap((use) => {
    const reached = carried(use);
    if (reached.call) return [reached.call];
    // `for cmd in cmds: run(cmd)`
    const loop = reached.top.parent;
    const variable = loop?.type === "for_statement" && loop.childForFieldName("right")?.equals(reached.top) ? loop.childForFieldName("left") : null;
    const body = loop?.childForFieldName("body");
    if (variable?.type !== "identifier" || !body) return [];
    return readsOf(variable.text, body, body.startIndex).flatMap((v) => carried(v).call ?? []);
  });
}

/** Up through carriers: the call whose arguments hold it, or the outermost carrier when there is none. */
function carried(node: Node): { top: Node; call: Node | null } {
  let top = node;
  for (let parent = node.parent; parent && CARRIERS.has(parent.type); parent = parent.parent) {
    if (parent.type === "argument_list") return { top, call: parent.parent?.type === "call" ? parent.parent : null };
    top = parent;
  }
  return { top, call: null };
}

function enclosingScope(node: Node): Node | null {
  let scope: Node | null = node.parent;
  while (scope && scope.type !== "function_definition" && scope.type !== "module") scope = scope.parent;
  return scope;
}

/** Reads of `name` in `scope` from offset `from` on. */
function readsOf(name: string, scope: Node, from: number): Node[] {
  return descendants(scope, "identifier").filter((id) => id.text === name && id.startIndex >= from);
}
