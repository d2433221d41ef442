// JavaScript a build wrote (a bundler's chunk, a compiler's output, a minified vendor file): nobody edits it by hand,
// the next build overwrites it, and its source is what to fix. It is never read: home-assistant/supervisor ships 440
// webpack chunks that mention Docker in their UI strings, and parsing them was 3 of the 4 s of `check`.
// TypeScript files are never build output: no compiler writes .ts with a source map comment.
// A JavaScript file beside a TypeScript one of the same name is tsc's output written in place (tsc refuses to overwrite
// an input, so a project cannot hold both as sources): its source is the .ts.

const JAVASCRIPT = /\.[cm]?jsx?$/;
const MINIFIED_NAME = /\.min\.[cm]?js$/;
/** What a compiler or bundler appends: `//# sourceMappingURL=app.js.map`, `/*# … *\/`, the old `//@`, or an inline
 *  `data:` map of any length. Only at the very end, and only a URL: not a template literal that writes one. */
const MAP_COMMENT_START = /\/[/*][#@]\s*$/;
const MAP_URL_TO_END = /^[^\s'"`]+\s*(?:\*\/)?$/;
/** Minified code is a few lines of thousands of characters; hand-written code with one such line (an embedded image,
 *  a schema) has other lines of code around it. */
const LONG_LINE = 1000;
const MOST_SHORT_CODE_LINES = 2;
const COMMENT_LINE = /^(?:\/\/|\/\*|\*)/;

/** The TypeScript names tsc compiles to each JavaScript extension (a declaration file, `.d.ts`, is not a source). */
const SOURCE_EXTENSIONS: Record<string, readonly string[]> = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };

/** Why the file is build output, or null when it may be edited. `exists` answers for a path beside it. */
export function buildOutputReason(path: string, text: string, exists: (path: string) => boolean = () => false): string | null {
  if (!JAVASCRIPT.test(path)) return null;
  if (endsWithSourceMap(text)) return "build output (it ends with a source map comment): fix the source it is built from";
  if (MINIFIED_NAME.test(path) || isMinified(text)) return "build output (minified): fix the source it is built from";
  const source = typescriptSource(path, exists);
  return source ? `build output (compiled from ${source} beside it): fix ${source}` : null;
}

function typescriptSource(path: string, exists: (path: string) => boolean): string | null {
  const ext = /\.[cm]?jsx?$/.exec(path)![0];
  const stem = path.slice(0, -ext.length);
  const source = SOURCE_EXTENSIONS[ext]!.map((tsExt) => stem + tsExt).find(exists);
  return source ? source.split(/[\\/]/).at(-1)! : null;
}

function endsWithSourceMap(text: string): boolean {
  const end = text.trimEnd();
  const at = end.lastIndexOf("sourceMappingURL=");
  if (at === -1 || end.includes("\n", at)) return false;
  return MAP_COMMENT_START.test(end.slice(Math.max(0, at - 8), at)) && MAP_URL_TO_END.test(end.slice(at + "sourceMappingURL=".length));
}

/** Almost all of the text in lines of LONG_LINE characters or more, and at most two short lines of code besides
 *  (`"use strict";`, a loader stub); comment lines (a license header) do not count. */
function isMinified(text: string): boolean {
  if (text.length < LONG_LINE) return false;
  let inLongLines = 0;
  let shortCode = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    if (end - start >= LONG_LINE) inLongLines += end - start;
    else {
      const line = text.slice(start, end).trim();
      if (line && !COMMENT_LINE.test(line) && ++shortCode > MOST_SHORT_CODE_LINES) return false;
    }
    start = end + 1;
  }
  return inLongLines >= 0.9 * text.length;
}
