// What a compose document written by code looks like, for every language: the text a string or file holds, and the
// cheap test that lets a file that may write one into the analysis.

/** A compose document in a string: a top-level `services:` with an indented service that has an image or a build. */
export const COMPOSE_TEXT = /(^|\n)services:\s*\n[ \t]+[\w.-]+:\s*\n(?:[ \t]+.*\n)*?[ \t]+(image|build):/;

/** A path that names a compose file (`${dir}/docker-compose.yml`, `compose.override.yaml`). */
export const COMPOSE_FILE_PATH = /(^|[\\/'"`{}(\s])(docker-)?compose(\.[\w-]+)?\.ya?ml\b/;

/** Whether a source file may write a compose file at run time: a compose document in it, or `services` beside a YAML
 *  serializer. */
export function mayWriteCompose(text: string): boolean {
  return COMPOSE_TEXT.test(text) || (/\bservices\b/.test(text) && /yaml/i.test(text));
}
