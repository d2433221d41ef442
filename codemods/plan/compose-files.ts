// Whether a group holds compose files of its own. A `docker compose up` that passes the runtime as OCI_RUNTIME changes
// something only where the compose files read it, and crunify writes `runtime: ${OCI_RUNTIME:-crun}` only into the
// compose files it finds: a tool that runs its users' compose files (dokploy, dockge) gains nothing from the variable.
import { isTestFile, vendoredFolder } from "./file-policy.js";

/** A compose file's top-level `services:` key (a workflow's `services:` under a job is indented). */
const TOP_LEVEL_SERVICES = /^services[ \t]*:/m;

/** A compose file in the tree (code that writes one at run time is a site of its own, which the planner sees). */
export function hasComposeFiles(files: Iterable<{ rel: string; text: string }>): boolean {
  for (const file of files) {
    if (/\.ya?ml$/.test(file.rel) && TOP_LEVEL_SERVICES.test(file.text) && !isTestFile(file) && !vendoredFolder(file.rel)) return true;
  }
  return false;
}
