import type { Heading, Root } from "mdast";
import { lineAt, lineStartAt, nextLineStart } from "./lines.js";
import { endOffset, nodeText, startOffset } from "./node-text.js";

/** A heading as the patcher needs it. `start` is the offset of the heading's first line. */
export interface OutlineHeading {
  node: Heading;
  depth: number;
  title: string;
  start: number;
  setext: boolean;
}

/** Top-level headings in document order (headings in lists or blockquotes are not sections). */
export function outline(tree: Root, text: string): OutlineHeading[] {
  const headings: OutlineHeading[] = [];
  for (const node of tree.children) {
    if (node.type !== "heading") continue;
    const nodeStart = startOffset(node);
    headings.push({
      node,
      depth: node.depth,
      title: nodeText(node).trim(),
      start: lineStartAt(text, nodeStart),
      setext: !text.startsWith("#", nodeStart),
    });
  }
  return headings;
}

/** Offset where the section of `headings[index]` ends: the next heading of the same or higher level, or the end. */
export function sectionEnd(headings: OutlineHeading[], index: number, textLength: number): number {
  const depth = headings[index]!.depth;
  for (let i = index + 1; i < headings.length; i++) {
    if (headings[i]!.depth <= depth) return headings[i]!.start;
  }
  return textLength;
}

/** Offset where the direct content of `headings[index]` ends: the next heading of any level, or the end. */
export function directContentEnd(headings: OutlineHeading[], index: number, textLength: number): number {
  return headings[index + 1]?.start ?? textLength;
}

/** The document title: a first heading that is the only one at its level (e.g. "# env-id"). */
export function titleHeading(headings: OutlineHeading[]): OutlineHeading | undefined {
  const first = headings[0];
  if (!first) return undefined;
  return headings.some((h) => h !== first && h.depth <= first.depth) ? undefined : first;
}

/** The level and style new top-level sections should use: that of the title's children. */
export function siblingStyle(headings: OutlineHeading[]): { depth: number; setext: boolean } {
  const title = titleHeading(headings);
  const sections = headings.filter((h) => h !== title);
  if (sections.length === 0) return { depth: title ? Math.min(title.depth + 1, 6) : 2, setext: title?.setext ?? false };
  const depth = Math.min(...sections.map((h) => h.depth));
  const setext = sections.some((h) => h.depth === depth && h.setext);
  return { depth, setext };
}

/** Index of the first section heading (not the title) whose title matches. */
export function findSection(headings: OutlineHeading[], matches: (title: string) => boolean): number {
  const title = titleHeading(headings);
  return headings.findIndex((h) => h !== title && matches(normalizeTitle(h.title)));
}

/** Lower case, without trailing colons and surrounding whitespace: "Environment Arguments:" → "environment arguments". */
export function normalizeTitle(title: string): string {
  return title.trim().replace(/:+$/, "").trim().toLowerCase();
}

/** What follows a new heading line: "\n\n" (a blank line) unless most section headings are directly followed by
 *  their text, as in verifiers' vf-init READMEs ("### Overview" then "- **Environment ID**: ..."). */
export function headingGap(text: string, headings: OutlineHeading[]): string {
  const title = titleHeading(headings);
  let compact = 0;
  let spaced = 0;
  for (const heading of headings) {
    if (heading === title) continue;
    const next = nextLineStart(text, endOffset(heading.node));
    if (next >= text.length) continue;
    if (lineAt(text, next).trim() === "") spaced++;
    else compact++;
  }
  return compact > spaced ? "\n" : "\n\n";
}
