// dockerode `createContainer(options)`: the runtime goes into options.HostConfig (created, or merged into the one the
// options already carry, also through a visible spread). A Runtime the code already sets, in any spelling or through
// a spread, wins: ours is written before whatever could carry one.
import type { ObjectLiteralExpression } from "ts-morph";
import { Node, SyntaxKind } from "../ts-morph.js";
import type { RuntimeRef } from "../../../model/frontend.js";
import { appendItem, insertAt, insertItemBefore } from "../list-insert.js";
import { followIdentifier, hasUnknownKey, objectShape, propertyNamed, skipOuter, staticKey, unsetByDefault } from "../syntax-helpers.js";
import { toSite, type Analysis, type SiteFinder } from "./types.js";

export const dockerodeCreate: SiteFinder = {
  kind: "dockerode-create",
  title: "dockerode `createContainer(options)`",
  accepts: (call) => call.name === "createContainer",
  match(call, facts) {
    const callee = skipOuter(call.getExpression());
    const args = call.getArguments();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "createContainer" || args.length < 1) return undefined;
    // `this.createContainer(...)` is the class's own helper, not dockerode.
    if (Node.isThisExpression(skipOuter(callee.getExpression()))) return undefined;
    // `api.createContainer({ imageName, wait: true })`: a wrapper of the package's own, whose options dockerode would not read.
    const options = followIdentifier(args[0]);
    if (options && Node.isObjectLiteralExpression(options) && !mayBeDockerodeOptions(options)) return undefined;
    // `blobServiceClient.createContainer("bucket")`: Azure's storage containers take a name, dockerode an object.
    if (options && (Node.isStringLiteral(options) || Node.isNoSubstitutionTemplateLiteral(options) || Node.isTemplateExpression(options) || isStringTyped(options))) return undefined;
    return toSite("dockerode-create", callee.getNameNode(), "createContainer()", analyzeCreateOptions(args[0], facts.text));
  },
};

/** A name declared as a string in this file (`name: string`). */
function isStringTyped(node: Node): boolean {
  if (!Node.isIdentifier(node)) return false;
  const type = node.getType();
  return type.isString() || type.isStringLiteral();
}

/** dockerode's create options are spelled as the Engine API's (`Image`, `Cmd`, `HostConfig`), besides `name`,
 *  `platform` and `abortSignal`; options with only other keys (`imageName`, `wait`) are some other API's, and so are
 *  options that spell one of the Engine API's keys in camel case (`{ imageUri, name, hostConfig }`: a wrapper that
 *  builds dockerode's options itself, where its own createContainer is the site). */
function mayBeDockerodeOptions(options: ObjectLiteralExpression): boolean {
  const keys = options.getProperties().map(staticKey);
  if (keys.length === 0 || keys.some((key) => key === undefined || key === null)) return true;
  if (keys.some((key) => /^[A-Z]/.test(key!))) return true;
  if (keys.some((key) => /^(?:hostConfig|image|cmd|env|exposedPorts|networkingConfig)$/.test(key!))) return false;
  return keys.some((key) => key === "name" || key === "platform" || key === "abortSignal");
}

/** `createContainer(options)`: Runtime goes into options.HostConfig. */
export function analyzeCreateOptions(arg: Node | undefined, text: string): Analysis {
  const options = followIdentifier(arg);
  if (options && Node.isObjectLiteralExpression(options)) return analyzeOptionsLiteral(options, text);
  return { state: "manual", reason: "the container options are built elsewhere; set HostConfig.Runtime there" };
}

function analyzeOptionsLiteral(options: ObjectLiteralExpression, text: string): Analysis {
  const hostConfig = propertyNamed(options, "HostConfig");
  if (hostConfig) return analyzeHostConfigProperty(hostConfig, text);
  if (hasUnknownKey(options)) return { state: "manual", reason: "the options have a computed key that may be HostConfig; set HostConfig.Runtime by hand" };
  const spreads = options.getProperties().filter(Node.isSpreadAssignment);
  if (spreads.length === 0) return insertHostConfig(options, text, "");
  if (spreads.length > 1) return { state: "manual", reason: "several spread options may carry HostConfig" };
  const spread = skipOuter(spreads[0]!.getExpression());
  const source = followIdentifier(spread);
  if (source && Node.isObjectLiteralExpression(source)) {
    // The spread object is visible: merge into its HostConfig, or add one here when it has none.
    const inner = propertyNamed(source, "HostConfig") || source.getProperties().some(Node.isSpreadAssignment);
    return inner ? analyzeOptionsLiteral(source, text) : insertHostConfig(options, text, "");
  }
  if (Node.isIdentifier(spread) || Node.isPropertyAccessExpression(spread)) {
    // Keep the HostConfig the spread object carries, and a Runtime in it: ours comes first, theirs overrides it. A spread
    // of nothing is no error, so read it as one (`...params?.HostConfig`) unless it is a parameter every caller gives.
    return insertHostConfig(options, text, `, ...${spread.getText()}${givenByEveryCaller(spread) ? "." : "?."}HostConfig`);
  }
  return { state: "manual", reason: "the spread options are computed; set HostConfig.Runtime by hand" };
}

/** A required parameter of a typed function (`params: ContainerCreateOptions`), or a field of the class declared with
 *  a value or a required type (`protected defaults: ContainerCreateOptions = {…}`): never undefined. */
function givenByEveryCaller(spread: Node): boolean {
  if (Node.isPropertyAccessExpression(spread) && Node.isThisExpression(spread.getExpression())) {
    const cls = spread.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
    const field = cls?.getProperty(spread.getName());
    if (field) return field.hasInitializer() || (!field.hasQuestionToken() && !!field.getTypeNode() && !/\b(?:undefined|null)\b/.test(field.getTypeNode()!.getText()));
    // `constructor(private readonly extra: ContainerCreateOptions = {})`: a parameter property.
    const param = cls?.getConstructors().flatMap((c) => c.getParameters()).find((p) => p.isParameterProperty() && p.getName() === spread.getName());
    return !!param && !unsetByDefault(param, true);
  }
  if (!Node.isIdentifier(spread) || /\.[cm]?jsx?$/.test(spread.getSourceFile().getFilePath())) return false;
  const name = spread.getText();
  for (const fn of spread.getAncestors()) {
    if (!Node.isFunctionLikeDeclaration(fn)) continue;
    const param = fn.getParameters().find((p) => p.getName() === name);
    if (param) return !unsetByDefault(param, true);
  }
  return false;
}

/** `HostConfig: {…}` (or a variable holding one) is edited; `HostConfig: expr` becomes `{ Runtime: …, ...expr }`. */
function analyzeHostConfigProperty(hostConfig: Node, text: string): Analysis {
  if (Node.isShorthandPropertyAssignment(hostConfig)) {
    const value = followIdentifier(hostConfig.getNameNode());
    if (value && Node.isObjectLiteralExpression(value)) return analyzeHostConfig(value, text);
    const name = hostConfig.getName();
    return wrapped((rt) => [insertAt(hostConfig.getEnd(), `: { Runtime: ${rt.expr}, ...${name} }`)]);
  }
  if (!Node.isPropertyAssignment(hostConfig)) return { state: "manual", reason: "HostConfig is built elsewhere; set Runtime there" };
  const initializer = hostConfig.getInitializerOrThrow();
  const value = followIdentifier(initializer);
  if (value && Node.isObjectLiteralExpression(value)) {
    // A variable declared in this function is edited where it is built; one from outside is merged here.
    if (value === skipOuter(initializer) || sameFunction(value, hostConfig)) return analyzeHostConfig(value, text);
  }
  return wrapped((rt) => [insertAt(initializer.getStart(), `{ Runtime: ${rt.expr}, ...`), insertAt(initializer.getEnd(), " }")]);
}

function wrapped(edits: (rt: RuntimeRef) => ReturnType<typeof insertAt>[]): Analysis {
  return {
    state: "fixable",
    plan: (rt) => ({ edits: edits(rt), what: `\`Runtime: ${rt.expr}\` to HostConfig, before what it already holds` }),
  };
}

function insertHostConfig(options: ObjectLiteralExpression, text: string, keep: string): Analysis {
  return {
    state: "fixable",
    plan: (rt) => ({
      edits: [appendItem(text, objectShape(options), `HostConfig: { Runtime: ${rt.expr}${keep} }`)],
      what: `\`HostConfig: { Runtime: ${rt.expr}${keep} }\``,
    }),
  };
}

function analyzeHostConfig(hostConfig: ObjectLiteralExpression, text: string): Analysis {
  const runtime = propertyNamed(hostConfig, "Runtime");
  if (runtime) return { state: "wired", runtime: Node.isPropertyAssignment(runtime) ? runtime.getInitializer() : runtime };
  if (hasUnknownKey(hostConfig)) return { state: "manual", reason: "HostConfig has a computed key that may be Runtime; set it by hand" };
  const firstSpread = hostConfig.getProperties().find(Node.isSpreadAssignment);
  return {
    state: "fixable",
    plan: (rt) => ({
      // Before a spread, which may carry a Runtime of its own that must win.
      edits: [firstSpread ? insertItemBefore(text, hostConfig.getProperties()[0]!, `Runtime: ${rt.expr}`) : appendItem(text, objectShape(hostConfig), `Runtime: ${rt.expr}`)],
      what: `\`Runtime: ${rt.expr}\` to HostConfig`,
    }),
  };
}

function sameFunction(a: Node, b: Node): boolean {
  const fn = (n: Node) => n.getFirstAncestor((x) => Node.isFunctionLikeDeclaration(x) || Node.isSourceFile(x));
  return fn(a) === fn(b);
}
