// A web route's handler (`@app.route("/x")`, `@router.post("/x")`, `@api.websocket(...)`) is called by the framework
// for an HTTP request. A runtime parameter there would be dead in Flask and, in FastAPI, a query parameter: whoever
// sends the request would choose the container runtime. Such a handler takes none: what it builds, and any container
// it starts itself, keeps the default.
import type { Node } from "web-tree-sitter";
import { decoratorNames } from "./syntax.js";

const ROUTE = /^\w+(?:\.\w+)*\.(?:route|get|post|put|patch|delete|head|options|websocket|api_route|api_view)$/;
/** The objects that hold routes: an app, a router or a blueprint by its usual names. */
const HOLDER = /(?:^|\.)(?:app|api|application|router|routes|bp|blueprint|\w*_app|\w*_router|\w*_bp|\w*_api)\.\w+$/i;

/** Why `def` takes no runtime when it is a route handler ("is a web route (`@app.post`): …"), else null. */
export function webRoute(def: Node): string | null {
  if (def.type !== "function_definition") return null;
  const route = decoratorNames(def).find((name) => ROUTE.test(name) && HOLDER.test(name));
  return route ? `is a web route (\`@${route}\`): a request must not choose the runtime` : null;
}
