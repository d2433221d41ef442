// remark-parse without a front-matter extension reads YAML front matter as a thematic break plus a setext heading.
// We blank it out (same length, newlines kept) before parsing, so offsets stay valid and no node starts inside it.

const FENCES = ["---", "+++"];

/** Length of the leading front matter block (YAML `---` or TOML `+++`), 0 when there is none. */
export function frontMatterLength(text: string): number {
  const firstEnd = text.indexOf("\n");
  if (firstEnd === -1) return 0;
  const fence = text.slice(0, firstEnd).replace(/\r$/, "");
  if (!FENCES.includes(fence)) return 0;
  let lineStart = firstEnd + 1;
  while (lineStart < text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "").trimEnd();
    if (line === fence || (fence === "---" && line === "...")) return newline === -1 ? text.length : newline + 1;
    lineStart = lineEnd + 1;
  }
  return 0;
}

/** `text` with its front matter replaced by spaces (line breaks kept). */
export function maskFrontMatter(text: string): string {
  const length = frontMatterLength(text);
  if (length === 0) return text;
  const masked = text.slice(0, length).replace(/[^\r\n]/g, " ");
  return masked + text.slice(length);
}
