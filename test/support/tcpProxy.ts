import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP forwarder on loopback to a PostgreSQL server, which can make chosen connections go
 * silent: their bytes are dropped both ways and nothing closes them, as when a failover or a dead
 * host leaves a connection without a FIN or RST. New connections still go through.
 */
export interface TcpProxy {
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  url(databaseUrl: string): string;
  /** The local ports of the proxy's connections to the server (pg_stat_activity.client_port). */
  upstreamPorts(): number[];
  /** Silences the connections whose upstream local port is one of `ports`. */
  silence(ports: number[]): void;
  /** Resets every connection open now, both ways (a network blip); new connections still go through. */
  dropAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const pairs: { client: Socket; upstream: Socket; silent: boolean }[] = [];
  const server = createServer((client) => {
    const upstream = connect(port, host);
    const pair = { client, upstream, silent: false };
    pairs.push(pair);
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk) => {
        if (!pair.silent) to.write(chunk);
      });
      from.on('close', () => {
        if (!pair.silent) to.destroy();
      });
      from.on('error', () => {});
    };
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url(databaseUrl) {
      const parsed = new URL(databaseUrl);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(address.port);
      return parsed.toString();
    },
    upstreamPorts: () => pairs.filter((p) => !p.upstream.destroyed).map((p) => p.upstream.localPort!),
    silence(ports) {
      for (const pair of pairs) if (ports.includes(pair.upstream.localPort!)) pair.silent = true;
    },
    dropAll() {
      for (const pair of pairs) {
        pair.client.resetAndDestroy();
        pair.upstream.resetAndDestroy();
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
