// The Python codemod: parse every file of a group once, find container-creation sites, plan the threading.
import type { CodemodOptions, GroupResult, LanguageCodemod, SourceFile, Support } from "../core/types.js";
import { importedModules, indexModule, type PyModule } from "./module-index.js";
import { describeSyntaxError, firstSyntaxError, parsePython } from "./parser.js";
import { planPython } from "./plan.js";
import { Resolver } from "./resolve.js";
import type { Site } from "./site.js";
import { findDockerArgv } from "./sites/docker-argv.js";
import { findDockerPyCallables } from "./sites/docker-py-callable.js";
import { findDockerPyCalls } from "./sites/docker-py-call.js";
import { findLowLevelApi } from "./sites/docker-py-low-level.js";
import { findDockerShellStrings } from "./sites/docker-shell-string.js";

const SITE_FINDERS: ((mod: PyModule) => Site[])[] = [
  findDockerPyCalls,
  findDockerPyCallables,
  findLowLevelApi,
  findDockerArgv,
  findDockerShellStrings,
];

/** Cheap test before parsing: could this file hold a site, an owner's constructor or the entry point? */
const INTERESTING = /docker|podman|containers\.|create_container|load_environment|subprocess|Executor|Sandbox/i;

export const pythonCodemod: LanguageCodemod = {
  name: "python",
  extensions: [".py"],
  mightMatter: (text) => INTERESTING.test(text),

  async syntaxError(_path, text) {
    const tree = await parsePython(text);
    const error = firstSyntaxError(tree.rootNode);
    const reason = error ? describeSyntaxError(error) : null;
    tree.delete();
    return reason;
  },

  async transform(files: SourceFile[], options: CodemodOptions): Promise<GroupResult> {
    const errors: GroupResult["errors"] = [];
    const modules: PyModule[] = [];
    for (const file of files) {
      const tree = await parsePython(file.text);
      const error = firstSyntaxError(tree.rootNode);
      if (error) {
        errors.push({ path: file.path, reason: describeSyntaxError(error) });
        tree.delete();
        continue;
      }
      modules.push(indexModule(file, tree));
    }
    try {
      const resolver = new Resolver(modules);
      // Tests start containers to test them; their signatures are pytest's business, not the environment's.
      const sites = modules.filter((mod) => !isTestFile(mod.file.rel)).flatMap((mod) => SITE_FINDERS.flatMap((find) => find(mod)));
      const plan = planPython(modules, resolver, sites, options);
      const { support, reason } = supportOf(modules, sites, plan.owners, options);
      return { findings: plan.findings, errors, support, reason, notes: plan.notes, entryParam: plan.entryParam };
    } finally {
      for (const mod of modules) mod.tree.delete();
    }
  },
};

export function isTestFile(rel: string): boolean {
  return /(^|\/)(tests?\/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)/.test(rel);
}

function supportOf(modules: PyModule[], sites: Site[], owners: string[], options: CodemodOptions): { support: Support; reason: string } {
  if (sites.length > 0) {
    const where = owners.length > 0 ? owners.join(", ") : [...new Set(sites.map((s) => s.mod.file.rel))].join(", ");
    return { support: "yes", reason: `creates its own containers (${where})` };
  }
  for (const mod of modules) {
    for (const imported of importedModules(mod)) {
      const rule = options.thirdParty.find((r) => imported.module === r.module || imported.module.startsWith(r.module + "."));
      if (rule) {
        const name = imported.names[0] ?? imported.module;
        return { support: "no", reason: rule.reason.replace("{name}", name) };
      }
    }
  }
  return { support: "none", reason: "creates no containers" };
}
