/**
 * Resolves once `check` holds (polled every `everyMs`), or rejects after `withinMs` naming `what`.
 * For state another process or connection changes; the bound is generous, never the behaviour.
 */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, withinMs = 15_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
