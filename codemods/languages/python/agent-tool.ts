// A function an AI agent calls as a tool (`@tool`, `@function_tool`, `@mcp.tool()`, `@kernel_function`): its
// parameters become the tool's schema, so a runtime parameter there is one the model fills in. Like a web route's
// handler (web-route.ts), it takes none: what it builds, and any container it starts itself, keeps the default.
import type { Node } from "web-tree-sitter";
import { decoratorNames } from "./syntax.js";

/** `tool` bare or on any holder (`mcp.tool`, `server.tool`, `agent.tool`), and the frameworks' other spellings. */
const TOOL = /^(?:(?:\w+\.)*tool|(?:\w+\.)*(?:function_tool|kernel_function|register_tool|tool_plain))$/;

/** Why `def` takes no runtime when it is an agent's tool ("is an agent's tool (`@tool`): …"), else null. */
export function agentTool(def: Node): string | null {
  if (def.type !== "function_definition") return null;
  const tool = decoratorNames(def).find((name) => TOOL.test(name));
  return tool ? `is an agent's tool (\`@${tool}\`): its parameters are what the model fills in, and the model must not choose the runtime` : null;
}
