// The oldest Python the environment promises to run on (pyproject's `requires-python`): some edits need a newer one
// (`field(kw_only=True)` is 3.10+). Unknown means "assume nothing". And the longest line its formatter allows.
import type { GroupContext } from "../../model/types.js";
import { tomlLine } from "../../model/toml-line.js";

export interface PythonTarget {
  /** [major, minor] of the lowest version allowed, or null when the project does not say. */
  minimum: [number, number] | null;
  /** `line-length` under [tool.ruff] or [tool.black] (pyproject.toml), or in ruff.toml; 88, their default. */
  lineLength: number;
}

export function pythonTarget(context: GroupContext): PythonTarget {
  const pyproject = context.projectFile("pyproject.toml");
  // A config file, not code: the one key is read with a pattern (`requires-python = ">=3.10"`, `~=3.11`, `^3.10`).
  const spec = pyproject && /^\s*requires-python\s*=\s*["']([^"']*)["']/m.exec(pyproject)?.[1];
  const lower = spec && /(?:>=|~=|\^|==)\s*(\d+)\.(\d+)/.exec(spec);
  const lineLength = (pyproject && configuredLength(pyproject, ["tool.ruff", "tool.black"])) || configuredLength(context.projectFile("ruff.toml") ?? context.projectFile(".ruff.toml") ?? "", [""]);
  return { minimum: lower ? [Number(lower[1]), Number(lower[2])] : null, lineLength: lineLength || 88 };
}

/** `line-length = N` in one of `tables` of a TOML file ("" for the top level). */
function configuredLength(toml: string, tables: string[]): number | null {
  const match = tomlLine(toml, tables, /^line-length\s*=\s*(\d+)/);
  return match ? Number(match[1]) : null;
}

export function atLeast(target: PythonTarget, major: number, minor: number): boolean {
  const min = target.minimum;
  return min !== null && (min[0] > major || (min[0] === major && min[1] >= minor));
}
