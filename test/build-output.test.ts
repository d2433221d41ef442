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
    ["tsc's output beside its source", "src/runner.js", ["src/runner.ts"], "build output (compiled from runner.ts beside it): fix runner.ts"],
    ["a .jsx beside its .tsx", "ui/App.jsx", ["ui/App.tsx"], "build output (compiled from App.tsx beside it): fix App.tsx"],
    ["a .js beside a .tsx", "ui/App.js", ["ui/App.tsx"], "build output (compiled from App.tsx beside it): fix App.tsx"],
    ["an .mjs beside its .mts", "lib/run.mjs", ["lib/run.mts"], "build output (compiled from run.mts beside it): fix run.mts"],
    ["a .cjs beside its .cts", "lib/run.cjs", ["lib/run.cts"], "build output (compiled from run.cts beside it): fix run.cts"],
    ["hand-written JavaScript with its declaration file", "lib/run.js", ["lib/run.d.ts"], null],
    ["a .cjs beside a .ts (which tsc compiles to .js)", "lib/run.cjs", ["lib/run.ts"], null],
    ["a .js beside a .ts of another folder", "lib/run.js", ["src/run.ts"], null],
  ])("beside TypeScript: %s", (_label, path, present, reason) => {
    expect(buildOutputReason(path, RUNNER, (p) => present.includes(p))).toBe(reason);
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
