// The TypeScript/JavaScript frontend: dockerode, docker CLI calls and `loadEnvironment`. Facts from ts-morph; the
// shared planner (codemods/plan/) decides what to change. Importing this file is cheap: ts-morph (~0.5 s) is loaded
// only when a group has a candidate file.
import type { Frontend, Program } from "../../model/frontend.js";
import { mayWriteCompose } from "../../model/compose-text.js";
import type { SourceFile } from "../../model/types.js";
import { codemodOf } from "../../plan/transform-group.js";
import { buildOutputReason } from "./build-output.js";

/** What a file needs to contain to matter: dockerode, a docker executable or command line, an identifier named for
 *  docker (`dockerBin`), node-docker-api's create on a client named for docker, or the entry point. A comment that
 *  merely says "docker" does not load ts-morph (~110 MB). */
const SIGNALS =
  /createContainer|loadEnvironment|dockerode|\bDocker\b|docker\.container\.create\b|["'`/]docker\b|\bdocker[A-Z_]\w*|\bdocker\s+(?:container\s+|service\s+)?(?:run|create)\b|\$\{[\w.]*docker\w*\}\s+(?:container\s+)?(?:run|create)\b|podman|nerdctl|\b(?:apptainer|singularity|udocker|bwrap)\b|createNamespaced(?:Pod|Job|CronJob|Deployment|StatefulSet|DaemonSet|ReplicaSet)\b/;

/** An argv that starts with `run`/`create` handed to a process runner: the executable may come from config. */
const RUNNER = /\b(?:spawn|spawnSync|execFile|execFileSync|execa|execaSync)\b/;
const RUN_ARGV = /["'](?:run|create)["']/;

export const typescriptFrontend: Frontend = {
  id: "typescript",
  nameStyle: "camel",
  mightMatter: (text) => SIGNALS.test(text) || (RUNNER.test(text) && RUN_ARGV.test(text)) || mayWriteCompose(text),
  buildOutput: buildOutputReason,
  session(options, context) {
    let session: { analyze(files: SourceFile[]): Promise<Program> } | undefined;
    return {
      async analyze(files) {
        session ??= (await import("./program.js")).typescriptSession(options, context);
        return session.analyze(files);
      },
      dispose() {},
    };
  },
  async syntaxError(path, text) {
    const { ts } = await import("./ts-morph.js");
    const { describe } = await import("./parse-error.js");
    // transpileModule reports syntax errors, and for .js files also TypeScript-only syntax (types, parameter properties).
    // A declaration file emits nothing, which transpileModule takes for a failure ("Debug Failure"): parsed as a module.
    const result = ts.transpileModule(text, {
      fileName: path.replace(/\.d(\.[cm]?ts)$/, "$1"),
      reportDiagnostics: true,
      compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, noEmit: false },
    });
    const first = result.diagnostics?.[0];
    return first ? describe(first) : null;
  },
};

export const typescriptCodemod = codemodOf(typescriptFrontend, [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);
