// A compose file the code writes at run time (`YAML.stringify({ services: {...} })`, js-yaml's `dump(...)`, or
// `writeFileSync(path, \`services:\n ...\`)`): the compose frontend never sees it, so its services start under the
// engine's default runtime. Reported, naming the writer; a human adds `runtime` to each service there.
import type { CallExpression } from "ts-morph";
import { COMPOSE_TEXT } from "../../../model/compose-text.js";
import { Node } from "../ts-morph.js";
import { calleeName, followIdentifier, propertyNamed, skipOuter } from "../syntax-helpers.js";
import type { SiteFinder } from "./types.js";

const SERIALIZERS = new Set(["stringify", "dump", "safeDump"]);
const WRITERS = new Set(["writeFileSync", "writeFile", "write", "outputFile", "outputFileSync"]);

export const composeWrittenAtRunTime: SiteFinder = {
  kind: "compose-written-at-run-time",
  title: "a compose file written at run time (`YAML.stringify({ services })`, a template holding `services:`): reported",
  match(call: CallExpression) {
    const name = calleeName(call);
    if (!name) return undefined;
    const [first, second] = call.getArguments();
    let written: Node | undefined;
    if (SERIALIZERS.has(name) && /yaml/i.test(call.getExpression().getText())) {
      const data = followIdentifier(first);
      if (data && Node.isObjectLiteralExpression(data) && propertyNamed(data, "services")) written = data;
    } else if (WRITERS.has(name)) {
      const text = followIdentifier(second);
      const inner = skipOuter(text);
      if (inner && (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner) || Node.isTemplateExpression(inner)) && COMPOSE_TEXT.test(inner.getText().replace(/^[`"']/, ""))) {
        written = inner;
      }
    }
    if (!written) return undefined;
    const label = `${call.getExpression().getText()}(...)`;
    if (/\bruntime\b/.test(written.getText())) return { kind: "compose-written-at-run-time", node: call, label, state: "wired" };
    return {
      kind: "compose-written-at-run-time",
      node: call,
      label,
      state: "manual",
      reason: "it writes a compose file at run time, which crunify cannot see: give each service `runtime` (e.g. `${OCI_RUNTIME:-crun}`) there",
    };
  },
};
