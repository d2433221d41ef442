// A docker argv whose subcommand and flags come from a helper of the same module: `["docker", *self._run_args(name)]`,
// `["docker"] + run_args(name)`, `create_subprocess_exec("docker", *args())`. Where the helper returns a literal that
// starts with run/create, `"--runtime", <expr>` goes into that literal, inside the helper (which then holds the runtime
// as any site's function does). A helper that builds its run/create argv some other way is reported.
import type { Node } from "web-tree-sitter";
import { CREATE_SUBCOMMANDS } from "../../../model/docker-cli.js";
import { insertListItemAfter } from "../insert.js";
import type { PyModule } from "../module-index.js";
import { findMethod } from "../scope.js";
import { preferredQuote, type Site } from "../site.js";
import { calleeName, classOfMethod, descendants, enclosingFunctions, namedChildren, stringValue, unparenthesized } from "../syntax.js";
import { isDockerExecutable, isRuntimeFlag } from "./docker-argv.js";

const EXEC_CALLS = new Set(["create_subprocess_exec", "execvp", "execlp", "spawnlp"]);

/** A string "run" or "create" anywhere in the text (the helper may hold a subcommand). */
const CREATE_LITERAL = /["'](?:run|create)["']/;

/** The call that supplies everything after the executable, when `node` is an argv built that way. */
function helperCall(node: Node): Node | null {
  if (node.type === "binary_operator") {
    if (node.childForFieldName("operator")?.text !== "+") return null;
    const left = unparenthesized(node.childForFieldName("left"));
    const right = unparenthesized(node.childForFieldName("right"));
    const head = left?.type === "list" || left?.type === "tuple" ? namedChildren(left) : [];
    return head.length === 1 && isDockerExecutable(head[0]!) && right?.type === "call" ? right : null;
  }
  if (node.type === "argument_list" && !(node.parent?.type === "call" && EXEC_CALLS.has(calleeName(node.parent) ?? ""))) return null;
  const items = namedChildren(node).filter((n) => n.type !== "keyword_argument");
  const [exe, rest] = items;
  if (!exe || !isDockerExecutable(exe) || rest?.type !== "list_splat") return null;
  const inner = unparenthesized(namedChildren(rest)[0] ?? null);
  return inner?.type === "call" ? inner : null;
}

/** The def a call names: `self.name(...)` / `cls.name(...)` in a method of the same class, or a function of the module. */
function helperDef(mod: PyModule, call: Node): Node | null {
  const fn = call.childForFieldName("function");
  if (fn?.type === "identifier") return mod.functions.get(fn.text) ?? null;
  if (fn?.type !== "attribute" || !["self", "cls"].includes(fn.childForFieldName("object")?.text ?? "")) return null;
  const method = enclosingFunctions(call)[0];
  const cls = method ? classOfMethod(method) : null;
  return cls ? findMethod(cls, fn.childForFieldName("attribute")!.text) : null;
}

/** The lists and tuples the def itself returns (not those of a def nested in it). */
function returnedLiterals(def: Node): Node[] {
  return descendants(def, "return_statement")
    .filter((ret) => enclosingFunctions(ret)[0]?.equals(def))
    .map((ret) => unparenthesized(namedChildren(ret)[0] ?? null))
    .filter((value): value is Node => value?.type === "list" || value?.type === "tuple");
}

export function findDockerArgvFromHelper(mod: PyModule): Site[] {
  const sites: Site[] = [];
  const seen = new Set<number>();
  const q = preferredQuote(mod);
  // `[...] + helper(...)` is rare: the tree is walked for it only where the text may hold one.
  const sums = /[\])]\s*\+\s*[\w.]+\(/.test(mod.file.text) ? descendants(mod.tree.rootNode, "binary_operator") : [];
  const argvs = [...mod.nodes("list"), ...mod.nodes("tuple"), ...mod.nodes("argument_list"), ...sums];
  for (const argv of argvs) {
    const call = helperCall(argv);
    const def = call && helperDef(mod, call);
    if (!call || !def || !CREATE_LITERAL.test(def.text)) continue;
    const name = def.childForFieldName("name")!.text;
    const literals = returnedLiterals(def).flatMap((list) => {
      const items = namedChildren(list);
      const subcommand = items[stringValue(items[0] ?? null) === "container" ? 1 : 0];
      const verb = stringValue(subcommand ?? null);
      return subcommand && verb && CREATE_SUBCOMMANDS.has(verb) ? [{ list, items, subcommand, verb }] : [];
    });
    if (literals.length === 0) {
      if (seen.has(call.startIndex)) continue;
      seen.add(call.startIndex);
      sites.push({
        mod,
        node: call,
        what: `docker argv from ${name}()`,
        wiredWith: null,
        manual: `\`${name}()\` builds its subcommand and flags in a way crunify does not follow: add \`"--runtime", <runtime>\` after its run/create`,
        fix: () => [],
        hint: () => "",
      });
      continue;
    }
    for (const { list, items, subcommand, verb } of literals) {
      if (seen.has(list.startIndex)) continue;
      seen.add(list.startIndex);
      const flag = items.find(isRuntimeFlag);
      sites.push({
        mod,
        node: list,
        what: `docker ${verb} argv returned by ${name}()`,
        wiredWith: flag ? (flag.nextNamedSibling?.text ?? flag.text) : null,
        fix: (runtime) => insertListItemAfter(mod.file.text, list, subcommand, `${q}--runtime${q}, ${runtime}`),
        hint: (runtime) => `\`${q}--runtime${q}, ${runtime}\` after \`${q}${verb}${q}\``,
      });
    }
  }
  return sites;
}
