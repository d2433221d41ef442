// A compose file the code writes at run time (`yaml.safe_dump({"services": {...}}, f)`, or a string holding
// `services:` written to a file): the compose frontend never sees it, so its services start under the engine's default
// runtime. Reported, naming the writer; a human adds `runtime` to each service there.
import type { Node } from "web-tree-sitter";
import { COMPOSE_FILE_PATH, COMPOSE_TEXT, servicesDeclareRuntime } from "../../../model/compose-text.js";
import { localBindings } from "../local-bindings.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";
import { children, dottedName, enclosingFunctions, isDocstring, namedChildren, positionalArgs, stringValue, unparenthesized } from "../syntax.js";
import type { FinderContext } from "./index.js";


/** What the service's runtime should be: the caller's, where the code holds one (crunify may have just added it). */
const runtimeValue = (variable: string, param: string) =>
  `the runtime the enclosing function or class holds (its \`${param}\` parameter or \`self.${param}\`, also where crunify added it), else \`os.environ.get("${variable}", "crun")\``;

export function findComposeWrittenAtRunTime(mod: PyModule, ctx: FinderContext): Site[] {
  const variable = ctx.options.runtimeVariable ?? "OCI_RUNTIME";
  const runtime = runtimeValue(variable, ctx.options.paramName);
  const sites: Site[] = [];
  const report = (node: Node, what: string, text: string, how: string, why = "it writes a compose file at run time, which crunify cannot see") =>
    sites.push({
      mod,
      node,
      what,
      wiredWith: servicesDeclareRuntime(text) ? '"runtime"' : null,
      manual: `${why}: ${how}`,
      fix: () => [],
      hint: () => "",
    });
  for (const call of mod.nodes("call")) {
    const callee = dottedName(call.childForFieldName("function")) ?? "";
    if (!/(^|\.)(safe_)?dump$/.test(callee) || !/yaml/i.test(callee)) continue;
    const data = composeDict(unparenthesized(positionalArgs(call)[0] ?? null), call);
    if (data) report(call, `${callee}(...)`, data.text, `give each service a \`"runtime"\` there: ${runtime}`);
    // Data built elsewhere (a compose file read, patched and written back) to a path that names a compose file.
    else if (COMPOSE_FILE_PATH.test(writtenTo(call))) {
      const text = positionalArgs(call)[0]?.text ?? "";
      report(call, `${callee}(...)`, text, `give each service a \`"runtime"\` where the services are built: ${runtime}`);
    }
  }
  for (const str of mod.nodes("string")) {
    // An f-string template (`f"""{HEADER}\nservices:\n  default: ..."""`) is read by its literal parts.
    const value = stringValue(str) ?? children(str).filter((part) => part.type === "string_content").map((part) => part.text).join("");
    if (!COMPOSE_TEXT.test(value) || isDocstring(str)) continue;
    // The text is right here, but the file it becomes is written at run time, where the compose rewrite never looks.
    report(str, "a compose file in a string", value, `give each service \`runtime: \${${variable}:-crun}\` in it`, "the code writes this compose text to a file at run time, which crunify's compose rewrite never sees");
  }
  return sites;
}

/** The dict literal (directly, or the last one assigned to the name in the function) with a "services" key. */
function composeDict(arg: Node | null, at: Node): Node | null {
  let value = arg;
  if (value?.type === "identifier") {
    const fn = enclosingFunctions(at)[0];
    const assigned = fn ? localBindings(fn).assignments.filter((a) => a.name === value!.text && a.start < at.startIndex).at(-1) : undefined;
    value = unparenthesized(assigned?.value ?? null);
  }
  if (value?.type !== "dictionary") return null;
  const keys = namedChildren(value).flatMap((pair) => (pair.type === "pair" ? [stringValue(pair.childForFieldName("key"))] : []));
  return keys.includes("services") ? value : null;
}

/** The text that says where a YAML dump goes: the statement it is in (`Path(d, "compose.yaml").write_text(yaml.dump(x))`,
 *  `yaml.dump(x, open("compose.yaml", "w"))`) and the `with open(...)` headers around it. */
function writtenTo(call: Node): string {
  const parts: string[] = [];
  for (let cur: Node | null = call.parent; cur && cur.type !== "function_definition" && cur.type !== "module"; cur = cur.parent) {
    if (cur.type === "expression_statement" || cur.type === "return_statement") parts.push(cur.text);
    if (cur.type === "with_statement") parts.push(namedChildren(cur).find((c) => c.type === "with_clause")?.text ?? "");
  }
  return parts.join("\n");
}
