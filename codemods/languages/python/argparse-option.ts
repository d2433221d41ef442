// A script's entry point called from the command line: `main(**vars(args))` after `args = parser.parse_args()` (SWE-bench's
// run_evaluation). Nobody can pass a runtime to module-level code, but its users can pass one on the command line: the
// parser gains `--runtime` (default crun), and `**vars(args)` hands it to `main` as it hands every other option.
import type { Node } from "web-tree-sitter";
import type { Fix } from "../../model/frontend.js";
import type { PyModule } from "./module-index.js";
import { dictSplats, lineIndent, namedChildren, positionalArgs, stringValue, unparenthesized } from "./syntax.js";

export type CommandLineOption = { state: "wired" } | { state: "fixable"; fix: Fix };

/** The option to add for `name` when `call` hands a parsed argparse namespace on whole (`**vars(args)`); null when
 *  it does not, or the parser cannot be found. "wired" once the parser has the option. */
export function argparseOption(mod: PyModule, call: Node, name: string, runtimeDefault: string): CommandLineOption | null {
  const splat = dictSplats(call).map((s) => unparenthesized(namedChildren(s)[0] ?? null)).find((e) => e?.type === "call" && e.childForFieldName("function")?.text === "vars");
  const namespace = splat && unparenthesized(positionalArgs(splat)[0] ?? null);
  if (namespace?.type !== "identifier") return null;
  // `args = parser.parse_args()` before the call, in the same block.
  const parsed = assignmentBefore(call, namespace.text, (value) => value.type === "call" && /^\w+\.parse_args$/.test(value.childForFieldName("function")?.text ?? ""));
  const parser = parsed?.childForFieldName("function")?.childForFieldName("object")?.text;
  if (!parsed || !parser) return null;
  const adds = mod.nodes("call").filter(
    (c) => c.startIndex < parsed.startIndex && c.childForFieldName("function")?.text === `${parser}.add_argument` && c.parent?.type === "expression_statement" && sameBlock(c.parent, call),
  );
  const last = adds.at(-1)?.parent;
  if (!last) return null;
  const flag = `--${name.replace(/_/g, "-")}`;
  if (adds.some((add) => positionalArgs(add).some((arg) => stringValue(arg) === flag))) return { state: "wired" };
  const q = mod.quote;
  const help = `OCI runtime for the containers (${runtimeDefault}; runc as fallback)`;
  const statement = `${parser}.add_argument(${q}${flag}${q}, default=${q}${runtimeDefault}${q}, help=${q}${help}${q})`;
  const indent = lineIndent(mod.file.text, last.startIndex);
  return { state: "fixable", fix: { edits: [{ start: last.endIndex, end: last.endIndex, text: `\n${indent}${statement}` }], add: `\`${flag}\` to \`${parser}\`, which \`**vars(${namespace.text})\` hands on` } };
}

/** The value of the last `name = <value>` before `node` in its block (or a block around it), when `test` holds. */
function assignmentBefore(node: Node, name: string, test: (value: Node) => boolean): Node | null {
  for (let block = node.parent; block; block = block.parent) {
    if (block.type !== "block" && block.type !== "module") continue;
    const found = namedChildren(block)
      .filter((s) => s.endIndex <= node.startIndex && s.type === "expression_statement")
      .map((s) => s.namedChildren[0])
      .filter((a): a is Node => a?.type === "assignment" && a.childForFieldName("left")?.text === name)
      .at(-1);
    const value = unparenthesized(found?.childForFieldName("right") ?? null);
    if (found) return value && test(value) ? value : null;
    if (block.type === "module") return null;
  }
  return null;
}

/** `statement` sits in the block that holds `call`, or in one around it (a parser built before `if __name__`). */
function sameBlock(statement: Node, call: Node): boolean {
  for (let block = call.parent; block; block = block.parent) {
    if ((block.type === "block" || block.type === "module") && statement.parent?.equals(block)) return true;
  }
  return false;
}
