// The child side of the bench's server protocol: one JSON line on stdout when ready, and a clean
// exit (so `--cpu-prof` can write its profile) on SIGTERM, SIGINT or when the parent's pipe closes.

/** The line that starts a ready announcement; bench/children.ts waits for it. */
export const READY_PREFIX = 'BENCH_READY ';

export function announceReady(info: Record<string, unknown>): void {
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(info)}\n`);
}

/** A bench that dies without killing us still closes our stdin: then we go too. */
export function exitWhenTold(cleanup: () => void | Promise<void>): void {
  let exiting = false;
  const exit = () => {
    if (exiting) return;
    exiting = true;
    setTimeout(() => process.exit(0), 3000).unref();
    Promise.resolve()
      .then(cleanup)
      .catch((err: unknown) => console.error('bench child cleanup failed:', err))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
  process.stdin.on('end', exit);
  process.stdin.on('error', exit);
  process.stdin.resume();
}
