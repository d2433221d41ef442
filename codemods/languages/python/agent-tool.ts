// A function an AI agent calls as a tool (`@tool`, `@function_tool`, `@mcp.tool()`, `@kernel_function`, Auto-GPT's
// `@command`): its parameters become the tool's schema, so a runtime parameter there is one the model fills in. Like
// a web route's handler (web-route.ts), it takes none: what it builds, and any container it starts itself, keeps the
// default.
import type { Node } from "web-tree-sitter";
import type { PyModule } from "./module-index.js";
import { decoratorNames } from "./syntax.js";

/** On a holder (`mcp.tool`, `server.tool`, `agent.tool`, `agent.tool_plain`): FastMCP's and pydantic-ai's. */
const HELD = /^(?:\w+\.)+(?:tool|tool_plain|function_tool|kernel_function|register_tool)$/;
/** Bare, when imported from an agent framework: a package's own `@tool` may mean anything. */
const BARE = /^(?:tool|function_tool|kernel_function|register_tool|command)$/;
const FRAMEWORKS = /^(?:langchain\w*|smolagents|crewai\w*|agents|llama_index|mcp|fastmcp|semantic_kernel|autogen\w*|pydantic_ai|agno|strands|haystack|camel|dspy|autogpt)(?:\.|$)|(?:^|\.)command_decorator$/;

/** Why `def` takes no runtime when it is an agent's tool ("is an agent's tool (`@tool`): …"), else null. */
export function agentTool(def: Node, mod: PyModule): string | null {
  if (def.type !== "function_definition") return null;
  const tool = decoratorNames(def).find((name) => HELD.test(name) || (BARE.test(name) && FRAMEWORKS.test(mod.imports.get(name)?.module ?? "")));
  return tool ? `is an agent's tool (\`@${tool}\`): its parameters are what the model fills in, and the model must not choose the runtime` : null;
}
