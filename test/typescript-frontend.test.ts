// The TypeScript frontend's own contract (the fixture loop in codemods.test.ts covers the rest).
import { describe, expect, it } from "vitest";
import { defaultOptions } from "../codemods/driver/defaults.js";
import { typescriptCodemod } from "../codemods/languages/typescript/index.js";

const DEFAULTS = defaultOptions();

describe("typescript codemod contract", () => {
  it("prefilters by cheap string tests", () => {
    expect(typescriptCodemod.mightMatter("const x = docker.createContainer({})")).toBe(true);
    expect(typescriptCodemod.mightMatter("export function loadEnvironment() {}")).toBe(true);
    expect(typescriptCodemod.mightMatter("export const add = (a: number, b: number) => a + b;")).toBe(false);
  });

  it("reports syntax errors with line and column", async () => {
    expect(await typescriptCodemod.syntaxError("/x/a.ts", "const a = ;\n")).toMatch(/^1:11 /);
    expect(await typescriptCodemod.syntaxError("/x/a.js", "const a: number = 1;\n")).toMatch(/TypeScript files/);
    expect(await typescriptCodemod.syntaxError("/x/a.ts", "const a: number = 1;\n")).toBeNull();
  });

  it("tells a static member's site that `this` is the class there, not to reach the instance through `self`", async () => {
    const text = [
      'import Docker from "dockerode";',
      "const docker = new Docker();",
      "export class Sandbox {",
      "  static async start(image: string) { return docker.createContainer({ Image: image }); }",
      "  async later(image: string) { return [image].map(function (i) { return docker.createContainer({ Image: i }); }); }",
      "}",
      "",
    ].join("\n");
    const result = await typescriptCodemod.transform([{ path: "/env/api.ts", rel: "api.ts", text }], DEFAULTS);
    const manual = result.findings.filter((f) => f.rule === "manual-runtime");
    expect(manual.map((f) => f.line)).toEqual([4, 5]);
    expect(manual[0]!.message).toMatch(/static member `this` is the class/);
    expect(manual[0]!.message).not.toMatch(/const self = this/);
    expect(manual[1]!.message).toMatch(/const self = this/);
  });

  it("reports a file that does not parse and plans nothing for it", async () => {
    const file = { path: "/env/broken.ts", rel: "broken.ts", text: "docker.createContainer({ Image: 'x' \n" };
    const result = await typescriptCodemod.transform([file], DEFAULTS);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.reason).toMatch(/does not parse: \d+:\d+/);
    expect(result.findings).toEqual([]);
  });

  it("answers \"creates no containers\" without parsing when no file is a candidate", async () => {
    const result = await typescriptCodemod.transform([{ path: "/env/a.ts", rel: "a.ts", text: "export const a = 1;\n" }], DEFAULTS);
    expect(result).toEqual({ findings: [], errors: [], support: "none", reason: "creates no containers", notes: [], entry: "none" });
  });
});
