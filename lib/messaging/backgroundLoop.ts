/**
 * A background loop of the running server: `pass` every `everyMs`, the first at once, never two at once in one
 * process. The timer lives on globalThis under `key`, so a dev reload or a second import starts no second loop;
 * it is unref'd, so it never keeps a process alive. `pass` reports its own errors (a failed pass must not stop
 * the next one).
 */
const timers = globalThis as unknown as Record<string, NodeJS.Timeout | undefined>;

export const backgroundLoopStarted = (key: string): boolean => timers[key] !== undefined;

export function startBackgroundLoop(key: string, everyMs: number, pass: () => Promise<void>): void {
  if (backgroundLoopStarted(key)) return;
  let running = false;
  const once = async () => {
    if (running) return;
    running = true;
    try {
      await pass();
    } finally {
      running = false;
    }
  };
  const timer = setInterval(once, everyMs);
  timer.unref();
  timers[key] = timer;
  void once();
}
