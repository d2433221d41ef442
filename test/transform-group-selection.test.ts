// Which files the shared group loop hands a frontend: the ones that can matter, then those that mention an owner or
// define a base an owner's constructor may live in. Parsing is the cost on real repositories (verifiers), so a file
// read for no reason is a regression even when the findings stay the same.
import { describe, expect, it } from "vitest";
import type { Frontend, Program } from "../codemods/model/frontend.js";
import type { SourceFile } from "../codemods/model/types.js";
import { transformGroup } from "../codemods/plan/transform-group.js";

/** A frontend with no facts: it records what it is asked to read and names fixed related names. */
function recordingFrontend(related: { mentioned: string[]; defined: string[] }) {
  const reads: string[][] = [];
  const program: Program = {
    errors: [],
    sites: [],
    entry: null,
    entryUsesPackage: () => false,
    nameStatus: () => "free",
    plan: () => {
      throw new Error("no owners here");
    },
    constructions: () => [],
    literal: (_file, value) => `"${value}"`,
    delegatedTo: () => null,
    relatedNames: () => related,
    dispose() {},
  };
  const frontend: Frontend = {
    id: "recording",
    nameStyle: "snake",
    mightMatter: (text) => text.includes("docker"),
    session: () => ({
      analyze: async (files: SourceFile[]) => {
        reads.push(files.map((f) => f.rel));
        return program;
      },
      dispose() {},
    }),
    syntaxError: async () => null,
  };
  return { frontend, reads };
}

const file = (rel: string, text: string): SourceFile => ({ path: `/repo/${rel}`, rel, text });
const options = { runtimeDefault: "crun", paramName: "runtime", thirdParty: [] };

describe("the files a group's analysis reads", () => {
  const files = [
    file("pkg/sandbox.py", "import docker\nclass Sandbox(Base): ..."),
    file("pkg/base.py", "class Base:\n    def __init__(self, image): ..."),
    file("pkg/sibling.py", "from .base import Base\nclass Other(Base): ..."),
    file("pkg/build.py", "from .sandbox import Sandbox\nSandbox('img')"),
    file("pkg/unrelated.py", "print('hello')"),
    file("tests/test_docker.py", "import docker\ndocker.from_env()"),
    file("tests/test_sandbox.py", "from pkg.sandbox import Sandbox\nSandbox('x')"),
  ];

  it("starts from the files that can matter, tests excepted, then adds owners' mentions and bases' definitions", async () => {
    const { frontend, reads } = recordingFrontend({ mentioned: ["Sandbox"], defined: ["Base"] });
    await transformGroup(frontend, files, options);
    expect(reads[0]).toEqual(["pkg/sandbox.py"]);
    // The base's own file joins; a sibling that only mentions it does not; a test that builds the owner does.
    expect(reads.at(-1)).toEqual(["pkg/sandbox.py", "pkg/base.py", "pkg/build.py", "tests/test_sandbox.py"]);
  });

  it("a group whose only docker is in its tests is not read at all", async () => {
    const { frontend, reads } = recordingFrontend({ mentioned: [], defined: [] });
    const result = await transformGroup(frontend, [files[5]!, files[4]!], options);
    expect(reads).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it("a library counts as a whole word: `modal` read, `multimodal`, `x.modal` and `modal-ui` not", async () => {
    const { frontend, reads } = recordingFrontend({ mentioned: [], defined: [] });
    const withLibrary = { ...options, thirdParty: [{ module: "modal", reason: "remote" }] };
    const py = [
      file("a.py", '"""A multimodal model; see x.modal and modal-ui."""'),
      file("b.py", "import modal\napp = modal.App()"),
      file("c.py", "modal"),
    ];
    await transformGroup(frontend, py, withLibrary);
    expect(reads.at(-1)).toEqual(["b.py", "c.py"]);
  });

  it("a name with `$` (JS) is matched as itself, not as an end-of-text anchor", async () => {
    const { frontend, reads } = recordingFrontend({ mentioned: ["$box"], defined: [] });
    const js = [file("src/a.js", "docker.run()"), file("src/b.js", "$box()"), file("src/c.js", "box()")];
    await transformGroup(frontend, js, options);
    expect(reads.at(-1)).toEqual(["src/a.js", "src/b.js"]);
  });
});
