// Which JavaScript is build output (never read or edited), and which hand-written code only looks like it.
import { describe, expect, it } from "vitest";
import { buildOutputReason } from "../codemods/languages/typescript/build-output.js";

const MAPPED = "build output (it ends with a source map comment): fix the source it is built from";
const MINIFIED = "build output (minified): fix the source it is built from";
const RUNNER = 'import { spawn } from "node:child_process";\nexport function start(image) {\n  return spawn("docker", ["run", "-d", image]);\n}\n';
const inlineMap = `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${"eyJ2ZXJzaW9uIjozfQ".repeat(150)}`;

describe("build output", () => {
  it.each([
    ["a webpack chunk, map comment on its one line", "static/10.02c7.js", `(self.webpackChunk=self.webpackChunk||[]).push([[10],{}]); //# sourceMappingURL=10.02c7.js.map`, MAPPED],
    ["tsc's output", "lib/runner.js", `${RUNNER}//# sourceMappingURL=runner.js.map\n`, MAPPED],
    ["an inline map longer than any tail window (tsc --inlineSourceMap)", "lib/runner.js", `${RUNNER}${inlineMap}\n`, MAPPED],
    ["a CSS-style block comment map", "lib/runner.mjs", `${RUNNER}/*# sourceMappingURL=runner.mjs.map */\n\n`, MAPPED],
    ["a .min.js", "vendor/lib.min.js", RUNNER, MINIFIED],
    ["a minified file without a map, under a license header", "static/app.js", `/*! app v1 | MIT */\n"use strict";\n${"var a=1;".repeat(200)}\n`, MINIFIED],
  ])("%s", (_label, path, text, reason) => {
    expect(buildOutputReason(path, text)).toBe(reason);
  });

  it.each([
    ["hand-written code with an embedded image", "src/index.js", `import Docker from "dockerode";\n\n// the banner\nconst LOGO = "data:image/png;base64,${"A".repeat(12000)}";\n\nexport function loadEnvironment(image = "node:20") {\n  return new Docker().createContainer({ Image: image, Labels: { logo: LOGO } });\n}\n`],
    ["a map comment in the middle", "src/tool.js", `// strips //# sourceMappingURL=x.js.map from bundles\n${RUNNER}`],
    ["a template literal that writes a map comment", "src/maps.js", "export const trailer = (url) => `\\n//# sourceMappingURL=${url}`;\n"],
    ["TypeScript, whatever it ends with", "src/maps.ts", `${RUNNER}//# sourceMappingURL=runner.js.map\n`],
    ["a short file", "src/tiny.js", 'module.exports=require("./x")'],
  ])("not: %s", (_label, path, text) => {
    expect(buildOutputReason(path, text)).toBeNull();
  });
});
