// The newest library version a pyproject.toml allows: library doors (minisweagent `run_args`) and defaults that changed
// between releases depend on it.
import { describe, expect, it } from "vitest";
import { onlyBefore, upperBound } from "../codemods/languages/python/dependency-pin.js";

const pep508 = (spec: string) => `[project]\nname = "env"\ndependencies = [\n  "verifiers>=0.1",\n  "${spec}",\n]\n`;
const poetry = (spec: string) => `[tool.poetry.dependencies]\npython = "^3.11"\nmini-swe-agent = ${spec}\n`;

describe("upperBound + onlyBefore(1.10.0)", () => {
  it.each([
    [pep508("mini-swe-agent==1.9.1"), true],
    [pep508("mini-swe-agent>=1.5,<1.10"), true],
    [pep508("mini-swe-agent<=1.10.0"), false],
    [pep508("mini-swe-agent<1.10.1"), false],
    [pep508("mini-swe-agent~=1.8.0"), true],
    [pep508("mini-swe-agent~=1.8"), false],
    [pep508("mini-swe-agent==1.9.*"), true],
    [pep508("mini_swe_agent[full] == 1.9.0 ; python_version >= '3.10'"), true],
    [pep508("Mini.Swe-Agent<1.9"), true],
    [pep508("mini-swe-agent>=1.5"), false],
    [pep508("mini-swe-agent"), false],
    [pep508("mini-swe-agent-plugins<1.0"), false],
    [poetry('"^0.9"'), true],
    [poetry('"~1.9.2"'), true],
    [poetry('"^1.9"'), false],
    [poetry('{ version = "1.9.3", extras = ["full"] }'), true],
    ['[project]\nname = "env"\n', false],
  ])("%s → %s", (pyproject, before) => {
    expect(onlyBefore(upperBound(pyproject, "mini-swe-agent"), "1.10.0")).toBe(before);
  });

  it("no pyproject: nothing is known", () => {
    expect(upperBound(null, "mini-swe-agent")).toBeNull();
  });
});
