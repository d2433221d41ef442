// Each TS/JS site finder turns most calls away by their callee's name and the file's facts (`accepts`) before any
// ts-morph wrapper is made. That test must never hide a site: every finder's `match` runs here on every call of every
// TS/JS fixture file, and each site it finds must be at a call its `accepts` lets through.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectStyle } from "../codemods/languages/typescript/file-style.js";
import { callShape, fileFacts, SITE_FINDERS } from "../codemods/languages/typescript/sites/index.js";
import { compilerCalls, Project } from "../codemods/languages/typescript/ts-morph.js";

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const FILES = [...sourceFiles("fixtures/codemods/typescript"), ...sourceFiles("fixtures/execution/typescript"), ...sourceFiles("fixtures/example-repo")];
const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
const parsed = FILES.map((path) => project.createSourceFile(path, readFileSync(path, "utf8"), { overwrite: true }));

describe("TS/JS site finders' accepts", () => {
  it("reads enough fixture files to mean something", () => {
    expect(FILES.length).toBeGreaterThan(100);
  });

  for (const finder of SITE_FINDERS) {
    it(`${finder.kind}: every site it finds is at a call its accepts lets through`, () => {
      let found = 0;
      for (const sf of parsed) {
        const facts = fileFacts(sf, detectStyle(sf, !/\.[cm]?jsx?$/.test(sf.getFilePath())), "OCI_RUNTIME");
        const { calls, wrap } = compilerCalls(sf);
        for (const raw of calls) {
          const site = finder.match(wrap(raw), facts);
          if (!site) continue;
          found++;
          expect(finder.accepts(callShape(raw, sf), facts), `${sf.getFilePath()}:${sf.getLineAndColumnAtPos(raw.getStart()).line}: ${finder.kind} found a site its accepts turns away`).toBe(true);
        }
      }
      // A finder no fixture exercises would pass this test vacuously.
      expect(found).toBeGreaterThan(0);
    });
  }
});
