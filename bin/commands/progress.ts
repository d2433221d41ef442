// A one-line progress indicator on stderr, only when a person is watching.
export function progressReporter(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (total < 200 || (now - last < 100 && done < total)) return;
    last = now;
    process.stderr.write(`\rcrunify: ${done}/${total} files${done >= total ? "\n" : ""}`);
  };
}
