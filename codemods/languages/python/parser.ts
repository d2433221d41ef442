// The Python parser: tree-sitter-python's shipped wasm through web-tree-sitter (no native build, ~20 ms to load).
import { createRequire } from "node:module";
import type { Node, Parser as ParserType, Tree } from "web-tree-sitter";

let parserPromise: Promise<ParserType> | undefined;

async function loadParser(): Promise<ParserType> {
  const { Parser, Language } = await import("web-tree-sitter");
  await Parser.init();
  const require = createRequire(import.meta.url);
  const wasm = require.resolve("tree-sitter-python/tree-sitter-python.wasm");
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export function pythonParser(): Promise<ParserType> {
  parserPromise ??= loadParser();
  return parserPromise;
}

export async function parsePython(text: string): Promise<Tree> {
  return parseWith(await pythonParser(), text);
}

/** `parsePython` once the parser is loaded: a lookup that reaches an unread file parses it then and there. */
export function parseWith(parser: ParserType, text: string): Tree {
  // CPython reads a lone "\r" as a line break, tree-sitter-python does not: parse a copy with "\n" there instead
  // (same length, so every offset and node text still matches the original).
  const tree = parser.parse(text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}

/** The first ERROR or MISSING node, or null when the tree is clean. */
export function firstSyntaxError(root: Node): Node | null {
  if (!root.hasError) return null;
  const cursor = root.walk();
  // Depth-first, entering only subtrees that contain an error.
  for (;;) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) return node;
    if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return root;
    }
  }
}

export function describeSyntaxError(node: Node): string {
  const where = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
  if (node.isMissing) return `syntax error at ${where}: missing ${node.type}`;
  const snippet = node.text.split("\n")[0]!.slice(0, 30);
  return `syntax error at ${where}${snippet ? ` near '${snippet}'` : ""}`;
}
