import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { maskFrontMatter } from "./front-matter.js";

// remark is used only to locate nodes: every change is spliced into the original text at these positions.
const processor = unified().use(remarkParse).use(remarkGfm);

/** The mdast tree of a README; positions are offsets into `text` itself. */
export function parseMarkdown(text: string): Root {
  return processor.parse(maskFrontMatter(text));
}
