import type { ReadmeContext } from "./types.js";

// The Prerequisites text of step 4 of the crun integration guide, written for the environment's language.
// No headings inside: the content must not change the README's outline.

export const DOCKER_SENTENCE = "**Docker must be installed and running.**";

function crunIntro(ctx: ReadmeContext): string {
  return (
    `Containers start with the \`${ctx.runtimeDefault}\` OCI runtime by default ` +
    "([crun](https://github.com/containers/crun) starts containers faster than runc)."
  );
}

function fallback(ctx: ReadmeContext): string[] {
  if (ctx.language === "typescript") {
    const key = /^[A-Za-z_$][\w$]*$/.test(ctx.paramName) ? ctx.paramName : JSON.stringify(ctx.paramName);
    return [`Without crun, fall back to runc: \`loadEnvironment({ ${key}: "runc" })\`.`];
  }
  return [
    `Without crun, fall back to runc by passing \`${ctx.paramName}="runc"\` to \`load_environment\`, e.g.:`,
    "",
    "```bash",
    `uv run vf-eval ${ctx.envId} -a '{"${ctx.paramName}": "runc"}'`,
    "```",
  ];
}

/** Verify, install, register and fall back: everything about crun, without the Docker sentence. */
function crunDetails(ctx: ReadmeContext): string[] {
  return [
    "Verify that Docker knows the runtime and that crun is installed:",
    "",
    "```bash",
    `docker info --format '{{json .Runtimes}}'   # must list "${ctx.runtimeDefault}"`,
    "crun --version",
    "```",
    "",
    "Install crun:",
    "",
    "```bash",
    "# Ubuntu/Debian",
    "sudo apt-get update && sudo apt-get install -y crun",
    "# Fedora/RHEL",
    "sudo dnf install -y crun",
    "# From source (https://github.com/containers/crun)",
    "git clone https://github.com/containers/crun.git && cd crun",
    "./autogen.sh && ./configure && make && sudo make install",
    "```",
    "",
    "If `docker info` does not list crun, register it in `/etc/docker/daemon.json`",
    '(`{"runtimes": {"crun": {"path": "/usr/bin/crun"}}}`) and restart Docker.',
    "",
    ...fallback(ctx),
  ];
}

/** Full Prerequisites content: Docker sentence, crun default, verify, install, fallback. */
export function prerequisitesContent(ctx: ReadmeContext): string {
  return [`${DOCKER_SENTENCE} ${crunIntro(ctx)}`, "", ...crunDetails(ctx)].join("\n");
}

/** Only the crun part, for a Prerequisites section that already covers Docker. */
export function crunOnlyContent(ctx: ReadmeContext): string {
  return [crunIntro(ctx), "", ...crunDetails(ctx)].join("\n");
}
