// Libraries that start containers with `docker run` but take extra arguments for it: minisweagent's
// `DockerEnvironment(run_args=[...])` / `DockerEnvironmentConfig`, SWE-ReX's `DockerDeployment(docker_args=[...])` /
// `DockerDeploymentConfig`. The runtime rides in those: `"--runtime", <runtime>`. minisweagent's default `run_args` is
// `["--rm"]` (since 1.10): a call that did not pass any keeps it.
import type { Node } from "web-tree-sitter";
import { insertListItem } from "../insert.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";
import { keywordArg, namedChildren, stringValue, unparenthesized } from "../syntax.js";
import { onlyBefore, upperBound } from "../dependency-pin.js";
import { isRuntimeFlag } from "./docker-argv.js";
import type { FinderContext } from "./index.js";

interface Door {
  library: string;
  /** The distribution pyproject.toml pins (PEP 503 spelling). */
  distribution: string;
  module: RegExp;
  classes: RegExp;
  keyword: string;
  /** The first release with the keyword, when some releases lack it. */
  since?: string;
  /** The library's default for the keyword, kept when the call did not pass one, and the release it became that. */
  defaults: string[];
  defaultsSince?: string;
  /** The library's factory that builds whichever environment a config names (`get_environment(config)`). */
  factory?: string;
}

// From the libraries' histories: minisweagent has had `run_args` since before 1.0.0 (the podman support commit) and
// defaults it to ["--rm"] since 1.10.0; SWE-ReX has had `docker_args` in every tagged release (1.0.4 on).
const DOORS: Door[] = [
  {
    library: "minisweagent", distribution: "mini-swe-agent", module: /^minisweagent(\.|$)/, classes: /^DockerEnvironment(Config)?$/,
    keyword: "run_args", since: "1.0.0", defaults: ["--rm"], defaultsSince: "1.10.0", factory: "get_environment",
  },
  { library: "SWE-ReX", distribution: "swe-rex", module: /^swerex(\.|$)/, classes: /^DockerDeployment(Config)?$/, keyword: "docker_args", defaults: [] },
];

export function findLibraryDockerArgs(mod: PyModule, ctx: FinderContext): Site[] {
  const sites: Site[] = [];
  for (const call of mod.nodes("call")) {
    const factory = doorOf(mod, call, true);
    if (factory) {
      const site = factorySite(mod, call, factory);
      if (site) sites.push(site);
      continue;
    }
    const door = doorOf(mod, call);
    if (!door) continue;
    const pin = upperBound(ctx.pyproject, door.distribution);
    const tooOld = door.since && onlyBefore(pin, door.since)
      ? `pyproject.toml pins ${door.distribution} below ${door.since}, the first release with \`${door.keyword}\`: upgrade it, then run crunify again`
      : undefined;
    // The library's default before it changed: `run_args=[]` up to minisweagent 1.9 (no --rm), so none is added.
    const defaults = door.defaultsSince && onlyBefore(pin, door.defaultsSince) ? [] : door.defaults;
    const q = mod.quote;
    const kw = keywordArg(call, door.keyword);
    const value = unparenthesized(kw?.childForFieldName("value") ?? null);
    const wired = value?.type === "list" && namedChildren(value).some(isRuntimeFlag);
    const label = `${call.childForFieldName("function")!.text}(...)`;
    sites.push({
      mod,
      node: call,
      what: label,
      via: `${door.library} ${door.keyword}`,
      wiredWith: wired ? "--runtime" : null,
      manual: tooOld ?? (value && value.type !== "list" ? `its \`${door.keyword}\` is built elsewhere: add \`${q}--runtime${q}, <runtime>\` to it` : undefined),
      fix(runtime) {
        const flag = `${q}--runtime${q}, ${runtime}`;
        if (value) return insertListItem(mod.file.text, value, flag);
        const items = [...defaults.map((d) => `${q}${d}${q}`), flag].join(", ");
        const args = call.childForFieldName("arguments")!;
        return insertListItem(mod.file.text, args, `${door.keyword}=[${items}]`, namedChildren(args).find((a) => a.type === "dictionary_splat") ?? null);
      },
      hint: (runtime) => `\`${door.keyword}=[..., ${q}--runtime${q}, ${runtime}]\``,
    });
  }
  return sites;
}

/** `get_environment(config)`: the environment class and its `run_args` come from the config, mostly a YAML file. A
 *  dict literal that names another class (`"environment_class": "local"`) builds no container; one whose `run_args`
 *  holds `--runtime` is wired; any other is reported (SkyRL's mini-swe-agent example). */
function factorySite(mod: PyModule, call: Node, door: Door): Site | null {
  const q = mod.quote;
  const config = unparenthesized(namedChildren(call.childForFieldName("arguments"))[0] ?? null);
  const entry = (key: string) => (config?.type === "dictionary" ? namedChildren(config).find((p) => p.type === "pair" && stringValue(p.childForFieldName("key")) === key)?.childForFieldName("value") ?? null : null);
  const kind = stringValue(entry("environment_class"));
  if (kind !== null && !/docker|podman/.test(kind)) return null;
  const args = unparenthesized(entry(door.keyword));
  const wired = args?.type === "list" && namedChildren(args).some(isRuntimeFlag);
  const label = `${call.childForFieldName("function")!.text}(...)`;
  return {
    mod,
    node: call,
    what: label,
    via: `${door.library} ${door.keyword}`,
    wiredWith: wired ? "--runtime" : null,
    manual: `${door.library} builds the environment its config names (\`environment_class\`): where that is docker, add \`${q}--runtime${q}, <runtime>\` to the config's \`${door.keyword}\``,
    fix: () => [],
    hint: () => "",
  };
}

/** The door a call goes through: its callee is one of the classes (or, `factory`, the library's factory), imported
 *  from the library. */
function doorOf(mod: PyModule, call: Node, factory = false): Door | undefined {
  const fn = call.childForFieldName("function");
  const name = fn?.type === "identifier" ? fn.text : fn?.type === "attribute" ? fn.childForFieldName("attribute")!.text : "";
  const local = fn?.type === "identifier" ? fn.text : fn?.childForFieldName("object")?.text.split(".")[0] ?? "";
  const binding = mod.imports.get(local);
  if (!binding) return undefined;
  return DOORS.find((door) => (factory ? door.factory === name : door.classes.test(name)) && door.module.test(binding.module) && !insideLibrary(mod, door));
}

/** The library's own code (`src/swerex/deployment/docker.py` building its config): it is the container's creator,
 *  whose sites and owners crunify wires as any package's, not a door into it. */
function insideLibrary(mod: PyModule, door: Door): boolean {
  const parts = mod.moduleName.split(".");
  return parts.some((_, i) => door.module.test(parts.slice(i).join(".")));
}
