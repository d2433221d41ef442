// A key of a TOML config file (pyproject.toml, ruff.toml), read line by line under its table: config, not code, and
// the few keys crunify reads (a project's name, a line length) are one-line values.

/** The first line under one of `tables` ("" for the top level) that `pattern` matches, trimmed. */
export function tomlLine(toml: string, tables: readonly string[], pattern: RegExp): RegExpExecArray | null {
  let table = "";
  for (const raw of toml.split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      table = line.replace(/^\[+|\]+$/g, "").trim();
      continue;
    }
    const match = tables.includes(table) ? pattern.exec(line) : null;
    if (match) return match;
  }
  return null;
}
