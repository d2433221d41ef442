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
  const namespace = varsSplat(call);
  if (!namespace) return null;
  // Every option reaches every function the namespace is splatted into: one that would not take the runtime
  // (`show_plan(**vars(args))` beside `main(**vars(args))`) would fail on it.
  if (mod.nodes("call").some((other) => !other.equals(call) && varsSplat(other)?.text === namespace.text)) return null;
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
  // The option there already: ours (an earlier run, or a hand that wrote it for the OCI runtime), or one that means
  // something else (a time limit) and would reach the new parameter: that is left to the note.
  const existing = adds.filter((add) => positionalArgs(add).some((arg) => stringValue(arg) === flag) || stringValue(keyword(add, "dest")) === name);
  if (existing.length > 0) return existing.every((add) => namesOciRuntime(add)) ? { state: "wired" } : null;
  const q = mod.quote;
  const help = `OCI runtime for the containers (${runtimeDefault}; runc as fallback)`;
  const statement = `${parser}.add_argument(${q}${flag}${q}, default=${q}${runtimeDefault}${q}, help=${q}${help}${q})`;
  const text = mod.file.text;
  const indent = lineIndent(text, last.startIndex);
  // After a comment that ends the statement's line: the comment stays with its statement.
  const lineEnd = text.indexOf("\n", last.endIndex);
  const at = /^[ \t]*(#[^\n]*)?\r?$/.test(text.slice(last.endIndex, lineEnd < 0 ? text.length : lineEnd)) ? (lineEnd < 0 ? text.length : text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd) : last.endIndex;
  return { state: "fixable", fix: { edits: [{ start: at, end: at, text: `\n${indent}${statement}` }], add: `\`${flag}\` to \`${parser}\`, which \`**vars(${namespace.text})\` hands on` } };
}

/** `args` in a call's `**vars(args)`, or null. */
function varsSplat(call: Node): Node | null {
  const splat = dictSplats(call).map((s) => unparenthesized(namedChildren(s)[0] ?? null)).find((e) => e?.type === "call" && e.childForFieldName("function")?.text === "vars");
  const namespace = splat ? unparenthesized(positionalArgs(splat)[0] ?? null) : null;
  return namespace?.type === "identifier" ? namespace : null;
}

function keyword(call: Node, name: string): Node | null {
  const arg = namedChildren(call.childForFieldName("arguments")).find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === name);
  return arg?.childForFieldName("value") ?? null;
}

/** An option that is the OCI runtime by what it says: its help, or a runtime name as its default. */
function namesOciRuntime(add: Node): boolean {
  const help = stringValue(keyword(add, "help")) ?? "";
  const fallback = stringValue(keyword(add, "default")) ?? "";
  return /\bOCI\b/i.test(help) || /^(crun|runc|runsc|kata(-runtime)?|nvidia|youki|gvisor)$/.test(fallback);
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
