// Type-check a set of in-memory TS files ({ rel: text }) with strict options and the real node_modules: one Program
// per call, over an in-memory CompilerHost. Files from disk (lib.es2022, @types/node, @types/dockerode) are parsed
// once per process and shared between Programs. A bare import that node_modules cannot resolve (execa, an SDK)
// gets a shorthand ambient declaration (`declare module "x";`, everything `any`), so a missing dependency is not
// counted against the code; .tsx files get a minimal JSX namespace.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
/** In-memory files live under the repository, so module resolution walks up to its node_modules. */
const ROOT = join(REPO, "__typecheck__");
const STUBS = join(ROOT, "__stubs__.d.ts");
const JSX_STUB = "declare namespace JSX { interface IntrinsicElements { [name: string]: any } interface Element {} }\n";

/** strict, and the flags that catch what a codemod can break: an added parameter left unused, `undefined` passed
 *  into an optional property, an index read without a check. */
export const TYPECHECK_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: ["node"],
  typeRoots: [join(REPO, "node_modules/@types")],
  allowJs: true, // JS files of a case are read for their types, not checked
  checkJs: false,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  skipLibCheck: true,
};

export const TS_FILE = /\.(ts|tsx|mts|cts)$/;
const diskFiles = new Map<string, ts.SourceFile | undefined>();

/** Diagnostics as `rel:line:col TSxxxx message`, for the TypeScript files among `files` (and global ones). */
export function typecheck(files: Record<string, string>): string[] {
  const virtual = new Map(Object.entries(files).map(([rel, text]) => [join(ROOT, rel), text]));
  const options = withCasePaths(files);
  const base = ts.createCompilerHost(options, true);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (path) => virtual.has(path) || base.fileExists(path),
    readFile: (path) => virtual.get(path) ?? base.readFile(path),
    directoryExists: (path) => [...virtual.keys()].some((file) => file.startsWith(path + "/")) || (base.directoryExists?.(path) ?? true),
    getCurrentDirectory: () => ROOT,
    getSourceFile(path, languageVersion) {
      const text = virtual.get(path);
      if (text !== undefined) return ts.createSourceFile(path, text, languageVersion, true);
      if (!diskFiles.has(path)) diskFiles.set(path, base.getSourceFile(path, languageVersion));
      return diskFiles.get(path);
    },
    writeFile: () => {},
  };
  virtual.set(STUBS, stubs(virtual, host, options));
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  const ours = new Set([...virtual.keys()].filter((path) => TS_FILE.test(path) && path !== STUBS));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || ours.has(d.file.fileName))
    .map(format);
}

/** The case's tsconfig `paths` (aliases like `@app/*`), made absolute under ROOT, on top of the strict options: those of
 *  every tsconfig.json in the case (a monorepo package's own), each relative to its folder, in one program. */
function withCasePaths(files: Record<string, string>): ts.CompilerOptions {
  const merged: Record<string, string[]> = {};
  for (const [rel, text] of Object.entries(files)) {
    if (rel !== "tsconfig.json" && !rel.endsWith("/tsconfig.json")) continue;
    const compilerOptions = ts.parseConfigFileTextToJson(rel, text).config?.compilerOptions;
    const paths = compilerOptions?.paths as Record<string, string[]> | undefined;
    if (!paths) continue;
    const baseUrl = join(ROOT, dirname(rel), typeof compilerOptions.baseUrl === "string" ? compilerOptions.baseUrl : ".");
    for (const [alias, targets] of Object.entries(paths)) merged[alias] ??= targets.map((t) => join(baseUrl, t));
  }
  return Object.keys(merged).length > 0 ? { ...TYPECHECK_OPTIONS, paths: merged } : TYPECHECK_OPTIONS;
}

/** `declare module` for each bare import no node_modules resolves, and JSX for .tsx files. */
function stubs(virtual: Map<string, string>, host: ts.CompilerHost, options: ts.CompilerOptions): string {
  const missing = new Set<string>();
  for (const [path, text] of virtual) {
    for (const { fileName: spec } of ts.preProcessFile(text, true, true).importedFiles) {
      if (spec.startsWith(".") || spec.startsWith("/")) continue;
      if (!ts.resolveModuleName(spec, path, options, host).resolvedModule) missing.add(spec);
    }
  }
  const tsx = [...virtual.keys()].some((path) => path.endsWith(".tsx"));
  return [...missing].map((spec) => `declare module ${JSON.stringify(spec)};\n`).join("") + (tsx ? JSX_STUB : "");
}

function format(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
  if (!d.file || d.start === undefined) return `TS${d.code} ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const rel = d.file.fileName.startsWith(ROOT + "/") ? d.file.fileName.slice(ROOT.length + 1) : d.file.fileName;
  return `${rel}:${line + 1}:${character + 1} TS${d.code} ${message}`;
}
