// How a file writes code (quotes, semicolons, indentation, types), so inserted code matches it.
import type { SourceFile } from "ts-morph";
import { ts } from "./ts-morph.js";
import { indentUnit } from "./text-layout.js";

export interface FileStyle {
  quote: '"' | "'";
  semi: string;
  indent: string;
  /** JS files get no type annotations. */
  typed: boolean;
  /** The file has no string literal to copy the quote from (a module of interfaces): the package's is used. */
  quoteGuessed?: true;
}

const STATEMENT_KINDS = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.ExpressionStatement,
  ts.SyntaxKind.ReturnStatement,
]);

export function detectStyle(sf: SourceFile, typed: boolean): FileStyle {
  const text = sf.getFullText();
  const counts = { single: 0, double: 0, semi: 0, bare: 0 };
  // Raw compiler nodes: sampling style must not pay for wrapping every node.
  const visit = (node: ts.Node): void => {
    if (counts.single + counts.double < 40 && node.kind === ts.SyntaxKind.StringLiteral) {
      if (text[node.getStart()] === "'") counts.single++;
      else counts.double++;
    }
    if (counts.semi + counts.bare < 60 && STATEMENT_KINDS.has(node.kind)) {
      if (text[node.getEnd() - 1] === ";") counts.semi++;
      else counts.bare++;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf.compilerNode);
  return {
    quote: counts.single > counts.double ? "'" : '"',
    semi: counts.bare > counts.semi ? "" : ";",
    indent: indentUnit(text),
    typed,
    ...(counts.single + counts.double === 0 ? { quoteGuessed: true as const } : {}),
  };
}

/** Files with no string literal of their own write the quote most files of the group write. */
export function shareQuotes(styles: FileStyle[]): void {
  const known = styles.filter((s) => !s.quoteGuessed);
  const single = known.filter((s) => s.quote === "'").length;
  const quote = single * 2 > known.length ? "'" : '"';
  for (const style of styles) if (style.quoteGuessed && known.length > 0) style.quote = quote;
}

/** A string literal in the file's quote style (values we insert never contain quotes or backslashes). */
export function quoted(style: FileStyle, value: string): string {
  return `${style.quote}${value}${style.quote}`;
}
