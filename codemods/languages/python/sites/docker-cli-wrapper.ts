// The docker CLI behind a small helper of the package's own: `def docker(*args): subprocess.run(["docker", *args])`,
// called as `docker("run", "-d", image)`. The call that passes "run"/"create" is the site; `"--runtime", <expr>` goes
// right after the subcommand there, so the helper itself stays as it is.
import type { Node } from "web-tree-sitter";
import { CREATE_SUBCOMMANDS } from "../../../model/docker-cli.js";
import { insertListItemAfter } from "../insert.js";
import type { PyModule } from "../module-index.js";
import { params } from "../owner-signature.js";
import type { Site } from "../site.js";
import { callArguments, descendants, namedChildren, paramName, positionalArgs, splatOf, stringValue } from "../syntax.js";
import { isDockerExecutable, isRuntimeFlag } from "./docker-argv.js";
import type { FinderContext } from "./index.js";


/** A function that hands its `*args` to the docker CLI: an argv literal, or the positional arguments of
 *  `create_subprocess_exec`, starting with the docker executable and splatting the parameter. */
export function isDockerCliWrapper(fn: Node): boolean {
  const star = params(fn).find((p) => splatOf(p) === "*");
  const name = star && paramName(star);
  if (!name) return false;
  for (const seq of descendants(fn, ["list", "tuple", "argument_list"])) {
    const items = namedChildren(seq).filter((n) => n.type !== "keyword_argument");
    if (items.length < 2 || !isDockerExecutable(items[0]!)) continue;
    if (items.slice(1).some((item) => item.type === "list_splat" && namedChildren(item)[0]?.text === name)) return true;
  }
  return false;
}

/** What a call's first argument can be when a positional "run" may still come first (`f(*base, "run")`). */
const MAY_PRECEDE = new Set(["string", "comment", "line_continuation", "keyword_argument", "list_splat", "dictionary_splat"]);

interface SubcommandCall {
  call: Node;
  args: Node[];
  subcommand: Node;
  verb: string;
}

/** The module's calls whose positional arguments start with "run"/"create" (or "container", "run"): the same in every
 *  round of the reading, so found once; only what the callee is depends on the modules read. */
const foundIn = new WeakMap<PyModule, SubcommandCall[]>();
function subcommandCalls(mod: PyModule): SubcommandCall[] {
  const known = foundIn.get(mod);
  if (known) return known;
  const found: SubcommandCall[] = [];
  for (const call of mod.nodes("call")) {
    // Most calls' first argument is no string at all: told by one node, before every argument is fetched.
    const head = call.childForFieldName("arguments")?.firstNamedChild;
    if (!head || !MAY_PRECEDE.has(head.type)) continue;
    const args = positionalArgs(call);
    const first = stringValue(args[0] ?? null);
    const subcommand = first === "container" ? args[1] : args[0];
    const verb = stringValue(subcommand ?? null);
    if (subcommand && verb && CREATE_SUBCOMMANDS.has(verb)) found.push({ call, args, subcommand, verb });
  }
  foundIn.set(mod, found);
  return found;
}

export function findDockerCliWrapperCalls(mod: PyModule, { resolver }: FinderContext): Site[] {
  const sites: Site[] = [];
  const wrappers = new Map<Node, boolean>();
  const isWrapper = (fn: Node) => {
    if (!wrappers.has(fn)) wrappers.set(fn, isDockerCliWrapper(fn));
    return wrappers.get(fn)!;
  };
  for (const { call, args, subcommand, verb } of subcommandCalls(mod)) {
    const def = resolver.callee(mod, call);
    if (def?.kind !== "function" || !isWrapper(def.node)) continue;
    const q = mod.quote;
    const flag = args.find(isRuntimeFlag);
    sites.push({
      mod,
      node: call,
      what: `${call.childForFieldName("function")!.text}(${q}${verb}${q}, ...)`,
      wiredWith: flag ? (flag.nextNamedSibling?.text ?? flag.text) : null,
      fix: (runtime) => insertListItemAfter(mod.file.text, callArguments(call)!, subcommand, `${q}--runtime${q}, ${runtime}`),
      hint: (runtime) => `\`${q}--runtime${q}, ${runtime}\` after \`${q}${verb}${q}\``,
    });
  }
  return sites;
}
