import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

// Forwards each chunk `delay` ms late both ways, and prints the port it listens on.
const PROXY = `
const net = require('node:net');
const [host, port, delay] = process.argv.slice(1);
const server = net.createServer((client) => {
  const upstream = net.connect(Number(port), host);
  const forward = (from, to) => {
    from.on('data', (chunk) => setTimeout(() => to.write(chunk), Number(delay)));
    from.on('close', () => setTimeout(() => to.destroy(), Number(delay)));
    from.on('error', () => {});
  };
  forward(client, upstream);
  forward(upstream, client);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/**
 * A TCP forwarder to `host:port` that delays every chunk by `delayMs`, as a slow network would, in
 * a process of its own: it goes on forwarding while the test's process is blocked.
 */
export async function startDelayProxy(host: string, port: number, delayMs: number): Promise<{ port: number; close(): void }> {
  const child = spawn(process.execPath, ['-e', PROXY, host, String(port), String(delayMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await new Promise<string[]>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the delay proxy exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (l) => resolve([l]));
  });
  return { port: Number(line), close: () => child.kill() };
}
