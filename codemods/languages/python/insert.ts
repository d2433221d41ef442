// Where and how to insert an item into a bracketed, comma-separated list (parameters, call arguments, list
// literals) so that the result looks as if the author had written it: same line or a new line with the same indentation,
// trailing-comma style kept.
import type { Node } from "web-tree-sitter";
import type { Edit } from "../../model/types.js";
import { alignTo, children, commentBlockStart, lineIndent, namedChildren, startsLine } from "./syntax.js";

/** Insert `item` into `list` before `before`, or at the end when `before` is null. */
export function insertListItem(text: string, list: Node, item: string, before: Node | null = null): Edit[] {
  const items = namedChildren(list);
  if (before) {
    if (startsLine(text, before.startIndex)) {
      const indent = alignTo(text, before.startIndex);
      // Above the comment lines that introduce `before` ("# everything else goes to the base"), not between them.
      const at = commentBlockStart(text, before.startIndex);
      return at === before.startIndex
        ? [{ start: at, end: at, text: `${item},\n${indent}` }]
        : [{ start: at, end: at, text: `${indent}${item},\n` }];
    }
    return [{ start: before.startIndex, end: before.startIndex, text: `${item}, ` }];
  }
  const last = items.at(-1);
  const close = children(list).at(-1)!;
  if (!last) {
    // Empty brackets: `()` → `(item)`.
    return [{ start: close.startIndex, end: close.startIndex, text: item }];
  }
  const comma = nextToken(list, last);
  const trailingComma = comma?.type === ",";
  if (startsLine(text, close.startIndex)) {
    // Items that share the bracket's line (hanging style) are aligned to; otherwise the last item's line indentation is kept.
    const open = children(list)[0]!;
    const sameLineAsOpen = open.endPosition.row === last.startPosition.row;
    const indent = startsLine(text, last.startIndex) || sameLineAsOpen ? alignTo(text, last.startIndex) : lineIndent(text, last.startIndex);
    // The new line goes after whatever ends the last item's line, a trailing comment included.
    const lineEnd = endOfLine(text, trailingComma ? comma!.endIndex : last.endIndex);
    return trailingComma
      ? [{ start: lineEnd, end: lineEnd, text: `\n${indent}${item},` }]
      : [
          { start: last.endIndex, end: last.endIndex, text: "," },
          { start: lineEnd, end: lineEnd, text: `\n${indent}${item}` },
        ];
  }
  return trailingComma
    ? [{ start: comma!.endIndex, end: comma!.endIndex, text: ` ${item},` }]
    : [{ start: last.endIndex, end: last.endIndex, text: `, ${item}` }];
}

/** Offset of the end of the line holding `offset` (before "\r\n" or "\n"). */
function endOfLine(text: string, offset: number): number {
  let end = text.indexOf("\n", offset);
  if (end === -1) return text.length;
  if (text[end - 1] === "\r") end--;
  return end;
}

/** Insert `item` right after the element `after` of `list` (argv: after "run"). */
export function insertListItemAfter(text: string, list: Node, after: Node, item: string): Edit[] {
  const items = namedChildren(list);
  const index = items.findIndex((n) => n.startIndex === after.startIndex);
  const next = items[index + 1];
  if (!next) return insertListItem(text, list, item, null);
  if (startsLine(text, next.startIndex)) {
    // The next element starts a line: the new item gets a line of its own, as in the crun guide's argv. A list that
    // puts every element on a line of its own (a flag apart from its value) gets the flag and its value so too.
    const flag = /^(["'])--[\w-]+\1, /.exec(item)?.[0];
    const onePerLine = items.slice(1).every((n) => startsLine(text, n.startIndex));
    if (flag && onePerLine) return insertListItem(text, list, `${flag.slice(0, -2)},\n${alignTo(text, next.startIndex)}${item.slice(flag.length)}`, next);
    return insertListItem(text, list, item, next);
  }
  return [{ start: after.endIndex, end: after.endIndex, text: `, ${item}` }];
}

function nextToken(list: Node, node: Node): Node | null {
  const all = children(list);
  const index = all.findIndex((n) => n.startIndex === node.startIndex && n.endIndex === node.endIndex);
  // Skip comments between the item and its comma.
  for (let i = index + 1; i < all.length; i++) {
    if (all[i]!.type !== "comment") return all[i]!;
  }
  return null;
}
