// An argv assembled step by step: `cmd = ["docker"]`, then `cmd += ["run", ...]`, `cmd.extend(["run", ...])` or
// `cmd.append("run")`. `"--runtime", <expr>` goes right after "run"/"create" where the subcommand is added.
import type { Node } from "web-tree-sitter";
import { CREATE_SUBCOMMANDS } from "../../../model/docker-cli.js";
import type { Edit } from "../../../model/types.js";
import { insertListItemAfter } from "../insert.js";
import type { PyModule } from "../module-index.js";
import { preferredQuote, type Site } from "../site.js";
import { descendants, enclosingStatement, lineIndent, namedChildren, positionalArgs, stringValue, unparenthesized } from "../syntax.js";
import { isDockerExecutable, isRuntimeFlag } from "./docker-argv.js";


/** What a statement adds to the list named `name`: its items, and the list node when it is a literal. */
function addedItems(node: Node, name: string): { items: Node[]; list: Node | null } | null {
  if (node.type === "augmented_assignment" && node.childForFieldName("left")?.text === name) {
    const right = unparenthesized(node.childForFieldName("right"));
    if (node.childForFieldName("operator")?.text === "+=" && right?.type === "list") return { items: namedChildren(right), list: right };
  }
  // `cmd = cmd + ["run", ...]`, or `cmd + ["run", ...]` handed straight to the runner.
  if (node.type === "binary_operator" && node.childForFieldName("operator")?.text === "+" && unparenthesized(node.childForFieldName("left"))?.text === name) {
    const right = unparenthesized(node.childForFieldName("right"));
    if (right?.type === "list") return { items: namedChildren(right), list: right };
  }
  if (node.type === "call") {
    const fn = node.childForFieldName("function");
    if (fn?.type !== "attribute" || fn.childForFieldName("object")?.text !== name) return null;
    const method = fn.childForFieldName("attribute")?.text;
    const first = unparenthesized(positionalArgs(node)[0] ?? null);
    if (method === "extend" && first?.type === "list") return { items: namedChildren(first), list: first };
    if (method === "append" && first) return { items: [first], list: null };
  }
  return null;
}

/** `name = [...]` for the list literal `list`: the assignment, the name, and the function (or module) the list is
 *  built on in; null when the list is anything else. */
export function assignedList(list: Node): { assign: Node; target: Node; scope: Node } | null {
  let outer: Node = list;
  while (outer.parent?.type === "parenthesized_expression") outer = outer.parent;
  const assign = outer.parent;
  const target = assign?.type === "assignment" ? assign.childForFieldName("left") : null;
  if (!assign || !target || target.type !== "identifier" || !assign.childForFieldName("right")?.equals(outer)) return null;
  let scope: Node | null = assign.parent;
  while (scope && scope.type !== "function_definition" && scope.type !== "module") scope = scope.parent;
  return scope ? { assign, target, scope } : null;
}

export function findIncrementalDockerArgv(mod: PyModule): Site[] {
  const sites: Site[] = [];
  for (const list of mod.nodes("list")) {
    const items = namedChildren(list);
    if (items.length !== 1 || !isDockerExecutable(items[0]!)) continue;
    const assigned = assignedList(list);
    if (!assigned) continue;
    const { assign, target, scope } = assigned;
    const later = descendants(scope, ["augmented_assignment", "call", "binary_operator"])
      .filter((n) => n.startIndex > assign.endIndex)
      .map((n) => ({ node: n, added: addedItems(n, target.text) }))
      .filter((x) => x.added !== null);
    const first = later[0];
    const subcommand = first?.added!.items.find((n) => stringValue(n) !== "container");
    const verb = stringValue(subcommand ?? null);
    if (!first || !subcommand || !verb || !CREATE_SUBCOMMANDS.has(verb)) continue;
    const wired = later.some((x) => x.added!.items.some(isRuntimeFlag));
    const q = preferredQuote(mod);
    const added = first.added!;
    sites.push({
      mod,
      node: first.node,
      what: `docker ${verb} argv built step by step`,
      wiredWith: wired ? "--runtime" : null,
      fix: (runtime): Edit[] => {
        if (added.list) return insertListItemAfter(mod.file.text, added.list, subcommand, `${q}--runtime${q}, ${runtime}`);
        const statement = enclosingStatement(first.node);
        const indent = lineIndent(mod.file.text, statement.startIndex);
        return [{ start: statement.endIndex, end: statement.endIndex, text: `\n${indent}${target.text}.extend([${q}--runtime${q}, ${runtime}])` }];
      },
      hint: (runtime) => `\`${q}--runtime${q}, ${runtime}\` after \`${q}${verb}${q}\``,
    });
  }
  return sites;
}
