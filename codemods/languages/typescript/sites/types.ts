// What every TS/JS site finder returns, and the shape a finder has. One file per site kind beside this one.
import type { CallExpression, Node } from "ts-morph";
import { Node as TsNode } from "../ts-morph.js";
import { skipOuter } from "../syntax-helpers.js";
import { runsElsewhereReason } from "../../../model/docker-cli.js";
import type { RuntimeRef } from "../../../model/frontend.js";
import type { Edit } from "../../../model/types.js";

export interface Site {
  /** The finder's kind, e.g. "dockerode-create". */
  kind: string;
  /** Where the finding points. */
  node: Node;
  /** Short description, e.g. "createContainer()". */
  label: string;
  state: "wired" | "fixable" | "manual";
  /** Why a human is needed (state "manual"). */
  reason?: string;
  /** `edits` change the call (and what it reads in its function); `fileEdits` add file-level helpers. */
  plan?: (rt: RuntimeRef) => { edits: Edit[]; fileEdits?: Edit[]; what: string };
  /** The expression a wired site passes as the runtime (`this.runtime`, a `--runtime=${…}` template), when visible. */
  runtime?: Node;
  /** It hands the runtime to `docker compose` as the compose variable (a compose command in a shell string). */
  viaComposeVariable?: boolean;
}

export type Plan = NonNullable<Site["plan"]>;
export type Analysis = { state: "wired"; runtime?: Node } | { state: "manual"; reason: string } | { state: "fixable"; plan: Plan };

/** Facts about the file that several finders share, computed once per file on demand. */
export interface FileFacts {
  text: string;
  /** Names bound to `new Docker()` where Docker is dockerode's default export. */
  dockerodeInstances(): Set<string>;
  /** The edits that declare the shell-safety helper in this file (none when it is there already). */
  shellGuard(): Edit[];
  /** Command strings a call's site already covers (the rest of the file's command strings are sites of their own). */
  claimed: Set<Node>;
  /** Whether the file's text holds a `docker run|create` / `docker service create` command line at all (most do not:
   *  then no argument of any call is followed). */
  commands: { create: boolean; service: boolean; serviceWord: boolean; compose: boolean; /** `"docker"` as a string: an argv's executable. */ engineWord: boolean };
  /** The environment variable a compose file reads the runtime from (`OCI_RUNTIME`). */
  variable: string;
}

/** A call as the compiler parsed it, read before any ts-morph wrapper is made. */
export interface CallShape {
  /** The callee's last name (`rawCalleeName`): `spawn` for `cp.spawn(...)`; undefined for `fns[0](...)`. */
  name: string | undefined;
  /** The callee's whole text (`composeFns[0]`), read when asked. */
  text(): string;
}

export interface SiteFinder {
  kind: string;
  title: string;
  /** False when `match` would find nothing for this call, told from its callee's name and the file's facts alone:
   *  most calls of a large file are turned away here, before they are wrapped. Never narrower than `match`. */
  accepts(call: CallShape, facts: FileFacts): boolean;
  match(call: CallExpression, facts: FileFacts): Site | undefined;
}

export function toSite(kind: string, node: Node, label: string, analysis: Analysis): Site {
  if (analysis.state === "fixable") return { kind, node, label, state: "fixable", plan: analysis.plan };
  if (analysis.state === "manual") return { kind, node, label, state: "manual", reason: analysis.reason };
  return { kind, node, label, state: "wired", runtime: analysis.runtime };
}

/** A command handed to a method of some object (`sandbox.exec(cmd)`, `this.ssh.spawn(...)`) runs wherever that object
 *  reaches, whose engine may have no crun; one given to a module's function (`cp.exec`, `execa`) or to the class's
 *  own helper (`this.exec`) runs here. The reason for a human, or undefined. */
export function runsElsewhere(call: CallExpression): string | undefined {
  const callee = skipOuter(call.getExpression());
  if (!TsNode.isPropertyAccessExpression(callee)) return undefined;
  const object = skipOuter(callee.getExpression());
  if (TsNode.isThisExpression(object) || TsNode.isSuperExpression(object) || (TsNode.isIdentifier(object) && isModuleBinding(object))) return undefined;
  return runsElsewhereReason(callee.getText());
}

/** `import * as cp from "…"`, `import cp from "…"`, `const cp = require("…")` at the top of the file. */
function isModuleBinding(id: Node): boolean {
  const name = id.getText();
  const sf = id.getSourceFile();
  for (const decl of sf.getImportDeclarations()) {
    if (decl.getNamespaceImport()?.getText() === name || decl.getDefaultImport()?.getText() === name) return true;
  }
  return sf.getVariableDeclarations().some((v) => v.getName() === name && /^require\(/.test(v.getInitializer()?.getText() ?? ""));
}
