// The Python frontend: web-tree-sitter with tree-sitter-python's shipped wasm. Facts only; the shared planner
// (codemods/plan/) decides what to change.
import type { Frontend } from "../../model/frontend.js";
import { mayWriteCompose } from "../../model/compose-text.js";
import { codemodOf } from "../../plan/transform-group.js";
import { pythonSyntaxErrors } from "./cpython-check.js";
import { pythonSession } from "./program.js";
import { mayHoldSite } from "./sites/index.js";
import { usesOtherEngine } from "../../model/docker-cli.js";

/** The batch form of `syntaxError`: one CPython run for many files. */
export { pythonSyntaxErrors as syntaxErrors } from "./cpython-check.js";

/** Cheap test before parsing: could this file hold a site, an owner's constructor or the entry point? The entry point
 *  is a top-level `def load_environment`; a file that only calls one (a loader, a CLI) joins when it names an owner. */
const INTERESTING = /docker|podman|nerdctl|apptainer|singularity|udocker|bwrap|containers\.|create_container|create_host_config|create_namespaced_|kubectl|def\s+load_environment\b/i;

const ENTRY = /def\s+load_environment\b/;

export const pythonFrontend: Frontend = {
  id: "python",
  nameStyle: "snake",
  mightMatter: (text) => INTERESTING.test(text) || mayWriteCompose(text),
  // A file that only says "docker" (a docstring, `import docker`, a helper a site's module imports) is read when it
  // names an owner or a lookup reaches it. In verifiers the reading starts with 23 files, not 50, and 39 of 57 are
  // ever parsed.
  startsReading: (text) => mayHoldSite(text) || ENTRY.test(text) || usesOtherEngine(text) || mayWriteCompose(text),
  passesNamesOn: (file) => /(^|\/)__init__\.py$/.test(file.rel),
  session: pythonSession,
  // As strict as CPython: tree-sitter accepts code CPython rejects (`def f(**kw: Any, runtime="crun")`).
  async syntaxError(path, text, before) {
    return (await pythonSyntaxErrors([{ path, text, before }]))[0]!;
  },
};

export const pythonCodemod = codemodOf(pythonFrontend, [".py"]);
