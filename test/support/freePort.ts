import { createServer } from 'node:net';

/**
 * A port nothing listens on now, from the OS, for a server a test starts as a child process. A
 * random pick can land on a port another test's server or the test database holds, and the child
 * then exits with EADDRINUSE.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
