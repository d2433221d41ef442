// Reading a table row's source line as raw cells, so a new row can copy its spacing and widths.

/** Raw cells of a GFM table line (between unescaped pipes), with the line's leading/trailing pipe flags. */
export interface RawRow {
  cells: string[];
  leadingPipe: boolean;
  trailingPipe: boolean;
}

export function splitRow(line: string): RawRow {
  const trimmed = line.trim();
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i]!;
    if (ch === "\\" && i + 1 < trimmed.length) {
      current += ch + trimmed[i + 1];
      i++;
    } else if (ch === "|") {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const leadingPipe = trimmed.startsWith("|");
  const trailingPipe = trimmed.length > 1 && trimmed.endsWith("|") && !trimmed.endsWith("\\|");
  if (leadingPipe) parts.shift();
  if (trailingPipe) parts.pop();
  return { cells: parts, leadingPipe, trailingPipe };
}

/** Escape what would end a cell early. */
export function escapeCell(value: string): string {
  return value.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

export type Align = "left" | "right" | "center" | null;

/** Display width: code points (good enough for the ASCII tables READMEs hold). */
export function width(value: string): number {
  return [...value].length;
}

export function pad(value: string, size: number, align: Align): string {
  const gap = Math.max(0, size - width(value));
  if (align === "right") return " ".repeat(gap) + value;
  if (align === "center") return " ".repeat(Math.floor(gap / 2)) + value + " ".repeat(gap - Math.floor(gap / 2));
  return value + " ".repeat(gap);
}

/** Format a new row like the table's rows: same pipes, same cell padding, and padded to the column widths when
 *  the table is aligned (header and body cells as wide as the delimiter cells). */
export function formatRow(values: string[], header: RawRow, delimiter: RawRow, body: RawRow[], align: Align[]): string {
  const sameWidths = (row: RawRow) =>
    row.cells.length === delimiter.cells.length && row.cells.every((cell, i) => width(cell) === width(delimiter.cells[i]!));
  // Widths that merely match ("| Arg |" over "| --- |") prove nothing; extra padding somewhere shows the author aligns.
  const padded = [header, ...body].some((row) => row.cells.some((cell) => cell.length - cell.trim().length > 2));
  const aligned = padded && sameWidths(header) && body.every(sameWidths);
  const spaced = header.cells.every((cell) => cell.startsWith(" ")) || aligned;
  const cells = values.map((value, i) => {
    const escaped = escapeCell(value);
    if (!aligned) return spaced ? ` ${escaped} ` : escaped;
    // Keep the header's margins: a cell is " " + content padded + " " when the header cell is.
    const raw = header.cells[i] ?? "";
    const left = raw.length - raw.trimStart().length > 0 ? 1 : 0;
    const right = raw.length - raw.trimEnd().length > 0 ? 1 : 0;
    const inner = Math.max(0, width(raw) - left - right);
    return " ".repeat(left) + pad(escaped, inner, align[i] ?? null) + " ".repeat(right);
  });
  return (header.leadingPipe ? "|" : "") + cells.join("|") + (header.trailingPipe ? "|" : "");
}
