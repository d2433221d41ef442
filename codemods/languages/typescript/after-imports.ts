// Where a file's own declarations begin: after its imports (ESM, `import x = require()`, and the leading
// `const x = require()` of CommonJS) and directives ("use strict"). New top-level code goes there.
import type { SourceFile, Statement } from "ts-morph";
import { Node } from "./ts-morph.js";
import type { Edit } from "../../model/types.js";
import { insertAt } from "./list-insert.js";

/** Insert `code` (one or more lines, no trailing newline) after the imports: a blank line before it unless `grouped`
 *  (another import joins the imports), a blank line after it when it goes first. */
export function insertAfterImports(sf: SourceFile, code: string, grouped = false): Edit {
  const last = lastImport(sf);
  if (last) return insertAt(last.getEnd(), grouped ? `\n${code}` : `\n\n${code}`);
  const first = sf.getStatements()[0];
  return insertAt(first ? first.getStart(true) : 0, `${code}\n\n`);
}

/** A new relative import: where its path sorts among the file's imports when they are kept sorted (biome's
 *  organizeImports, eslint's import/order alphabetize reject one appended last); after the imports otherwise. */
export function insertRelativeImport(sf: SourceFile, code: string, specifier: string): Edit {
  const imports = sf.getImportDeclarations();
  const keys = imports.map((d) => importOrder(d.getModuleSpecifierValue()));
  const sorted = keys.every((key, i) => i === 0 || keys[i - 1]! <= key);
  if (imports.length < 2 || !sorted) return insertAfterImports(sf, code, true);
  const next = keys.findIndex((key) => key > importOrder(specifier));
  if (next < 0) return insertAt(imports.at(-1)!.getEnd(), `\n${code}`);
  return next > 0 ? insertAt(imports[next - 1]!.getEnd(), `\n${code}`) : insertAt(imports[0]!.getStart(), `${code}\n`);
}

/** Sort key of an import source, as the sorters order them: `node:` modules, packages, then paths, the farther first
 *  (`../../a` before `../b` before `./c` and `.`), each group alphabetically. */
function importOrder(spec: string): string {
  if (/^[a-z]+:/.test(spec)) return `1 ${spec.toLowerCase()}`;
  if (!spec.startsWith(".")) return `2 ${spec.toLowerCase()}`;
  const parts = spec.split("/");
  const depth = parts.findIndex((part) => part !== "..") < 0 ? parts.length : parts.findIndex((part) => part !== "..");
  const rest = parts.filter((part, i) => i >= depth && !(i === 0 && part === ".")).join("/").toLowerCase();
  return `3 ${String(99 - depth).padStart(2, "0")} ${rest}`;
}

function lastImport(sf: SourceFile): Statement | undefined {
  let last: Statement | undefined;
  for (const statement of sf.getStatements()) {
    if (isImportLike(statement)) last = statement;
    else break;
  }
  // ESM imports may follow other statements; the last of them still ends the import block.
  return sf.getImportDeclarations().at(-1) ?? last;
}

function isImportLike(statement: Statement): boolean {
  if (Node.isImportDeclaration(statement) || Node.isImportEqualsDeclaration(statement)) return true;
  if (Node.isExpressionStatement(statement) && Node.isStringLiteral(statement.getExpression())) return true; // "use strict"
  if (!Node.isVariableStatement(statement)) return false;
  return statement.getDeclarations().every((d) => /^\(?\s*(await\s+)?require\s*\(/.test(d.getInitializer()?.getText() ?? ""));
}
