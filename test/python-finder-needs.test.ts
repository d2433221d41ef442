// Each Python site finder declares the text a file must hold before its tree is walked (`needs`), so most files of a
// repository are never walked. The declaration must never hide a site: every finder runs here on every Python file
// of the fixtures, and each site it finds must sit in a file that matches the finder's `needs`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultOptions } from "../codemods/driver/defaults.js";
import { pythonFrontend } from "../codemods/languages/python/index.js";
import { mayBeLocal } from "../codemods/languages/python/local-bindings.js";
import { indexModule } from "../codemods/languages/python/module-index.js";
import { parsePython } from "../codemods/languages/python/parser.js";
import { Resolver } from "../codemods/languages/python/resolve.js";
import { SITE_FINDERS } from "../codemods/languages/python/sites/index.js";

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pythonFiles(path);
    return name.endsWith(".py") ? [path] : [];
  });
}

const FILES = [...pythonFiles("fixtures/codemods/python"), ...pythonFiles("fixtures/execution/python"), ...pythonFiles("fixtures/example-repo")];

describe("python site finders' needs", () => {
  it("reads enough fixture files to mean something", () => {
    expect(FILES.length).toBeGreaterThan(100);
  });

  for (const finder of SITE_FINDERS) {
    it(`${finder.kind}: every site it finds is in a file its needs admit`, async () => {
      let found = 0;
      for (const path of FILES) {
        const text = readFileSync(path, "utf8");
        const tree = await parsePython(text);
        try {
          const mod = indexModule({ path, rel: path.split("/").pop()!, text }, tree);
          const sites = finder.find(mod, { resolver: new Resolver([mod]), options: defaultOptions(), pyproject: null });
          found += sites.length;
          if (sites.length > 0) expect(finder.needs.test(text), `${path}: ${finder.kind} found a site its needs (${finder.needs}) would skip`).toBe(true);
        } finally {
          tree.delete();
        }
      }
      // A finder no fixture exercises would pass this test vacuously.
      expect(found).toBeGreaterThan(0);
    });
  }
});

// The frontend's own prefilter, the same promise one level up: every file that defines an entry point or holds a site
// starts the reading; a file that only calls `load_environment` (a loader, a CLI) does not.
describe("the python frontend's prefilter", () => {
  it("admits every fixture file that defines load_environment", () => {
    const entries = FILES.map((path) => readFileSync(path, "utf8")).filter((text) => /^(async\s+)?def\s+load_environment\b/m.test(text));
    expect(entries.length).toBeGreaterThan(50);
    for (const text of entries) expect(pythonFrontend.mightMatter(text)).toBe(true);
  });

  it("does not admit a file that only calls or imports it", () => {
    expect(pythonFrontend.mightMatter("from envs.math import load_environment\n\nenv = load_environment(n=3)\n")).toBe(false);
    expect(pythonFrontend.mightMatter("async def load_environment(**kwargs):\n    return Env()\n")).toBe(true);
  });
});

// mayBeLocal reads the text before it walks the tree: no name a function binds may be missing from that reading.
describe("local bindings' text prefilter", () => {
  it("admits every name a function of a fixture file binds", async () => {
    let checked = 0;
    for (const path of FILES) {
      const text = readFileSync(path, "utf8");
      const tree = await parsePython(text);
      try {
        const bound = tree.rootNode.descendantsOfType(["assignment", "function_definition", "class_definition", "default_parameter", "typed_default_parameter"]).flatMap((node) => {
          const name = node!.type === "assignment" ? node!.childForFieldName("left") : node!.childForFieldName("name");
          return name?.type === "identifier" ? [name.text] : [];
        });
        for (const name of bound) expect(mayBeLocal(tree, text, name), `${path}: ${name}`).toBe(true);
        checked += bound.length;
      } finally {
        tree.delete();
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
