/** A heading line in the document's style: ATX (`### Title`) or setext (title underlined, levels 1 and 2 only). */
export function headingMarkup(title: string, depth: number, setext: boolean): string {
  if (setext && depth <= 2) return `${title}\n${(depth === 1 ? "=" : "-").repeat(title.length)}`;
  return `${"#".repeat(depth)} ${title}`;
}
