// A new parameter gets a line in the function's docstring where the docstring documents its parameters: a Google
// `Args:` section (`name: text` or `name (type): text`) or a NumPy `Parameters` section (`name : type` + text below).
// Other docstrings are left as they are.
import type { Node } from "web-tree-sitter";
import type { Edit } from "../../model/types.js";
import { namedChildren } from "./syntax.js";

const DESCRIPTION = "OCI runtime for the containers (crun for speed, runc as fallback).";

/** `lineLength`: the project's limit (ruff, black); a line longer than it fails their checks, so the entry wraps. */
export function documentParameter(text: string, def: Node, name: string, lineLength = 88): Edit | null {
  const first = namedChildren(def.childForFieldName("body"))[0];
  const doc = first?.type === "expression_statement" ? namedChildren(first)[0] : null;
  if (doc?.type !== "string") return null;
  const lines = splitLines(text, doc.startIndex, doc.endIndex);
  const header = lines.findIndex((l) => /^\s*(Args|Arguments|Parameters|Params):\s*$/.test(l.text));
  if (header >= 0) return googleEntry(lines, header, name, lineLength);
  const numpy = lines.findIndex((l, i) => /^\s*Parameters\s*$/.test(l.text) && /^\s*-{3,}\s*$/.test(lines[i + 1]?.text ?? ""));
  return numpy >= 0 ? numpyEntry(lines, numpy, name, lineLength) : null;
}

interface Line {
  text: string;
  /** Offset of the line's end (before its line break) in the file. */
  end: number;
}

function splitLines(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let at = start;
  for (const piece of text.slice(start, end).split("\n")) {
    const body = piece.endsWith("\r") ? piece.slice(0, -1) : piece;
    lines.push({ text: body, end: at + body.length });
    at += piece.length + 1;
  }
  return lines;
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/** The entries under `header` run while lines are indented deeper than it (or blank between entries). */
function sectionEnd(lines: Line[], from: number, headerIndent: string): number {
  let last = from;
  for (let i = from + 1; i < lines.length; i++) {
    const line = lines[i]!.text;
    if (line.trim() === "") {
      if (indentOf(lines[i + 1]?.text ?? "").length > headerIndent.length && lines[i + 1]!.text.trim() !== "") continue;
      break;
    }
    if (indentOf(line).length <= headerIndent.length || /"""|'''/.test(line.trim().slice(0, 3))) break;
    last = i;
  }
  return last;
}

/** `first` then the description's words, on as few lines as fit in `limit`; later lines start with `indent`. A word
 *  longer than a line stands alone. */
function wrapped(first: string, indent: string, limit: number): string {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const word of DESCRIPTION.split(" ")) {
    if (!empty && line.length + 1 + word.length > limit) {
      out.push(line);
      line = indent;
      empty = true;
    }
    line = empty ? `${line}${word}` : `${line} ${word}`;
    empty = false;
  }
  out.push(line);
  return out.join("\n");
}

/** How the section's descriptions go on below their entries: deeper by a fixed amount (copied), or aligned under
 *  where their own text starts (then ours aligns under ours, `descriptionAt`); four spaces deeper when none goes on. */
function continuationIndent(section: Line[], entryIndent: number, descriptionAt: number): string {
  let entry: string | null = null;
  for (const { text } of section) {
    if (text.trim() === "") continue;
    const indent = indentOf(text);
    if (indent.length <= entryIndent) {
      entry = text;
      continue;
    }
    const start = entry ? /^\s*[^:]*:\s+/.exec(entry)?.[0].length : undefined;
    return start === indent.length ? " ".repeat(descriptionAt) : indent;
  }
  return `${" ".repeat(entryIndent)}    `;
}

function googleEntry(lines: Line[], header: number, name: string, limit: number): Edit | null {
  const headerIndent = indentOf(lines[header]!.text);
  const entry = lines[header + 1];
  if (!entry || indentOf(entry.text).length <= headerIndent.length) return null;
  const last = sectionEnd(lines, header, headerIndent);
  const typed = /^\s*\w+\s*\([^)]*\)\s*:/.test(entry.text);
  // The type as the entries write theirs: `(str)`, or `` (`str`) `` in Hugging Face's style.
  const type = /^\s*\w+\s*\(`/.test(entry.text) ? " (`str`)" : " (str)";
  const entryIndent = indentOf(entry.text).length;
  // A description that goes on below its entry does so as the section's own do (deeper by four spaces when none does).
  const first = `${indentOf(entry.text)}${name}${typed ? type : ""}: `;
  const line = wrapped(first, continuationIndent(lines.slice(header + 1, last + 1), entryIndent, first.length), limit);
  // Before `*args:` / `**kwargs:` when the section ends with them, as the signature has it.
  const splat = lines.findIndex((l, i) => i > header && i <= last && indentOf(l.text).length === entryIndent && /^\s*\*/.test(l.text));
  if (splat > header) {
    const at = lines[splat - 1]!.end;
    return { start: at, end: at, text: `\n${line}` };
  }
  const at = lines[last]!.end;
  return { start: at, end: at, text: `\n${line}` };
}

/** A NumPy parameter entry's first line: `name`, `name : type`, `x, y : int`, `*args`, `**kwargs : dict`. */
const NUMPY_ENTRY = /^\s*\*{0,2}[A-Za-z_]\w*(?:\s*,\s*\*{0,2}[A-Za-z_]\w*)*\s*(?::.*)?$/;

function numpyEntry(lines: Line[], header: number, name: string, limit: number): Edit | null {
  const headerIndent = indentOf(lines[header]!.text);
  let last = header + 1;
  let descriptionIndent = `${headerIndent}    `;
  for (let i = header + 2; i < lines.length; i++) {
    const line = lines[i]!.text;
    if (line.trim() === "") {
      // NumPy entries may stand apart: the section ends at the next section (a title over dashes) or the docstring's end.
      let next = i + 1;
      while (next < lines.length && lines[next]!.text.trim() === "") next++;
      const text = lines[next]?.text ?? "";
      const section = /^\s*-{3,}\s*$/.test(lines[next + 1]?.text ?? "");
      if (!text || section || /"""|'''/.test(text.trim().slice(0, 3)) || indentOf(text).length !== headerIndent.length) break;
      // Prose after the entries (`Resume a session with:`, a `.. code-block::`) ends the section too.
      if (!NUMPY_ENTRY.test(text)) break;
      continue;
    }
    if (/"""|'''/.test(line.trim().slice(0, 3))) break;
    if (indentOf(line).length < headerIndent.length) break;
    if (indentOf(line).length > headerIndent.length) descriptionIndent = indentOf(line);
    last = i;
  }
  const at = lines[last]!.end;
  return { start: at, end: at, text: `\n${headerIndent}${name} : str\n${wrapped(descriptionIndent, descriptionIndent, limit)}` };
}
