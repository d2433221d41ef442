// A compose file the code writes at run time (`YAML.stringify({ services: {...} })`, js-yaml's `dump(...)`,
// `writeFileSync(path, \`services:\n ...\`)`, or any data written to a path that names a compose file, such as an app
// store's compose file read, patched and written back): the compose frontend never sees it, so its services start
// under the engine's default runtime. Reported, naming the writer; a human adds `runtime` to each service there.
import type { CallExpression, ObjectLiteralExpression } from "ts-morph";
import { COMPOSE_FILE_PATH, COMPOSE_TEXT, servicesDeclareRuntime } from "../../../model/compose-text.js";
import { Node } from "../ts-morph.js";
import { calleeName, followIdentifier, propertyNamed, skipOuter } from "../syntax-helpers.js";
import type { SiteFinder } from "./types.js";

const SERIALIZERS = new Set(["stringify", "dump", "safeDump"]);
const WRITERS = new Set(["writeFileSync", "writeFile", "write", "outputFile", "outputFileSync"]);

export const composeWrittenAtRunTime: SiteFinder = {
  kind: "compose-written-at-run-time",
  title: "a compose file written at run time (`YAML.stringify({ services })`, a template holding `services:`): reported",
  // SERIALIZERS, and WRITERS among the writers `/^(write|output|save)/` names.
  accepts: (call) => call.name !== undefined && (SERIALIZERS.has(call.name) || /^(write|output|save)/i.test(call.name)),
  match(call: CallExpression) {
    const name = calleeName(call);
    if (!name) return undefined;
    const [first, second] = call.getArguments();
    let written: Node | undefined;
    if (SERIALIZERS.has(name) && /yaml/i.test(call.getExpression().getText())) {
      written = composeLiteral(call);
    } else if (WRITERS.has(name)) {
      const text = followIdentifier(second);
      const inner = skipOuter(text);
      if (inner && (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner) || Node.isTemplateExpression(inner)) && COMPOSE_TEXT.test(inner.getText().replace(/^[`"']/, ""))) {
        written = inner;
      }
    }
    const label = `${call.getExpression().getText()}(...)`;
    const data = skipOuter(followIdentifier(second));
    const serialized = !!data && Node.isCallExpression(data) && SERIALIZERS.has(calleeName(data) ?? "") && !!composeLiteral(data);
    if (!written && data && !serialized && /^(write|output|save)/i.test(name) && COMPOSE_FILE_PATH.test(first?.getText() ?? "")) {
      // The data is built elsewhere (read from the file, patched, written back): only a human can tell its services.
      if (servicesDeclareRuntime(data.getText())) return { kind: "compose-written-at-run-time", node: call, label, state: "wired" };
      return {
        kind: "compose-written-at-run-time",
        node: call,
        label,
        state: "manual",
        reason: "it writes a compose file at run time from data built elsewhere, which crunify cannot see: give each service `runtime` (e.g. `${OCI_RUNTIME:-crun}`) where the services are built",
      };
    }
    if (!written) return undefined;
    if (declaresRuntime(written)) return { kind: "compose-written-at-run-time", node: call, label, state: "wired" };
    return {
      kind: "compose-written-at-run-time",
      node: call,
      label,
      state: "manual",
      reason: "it writes a compose file at run time, which crunify cannot see: give each service `runtime` (e.g. `${OCI_RUNTIME:-crun}`) there",
    };
  },
};

/** Every service of the document declares `runtime`: read from the object literal's services where they are literals
 *  (`environment: { runtime: "nodejs" }` is not the service's), else from the text. */
function declaresRuntime(written: Node): boolean {
  if (Node.isObjectLiteralExpression(written)) {
    const services = propertyNamed(written, "services");
    const value = services && Node.isPropertyAssignment(services) ? skipOuter(services.getInitializer()) : undefined;
    if (value && Node.isObjectLiteralExpression(value)) {
      const entries = value.getProperties().map((p) => (Node.isPropertyAssignment(p) ? skipOuter(p.getInitializer()) : undefined));
      const literals = entries.filter((e): e is ObjectLiteralExpression => !!e && Node.isObjectLiteralExpression(e));
      if (literals.length === entries.length) return literals.length > 0 && literals.every((e) => !!propertyNamed(e, "runtime"));
    }
  }
  return servicesDeclareRuntime(written.getText().replace(/^[`"']|[`"']$/g, ""));
}

/** `YAML.stringify({ services: … })` (or of a name bound to such a literal): the object literal, which the serializer's
 *  own finding reports. */
function composeLiteral(serializer: CallExpression): Node | undefined {
  const data = followIdentifier(serializer.getArguments()[0]);
  return data && Node.isObjectLiteralExpression(data) && propertyNamed(data, "services") ? data : undefined;
}
