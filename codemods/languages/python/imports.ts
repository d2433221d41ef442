// Making a standard-library name available in a file the way its author would: reuse an existing import
// (`import functools` → `functools.partial`, `from functools import partial` → `partial`), else extend an existing
// `from module import ...` at the top level, else add `import module` among the file's standard-library imports
// where isort would put it (sorted among the `import x` lines, which come before the `from x import y` ones), else
// after the last import, else after the docstring.
import type { Node } from "web-tree-sitter";
import type { Edit } from "../../model/types.js";
import type { PyModule } from "./module-index.js";
import { children, namedChildren } from "./syntax.js";

/** Modules crunify may import, and the usual neighbours that mark a file's standard-library block. */
const STDLIB = new Set([
  "abc", "argparse", "asyncio", "base64", "collections", "concurrent", "contextlib", "copy", "dataclasses", "datetime",
  "enum", "functools", "glob", "hashlib", "importlib", "inspect", "io", "itertools", "json", "logging", "math", "os",
  "pathlib", "random", "re", "shlex", "shutil", "signal", "socket", "string", "subprocess", "sys", "tempfile",
  "textwrap", "threading", "time", "traceback", "typing", "uuid", "warnings",
]);

export function addImport(mod: PyModule, module: string, attr: string | null): { name: string; edits: Edit[] } {
  for (const [local, binding] of mod.imports) {
    if (binding.module === module && binding.name === null && !local.includes(".")) {
      return { name: attr ? `${local}.${attr}` : local, edits: [] };
    }
    if (attr && binding.module === module && binding.name === attr) return { name: local, edits: [] };
  }
  const text = mod.file.text;
  const top = namedChildren(mod.tree.rootNode);
  const imports = top.filter((s) => /^(import_statement|import_from_statement|future_import_statement)$/.test(s.type));
  const taken = attr !== null && (mod.imports.has(attr) || mod.classes.has(attr) || mod.functions.has(attr) || mod.values.has(attr));
  if (attr && !taken) {
    const from = imports.find((s) => s.type === "import_from_statement" && s.childForFieldName("module_name")?.text === module);
    const extended = from && extendFromImport(from, attr);
    if (extended) return { name: attr, edits: [extended] };
  }
  const qualified = attr ? `${module}.${attr}` : module;
  const stdlib = imports.filter((s) => STDLIB.has(rootModule(s)));
  // isort's (and ruff's) order in a section: the `import x` lines sorted, then the `from x import y` lines.
  const plain = stdlib.filter((s) => s.type === "import_statement");
  const before = plain.find((s) => rootModule(s).toLowerCase() > module.toLowerCase()) ?? (plain.length === 0 ? stdlib[0] : undefined);
  if (before) {
    const lineStart = text.lastIndexOf("\n", before.startIndex - 1) + 1;
    return { name: qualified, edits: [{ start: lineStart, end: lineStart, text: `import ${module}\n` }] };
  }
  const after = plain.at(-1) ?? imports.at(-1);
  if (after) {
    const lineEnd = endOfLine(text, after.endIndex);
    return { name: qualified, edits: [{ start: lineEnd, end: lineEnd, text: `\nimport ${module}` }] };
  }
  // No imports: after the module docstring, else at the very top (after a shebang / encoding line).
  const first = top[0];
  if (first?.type === "expression_statement" && first.namedChildren[0]?.type === "string") {
    const lineEnd = text.indexOf("\n", first.endIndex);
    if (lineEnd === -1) return { name: qualified, edits: [{ start: text.length, end: text.length, text: `\nimport ${module}\n` }] };
    return { name: qualified, edits: [{ start: lineEnd + 1, end: lineEnd + 1, text: `import ${module}\n` }] };
  }
  let offset = 0;
  while (/^#[^\n]*\n/.test(text.slice(offset)) && /^#(!|.*coding[:=])/.test(text.slice(offset))) {
    offset = text.indexOf("\n", offset) + 1;
  }
  return { name: qualified, edits: [{ start: offset, end: offset, text: `import ${module}\n` }] };
}

/** `from dataclasses import dataclass` → `from dataclasses import dataclass, field` (inside parentheses too). */
function extendFromImport(statement: Node, attr: string): Edit | null {
  const names = namedChildren(statement).filter((n) => n.type === "dotted_name" || n.type === "aliased_import").slice(1);
  const last = names.at(-1);
  if (!last || namedChildren(statement).some((n) => n.type === "wildcard_import")) return null;
  const tokens = children(statement);
  const next = tokens[tokens.findIndex((t) => t.startIndex === last.startIndex) + 1];
  // A trailing comma inside parentheses: the new name goes after it.
  if (next?.type === ",") return { start: next.endIndex, end: next.endIndex, text: ` ${attr},` };
  return { start: last.endIndex, end: last.endIndex, text: `, ${attr}` };
}

function rootModule(statement: Node): string {
  const target =
    statement.type === "import_from_statement"
      ? statement.childForFieldName("module_name")
      : namedChildren(statement).map((n) => (n.type === "aliased_import" ? n.childForFieldName("name") : n))[0];
  return target?.text.split(".")[0] ?? "";
}

function endOfLine(text: string, offset: number): number {
  let lineEnd = text.indexOf("\n", offset);
  if (lineEnd === -1) return text.length;
  if (text[lineEnd - 1] === "\r") lineEnd--;
  return lineEnd;
}
