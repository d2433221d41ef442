// A V8 code cache for the big CommonJS files crunify requires: ts-morph and the TypeScript it bundles take ~0.44 s to
// compile on every run that reads TypeScript, ~0.2 s from a cache. Node 22 has module.enableCompileCache(); Node 20
// (our floor) has only the cachedData of vm's compilers, which is what this uses on every version: one code path, tested.
// Per user under $XDG_CACHE_HOME (else ~/.cache)/crunify, one entry per file path, valid while the file is the one it
// was made from; any failure (no home, read-only disk, a stale or corrupt entry V8 rejects) means compiling as usual.
// CRUNIFY_COMPILE_CACHE=0 turns it off.
import { createHash, randomBytes } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { compileFunction } from "node:vm";

/** Smaller files compile in less time than reading a cache entry costs. */
const MIN_CHARS = 256 * 1024;

interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface CjsStatics {
  prototype: CjsModule;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: unknown;
}

export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CRUNIFY_COMPILE_CACHE === "0") return null;
  // XDG: a relative XDG_CACHE_HOME is invalid and ignored.
  const home = env.HOME || homedir();
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home ? join(home, ".cache") : "";
  // V8 rejects entries made by another version or under other V8 flags (the bin's shebang sets some, NODE_OPTIONS
  // may add more): a folder per version and flag set keeps runs of each kind from rewriting the other's entries.
  const flags = createHash("sha1").update([...process.execArgv, env.NODE_OPTIONS ?? ""].join("\0")).digest("hex").slice(0, 12);
  return base ? join(base, "crunify", `v8-${process.version}-${process.arch}-${flags}`) : null;
}

/** Install the cache for the rest of the process; returns the folder used, or null when there is none. */
export function enableCompileCache(dir = compileCacheDir()): string | null {
  if (!dir || !usableDir(dir)) return null;
  const M = Module as unknown as CjsStatics;
  const original = M.prototype._compile;
  M.prototype._compile = function (this: CjsModule, content: string, filename: string) {
    if (content.length < MIN_CHARS) return original.call(this, content, filename);
    let wrapper: CompiledWrapper;
    try {
      wrapper = compileCached(dir, content, filename);
    } catch {
      return original.call(this, content, filename);
    }
    // What Node's own _compile hands the module wrapper (v8-compile-cache does the same).
    const require = Object.assign((id: string) => this.require(id), {
      resolve: (request: string, options?: unknown) => M._resolveFilename(request, this, false, options),
      main: Reflect.get(process, "mainModule"),
      cache: M._cache,
      extensions: M._extensions,
    });
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  return dir;
}

type CompiledWrapper = ((...args: unknown[]) => unknown) & { cachedData?: Buffer; cachedDataRejected?: boolean };
const PARAMS = ["exports", "require", "module", "__filename", "__dirname"];

/** The module's wrapper function as Node's loader compiles it (vm.compileFunction: no wrapped copy of the source),
 *  from the cache entry when V8 takes it, else compiled and its entry written. The entry holds the eagerly compiled
 *  code: one made after the run, with every lazily compiled function too, loaded no faster and kept ~15 MB more. */
function compileCached(dir: string, content: string, filename: string): CompiledWrapper {
  const entry = join(dir, createHash("sha1").update(filename).digest("hex"));
  const stamp = Buffer.from(`${fileStamp(filename, content)}\n`);
  const stored = readOrNull(entry);
  if (stored && stored.subarray(0, stamp.length).equals(stamp)) {
    const wrapper = compileFunction(content, PARAMS, { filename, cachedData: stored.subarray(stamp.length) }) as CompiledWrapper;
    if (!wrapper.cachedDataRejected) return wrapper;
  }
  const wrapper = compileFunction(content, PARAMS, { filename, produceCachedData: true }) as CompiledWrapper;
  if (wrapper.cachedData) {
    try {
      // Random as well as the pid: the language thread (codemods/driver/language-thread.ts) shares the pid.
      const temp = `${entry}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      writeFileSync(temp, Buffer.concat([stamp, wrapper.cachedData]), { mode: 0o600 });
      renameSync(temp, entry);
    } catch {
      // A cache that cannot be written is only slower next time.
    }
  }
  return wrapper;
}

/** Which file this is, without hashing its megabytes (19 ms for TypeScript's 9 MB, a tenth of what the cache saves):
 *  V8 checks only the source's length, so the stamp must change with the content. A file rewritten, replaced or
 *  reinstalled gets a new change time (which, unlike the modification time npm pins to 1985, nothing can set back)
 *  or a new inode; the length the loader read guards a read racing a write. */
function fileStamp(filename: string, content: string): string {
  const stat = statSync(filename, { bigint: true });
  return `${content.length} ${stat.size} ${stat.ino} ${stat.ctimeNs}`;
}

/** Our own folder only: created private, and not used when someone else owns it. */
function usableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    return stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid());
  } catch {
    return false;
  }
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

