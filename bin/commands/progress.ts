// A one-line progress indicator on stderr, only when a person is watching; the line is erased when the run is done.
export function progressReporter(): ((done: number, total: number) => void) | undefined {
  if (!process.stdout.isTTY || !process.stderr.isTTY) return undefined;
  let last = 0;
  let shown = false;
  return (done, total) => {
    if (done >= total) {
      if (shown) process.stderr.write("\r\x1b[K");
      return;
    }
    const now = Date.now();
    if (total < 200 || now - last < 100) return;
    last = now;
    shown = true;
    process.stderr.write(`\rcrunify: ${done}/${total} files`);
  };
}
