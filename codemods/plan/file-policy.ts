// Which files of a group the codemod may change. Tests start containers to test them: they are read (to learn how
// owners are built) but never edited and never reported, in any language; examples and demos are never edited either.
// Test data and test helpers count too (`fixtures/`, `testdata/`, `test-utils/`, `e2e/`): an app store's sample compose
// files under `test-utilities/fixtures/` are what a test starts, not the product.
// Examples and demos are documentation the same way: a demo function given a `runtime` parameter nothing passes is
// noise in sample code (llm-sandbox's examples/), and so is a compose file there (sagemaker's
// `v3-examples/training-examples/`). Plural names only, alone or joined by `-`/`_` to other words: a package may be
// called `demo` or `example`. An environment with a project file of its own under examples/ is its own group, whose
// paths start below that folder, and is wired as usual. Code under `docs/` (`doc/`, `documentation/`) is the
// documentation's own snippets (testcontainers' `docs/modules/mysql_example.py`): left as its authors wrote it.
// Sample code is not silent, though: one that creates containers without the runtime is listed as skipped, with its
// lines (sampleCode), so a maintainer whose users run the examples as they are knows what is left.
const TEST_DIR = /(^|\/)(tests?|__tests__|e2e|__mocks__|(__)?fixtures(__)?|test[-_]?data|test[-_]?(utils|utilities|helpers))\//;
const SAMPLE_DIR = /(^|\/)(([\w.-]*[-_])?(examples|demos)([-_][\w.-]*)?|docs?|documentation)\//;
/** Tests by name, test harness modules (`test_util.py`, `test-helpers.ts`) that tests import, compose files for
 *  tests (`docker-compose.test.yml`, Docker Hub's autotest file). */
const TEST_NAME = /(^|\/)(conftest\.py|[^/]*\.(test|spec)\.[cm]?[jt]sx?|test[-_]?(utils?|helpers?)\.(py|[cm]?[jt]sx?)|[^/]*[.-]tests?\.ya?ml)$/i;
/** Sample compose files a user copies and edits as their own (`docker-compose.example.yml`, `compose.sample.yaml`:
 *  ctfd-whale's install guide downloads one). */
const SAMPLE_NAME = /(^|\/)([^/]*[-_.](examples?|samples?)([-_.][^/]*)?\.ya?ml|(examples?|samples?)[-_.][^/]*\.ya?ml)$/i;
/** `test_*.py` / `*_test.py`: pytest's names, which a module of the package may also carry (`test_eval.py`). */
const PY_TEST_NAME = /(^|\/)(test_[^/]*|[^/]*_test)\.py$/;
/** What makes such a module a test: a test function, or a test framework imported. */
const PY_TEST_CONTENT = /^\s*(?:async\s+)?def\s+test|^\s*(?:import|from)\s+(?:pytest|unittest)\b/m;

const verdicts = new WeakMap<{ rel: string; text: string }, boolean>();

export function isTestFile(file: { rel: string; text: string }): boolean {
  let verdict = verdicts.get(file);
  if (verdict === undefined) {
    verdict = isTestCode(file) || sampleCode(file) !== null;
    verdicts.set(file, verdict);
  }
  return verdict;
}

/** Tests and what they need, by folder and name: sample code aside. */
export function isTestCode(file: { rel: string; text: string }): boolean {
  return TEST_DIR.test(file.rel) || TEST_NAME.test(file.rel) || (PY_TEST_NAME.test(file.rel) && PY_TEST_CONTENT.test(file.text));
}

/** Where a file is sample code (`examples/`, `docs/`, `docker-compose.example.yml`), for the report; null when it
 *  is not. A test among them (`tests/examples/`, `examples/test_app.py`) is a test's, which says nothing. */
export function sampleCode(file: { rel: string; text: string }): string | null {
  if (isTestCode(file)) return null;
  const folder = SAMPLE_DIR.exec(file.rel);
  if (folder) return file.rel.slice(0, folder.index + folder[0].length);
  return SAMPLE_NAME.test(file.rel) ? (file.rel.split("/").at(-1) ?? file.rel) : null;
}

/** Copies of other projects kept in the tree (`_vendor/`, `third_party/`): re-synced from upstream, so an edit there
 *  is lost on the next sync and a changed signature breaks the copy's contract. Read, reported, never edited. */
const VENDOR_DIR = /(^|\/)(_?vendor(?:ed)?|third[-_]?party|3rd[-_]?party)\//i;

/** The vendored folder `rel` sits in (`pkg/_vendor/`), or null. */
export function vendoredFolder(rel: string): string | null {
  const match = VENDOR_DIR.exec(rel);
  return match ? rel.slice(0, match.index + match[0].length) : null;
}
