import type { Root, RootContent, Table } from "mdast";
import { nodeText, startOffset } from "./node-text.js";
import { findSection, outline, sectionEnd, type OutlineHeading } from "./outline.js";

const ARGUMENT_HEADINGS = /\b(arguments?|args|parameters?|params|options|configuration|config)\b/;
const NAME_HEADER = /^(arg|args|argument|arguments|name|parameter|parameters|param|option|key)$/;

/** Every GFM table in the document (tables in code fences are code, not tables). */
export function allTables(tree: Root): Table[] {
  const tables: Table[] = [];
  const visit = (node: RootContent) => {
    if (node.type === "table") tables.push(node);
    else if ("children" in node) (node.children as RootContent[]).forEach(visit);
  };
  tree.children.forEach(visit);
  return tables;
}

export function headerNames(table: Table): string[] {
  return (table.children[0]?.children ?? []).map((cell) => nodeText(cell).trim().toLowerCase());
}

/** Header name without markup: "`Default`" → "default". */
function bare(name: string): string {
  return name.replace(/[`*_]/g, "").trim();
}

function looksLikeArguments(table: Table): boolean {
  const names = headerNames(table).map(bare);
  return names.some((n) => NAME_HEADER.test(n)) && names.some((n) => n.startsWith("default"));
}

/** True when a body row's first cell names the parameter (`` `runtime` ``, runtime, "runtime"). */
export function documentsParam(table: Table, paramName: string): boolean {
  return table.children.slice(1).some((row) => {
    const first = row.children[0];
    return first !== undefined && nodeText(first).trim().replace(/^["'`]+|["'`]+$/g, "") === paramName;
  });
}

export type ArgumentsLocation =
  | { kind: "table"; table: Table }
  | { kind: "section"; heading: OutlineHeading; headingIndex: number; headings: OutlineHeading[] }
  | { kind: "none"; headings: OutlineHeading[] };

/** The environment-arguments table: the first table under an arguments heading, else the first table whose
 *  header has a name column and a Default column. Without a table, the arguments section if there is one. */
export function locateArguments(tree: Root, text: string): ArgumentsLocation {
  const headings = outline(tree, text);
  const tables = allTables(tree);
  const sectionIndex = findSection(headings, (title) => ARGUMENT_HEADINGS.test(title));
  if (sectionIndex !== -1) {
    const from = headings[sectionIndex]!.start;
    const to = sectionEnd(headings, sectionIndex, text.length);
    const inSection = tables.find((t) => startOffset(t) >= from && startOffset(t) < to);
    if (inSection) return { kind: "table", table: inSection };
  }
  const byHeader = tables.find(looksLikeArguments);
  if (byHeader) return { kind: "table", table: byHeader };
  if (sectionIndex !== -1) return { kind: "section", heading: headings[sectionIndex]!, headingIndex: sectionIndex, headings };
  return { kind: "none", headings };
}
