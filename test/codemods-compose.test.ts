// What the compose frontend promises beyond the shared fixture loop (codemods.test.ts): the inserted lines are what
// compose reads, and the registry finds compose files by name.
import { join } from "node:path";
import { diffChars } from "diff";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { composeCodemod } from "../codemods/languages/compose/index.js";
import { LANGUAGES, isSourceName, languageOf } from "../codemods/languages/registry.js";
import { applyCaseFindings, loadCases, transformCase } from "./helpers/fixture-cases.js";

const cases = loadCases(join(import.meta.dirname, "../fixtures/codemods/compose"));

describe("compose runtime lines", () => {
  const runtimes = (text: string) => {
    const services = (parse(text) as { services: Record<string, { runtime?: string } | null> }).services;
    return Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s?.runtime]));
  };

  it("every service of the transformed block and flow files reads the variable, as compose sees the file", async () => {
    for (const name of ["block-services", "flow-style", "version-3-8-four-spaces"]) {
      const c = cases.find((k) => k.name === name)!;
      const after = applyCaseFindings(c.input, (await transformCase(composeCodemod, c.input, c.options)).findings);
      for (const runtime of Object.values(runtimes(after.get("main.yaml")!))) expect(runtime, name).toBe("${OCI_RUNTIME:-crun}");
    }
  });
});

describe("compose files in the registry", () => {
  it.each([
    ["compose.yaml", true],
    ["compose.yml", true],
    ["docker-compose.yaml", true],
    ["docker-compose.yml", true],
    ["docker-compose.prod.yml", true],
    ["compose.override.yaml", true],
    ["envs/task-1/docker-compose.yaml", true],
    ["config.yaml", false],
    ["my-compose.yml", true],
    ["sql-docker-compose.yml", true],
    ["docker-compose-dev.yml", true],
    ["composer.yml", false],
    ["decompose.yaml", false],
    ["docker-compose.yml.bak", false],
    [".pre-commit-config.yaml", false],
  ])("%s → %s", (path, expected) => {
    expect(languageOf(path)?.id === "compose").toBe(expected);
    expect(isSourceName(path.split("/").at(-1)!)).toBe(expected);
  });

  it("has one entry, without an entry point, and adds no extension to the walk", () => {
    const compose = LANGUAGES.filter((language) => language.id === "compose");
    expect(compose).toHaveLength(1);
    expect(compose[0]!.entryPoint).toBeUndefined();
    expect(compose[0]!.extensions).toEqual([]);
  });
});
