// The V8 code cache of the big CommonJS files (bin/cli/compile-cache.ts), run as users run it: the built CLI on a
// TypeScript environment (so ts-morph and TypeScript load), with the cache home in a temp folder.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileCacheDir } from "../bin/cli/compile-cache.js";
import { tempDir } from "./helpers/temp.js";

const CLI = join(import.meta.dirname, "..", "dist/bin/crunify.js");
const ENV_TS = `import Docker from "dockerode";

export async function start(image: string) {
  const docker = new Docker();
  const container = await docker.createContainer({ Image: image, Cmd: ["sleep", "60"] });
  await container.start();
  return container;
}
`;

function check(env: Record<string, string>) {
  const dir = tempDir("crunify-cc-env-");
  writeFileSync(join(dir, "sandbox.ts"), ENV_TS);
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete base.CRUNIFY_COMPILE_CACHE;
  const result = spawnSync(process.execPath, [CLI, "check", "sandbox.ts"], { cwd: dir, encoding: "utf8", env: { ...base, ...env } });
  return { code: result.status, out: result.stdout + result.stderr };
}

/** Entry name → its bytes, across the cache's folders. */
function entries(home: string): Map<string, Buffer> {
  const root = join(home, "crunify");
  const out = new Map<string, Buffer>();
  for (const folder of readdirSync(root)) for (const name of readdirSync(join(root, folder))) out.set(join(folder, name), readFileSync(join(root, folder, name)));
  return out;
}

describe("compile cache", () => {
  it("is written by the first run, used unchanged by the next, and rewritten when V8 rejects an entry", () => {
    const home = tempDir("crunify-cc-home-");
    const plain = check({ CRUNIFY_COMPILE_CACHE: "0", XDG_CACHE_HOME: home });
    expect(plain.code).toBe(1);
    expect(plain.out).toContain("sandbox.ts:5:");
    expect(() => readdirSync(join(home, "crunify"))).toThrow(/ENOENT/);

    expect(check({ XDG_CACHE_HOME: home })).toEqual(plain);
    const written = entries(home);
    // ts-morph, @ts-morph/common and its bundled TypeScript: each over the size floor.
    expect(written.size).toBeGreaterThanOrEqual(2);
    for (const [name, bytes] of written) {
      expect(name).not.toMatch(/\.tmp$/);
      expect(bytes.length).toBeGreaterThan(100_000);
    }
    const mtimes = new Map([...written.keys()].map((name) => [name, statSync(join(home, "crunify", name)).mtimeMs]));

    // Accepted: V8 took every entry, so the run had nothing to write back.
    expect(check({ XDG_CACHE_HOME: home })).toEqual(plain);
    for (const [name, mtime] of mtimes) expect(statSync(join(home, "crunify", name)).mtimeMs).toBe(mtime);

    // Stale: an entry made from another copy of the file (its stamp differs, its code V8 would take) is not used.
    for (const [name, bytes] of written) {
      const newline = bytes.indexOf(10);
      expect(bytes.subarray(0, newline).toString()).toMatch(/^\d+ \d+ \d+ \d+$/);
      writeFileSync(join(home, "crunify", name), Buffer.concat([Buffer.from("1 1 1 1"), bytes.subarray(newline)]));
    }
    expect(check({ XDG_CACHE_HOME: home })).toEqual(plain);
    const stampOf = (bytes: Buffer) => bytes.subarray(0, bytes.indexOf(10)).toString();
    for (const [name, bytes] of entries(home)) expect(stampOf(bytes)).toBe(stampOf(written.get(name)!));

    // Rejected: garbage in every entry changes nothing the user sees, and the next run repairs the cache.
    for (const name of written.keys()) writeFileSync(join(home, "crunify", name), Buffer.alloc(4096, 7));
    expect(check({ XDG_CACHE_HOME: home })).toEqual(plain);
    const repaired = entries(home);
    expect([...repaired.keys()].sort()).toEqual([...written.keys()].sort());
    for (const bytes of repaired.values()) expect(bytes.length).toBeGreaterThan(100_000);
  });

  it("is skipped, not fatal, when its folder cannot be made", () => {
    const home = tempDir("crunify-cc-file-");
    writeFileSync(join(home, "crunify"), "a file where the folder would go\n");
    const plain = check({ CRUNIFY_COMPILE_CACHE: "0" });
    expect(check({ XDG_CACHE_HOME: home })).toEqual(plain);
  });

  it("keeps one folder per Node version and V8 flag set, under XDG_CACHE_HOME or ~/.cache", () => {
    const a = compileCacheDir({ XDG_CACHE_HOME: "/c" });
    expect(a).toMatch(new RegExp(`^/c/crunify/v8-${process.version}-${process.arch}-[0-9a-f]{12}$`));
    expect(compileCacheDir({ XDG_CACHE_HOME: "/c", NODE_OPTIONS: "--max-semi-space-size=4" })).not.toBe(a);
    expect(compileCacheDir({ HOME: "/h" })).toMatch(/^\/h\/\.cache\/crunify\/v8-/);
    expect(compileCacheDir({ HOME: "/h", XDG_CACHE_HOME: "relative/cache" })).toMatch(/^\/h\/\.cache\/crunify\/v8-/);
    expect(compileCacheDir({ XDG_CACHE_HOME: "/c", CRUNIFY_COMPILE_CACHE: "0" })).toBeNull();
  });
});
