// JavaScript a build wrote (a bundler's chunk, a compiler's output, a minified vendor file): nobody edits it by hand,
// the next build overwrites it, and its source is what to fix. It is never read: home-assistant/supervisor ships 440
// webpack chunks that mention Docker in their UI strings, and parsing them was 3 of the 4 s of `check`.

/** What a compiler or bundler appends: `//# sourceMappingURL=app.js.map` (or `/*# … *\/`, or the old `//@`). */
const SOURCE_MAP_COMMENT = /\/[/*][#@]\s*sourceMappingURL=\S+\s*(?:\*\/\s*)?$/;
const MINIFIED_NAME = /\.min\.[cm]?js$/;
/** Hand-written code averages well under 100 characters a line; minified code is a few lines of thousands. */
const MINIFIED_LINE = 1000;

/** Why the file is build output, or null when it may be edited. */
export function buildOutputReason(path: string, text: string): string | null {
  if (SOURCE_MAP_COMMENT.test(text.slice(-1024))) return "build output (it ends with a source map comment): fix the source it is built from";
  if (MINIFIED_NAME.test(path) || isMinified(text)) return "build output (minified): fix the source it is built from";
  return null;
}

function isMinified(text: string): boolean {
  if (text.length < MINIFIED_LINE) return false;
  const most = Math.floor(text.length / MINIFIED_LINE);
  let lines = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) if (++lines > most) return false;
  return true;
}
