// Preloaded (`node --expose-gc --import`) into a server a memory test starts: SIGUSR2 runs a full
// garbage collection, so the test reads what the server keeps rather than what it has not swept yet.
process.on('SIGUSR2', () => globalThis.gc?.());
