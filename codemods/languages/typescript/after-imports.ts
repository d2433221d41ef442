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

/** A new relative import: where its specifier sorts among the file's relative imports when they are kept sorted
 *  (biome's organizeImports, eslint's import/order alphabetize would reject it last); after the imports otherwise. */
export function insertRelativeImport(sf: SourceFile, code: string, specifier: string): Edit {
  const imports = sf.getImportDeclarations();
  const relative = imports.filter((d) => d.getModuleSpecifierValue().startsWith("."));
  const key = (spec: string) => spec.toLowerCase();
  const sorted = relative.every((d, i) => i === 0 || key(relative[i - 1]!.getModuleSpecifierValue()) <= key(d.getModuleSpecifierValue()));
  const run = relative.length >= 2 && relative.every((d) => imports.indexOf(d) - imports.indexOf(relative[0]!) === relative.indexOf(d));
  if (!sorted || !run) return insertAfterImports(sf, code, true);
  const next = relative.find((d) => key(d.getModuleSpecifierValue()) > key(specifier));
  if (!next) return insertAt(relative.at(-1)!.getEnd(), `\n${code}`);
  const before = imports[imports.indexOf(next) - 1];
  return before ? insertAt(before.getEnd(), `\n${code}`) : insertAt(next.getStart(), `${code}\n`);
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
