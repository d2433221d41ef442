// relativeInside answers most questions by a prefix test instead of path.relative (grouping a 10,000-file tree asked
// 20,000 times, and every .gitignore layer asks once per file): its answer must stay path.relative's for any path,
// normalized or not.
import { isAbsolute, relative, sep } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInside, relativeInside } from "../codemods/driver/paths.js";

/** Inside when the way from root to path does not go up (`..x` is a name) and is not another drive. */
function byRelative(root: string, path: string): string | null {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) ? rel : null;
}

const segment = fc.constantFrom("a", "b", "..", ".", "", "x.py", "..x", "a..", ".git", "n\n", "\\");
const path = fc.tuple(fc.boolean(), fc.array(segment, { maxLength: 5 })).map(([absolute, parts]) => (absolute ? sep : "") + parts.join(sep));

describe("relativeInside", () => {
  it("agrees with path.relative on normalized and unnormalized paths", () => {
    fc.assert(
      fc.property(path, path, (root, p) => relativeInside(root, p) === byRelative(root, p)),
      { numRuns: 5000 },
    );
  });

  it("takes a file under its root, and not a sibling that shares the root's name as a prefix", () => {
    const r = (...parts: string[]) => sep + parts.join(sep);
    expect(relativeInside(r("r", "env"), r("r", "env", "a.py"))).toBe("a.py");
    expect(isInside(r("r", "env-2", "a.py"), r("r", "env"))).toBe(false);
    expect(isInside(r("r", "env", "..", "a.py"), r("r", "env"))).toBe(false);
    // A name that starts with two dots is not a way up (path.relative's "..x" fooled a startsWith("..") test).
    expect(isInside(r("r", "env", "..x"), r("r", "env"))).toBe(true);
  });
});
