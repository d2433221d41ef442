// `docker run` / `docker create` inside a shell command string: `os.system(f"docker run -d {image} ...")`,
// `subprocess.run("docker run ...", shell=True)`, `asyncio.create_subprocess_shell(...)`. The runtime is inserted as
// `--runtime {shlex.quote(<expr>)}` so a runtime name can never inject shell syntax.
import type { Node } from "web-tree-sitter";
import type { Edit } from "../../../model/types.js";
import { addImport } from "../imports.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";
import { calleeName, children, inReplacementField, isDocstring, stringPrefix, stringValue } from "../syntax.js";
import { afterPrompt, MESSAGE_CALLS, PROSE_NAME, SHELL_CREATE_COMMAND } from "../../../model/docker-cli.js";
import { ranElsewhere } from "./shell-sink.js";

/** A docker create command anywhere in a text (the finder's cheap test before any walk). */
export const SHELL_DOCKER_COMMAND = /(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|create)/;

export function isMessage(node: Node): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (cur.type === "raise_statement" || cur.type === "assert_statement") return true;
    if (cur.type === "keyword_argument" && PROSE_NAME.test(cur.childForFieldName("name")?.text ?? "")) return true;
    if (cur.type === "pair" && node.startIndex >= (cur.childForFieldName("value")?.startIndex ?? Infinity) && PROSE_NAME.test(stringValue(cur.childForFieldName("key")) ?? "")) return true;
    if (cur.type === "call" && MESSAGE_CALLS.test(calleeName(cur) ?? "")) return true;
    if (/statement|definition|block|module/.test(cur.type)) return false;
  }
  return false;
}

export function findDockerShellStrings(mod: PyModule): Site[] {
  const sites: Site[] = [];
  for (const str of mod.nodes("string")) {
    if (!SHELL_DOCKER_COMMAND.test(str.text) || isDocstring(str) || isMessage(str)) continue;
    const prefix = stringPrefix(str);
    if (prefix.includes("b")) continue;
    for (const content of children(str).filter((c) => c.type === "string_content")) {
      const match = SHELL_CREATE_COMMAND.exec(content.text);
      if (!match || afterPrompt(content.text, match.index + match[1]!.length)) continue;
      const at = content.startIndex + match.index + match[0].length;
      const engine = match[2]!;
      const verb = match[3]!;
      const isF = prefix.includes("f");
      const wired = str.text.includes("--runtime");
      const braces = !isF && /[{}]/.test(str.text);
      sites.push({
        mod,
        node: str,
        what: `${engine} ${verb} in a shell string`,
        wiredWith: wired ? "--runtime" : null,
        manual: braces ? "the string has braces (str.format?): add --runtime by hand, quoted with shlex.quote" : ranElsewhere(mod, str),
        fix: (runtime) => {
          const quote = addImport(mod, "shlex", "quote");
          const edits: Edit[] = [...quote.edits];
          if (!isF) edits.push({ start: str.startIndex, end: str.startIndex, text: "f" });
          edits.push({ start: at, end: at, text: ` --runtime {${quote.name}(${inReplacementField(str, runtime)})}` });
          return edits;
        },
        hint: (runtime) => `\`--runtime {shlex.quote(${runtime})}\` after \`${verb}\``,
      });
      break;
    }
  }
  return sites;
}
