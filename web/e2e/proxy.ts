// A TCP relay between the browser and the app, whose network can drop the way a meeting room's
// does: `freeze` stops every byte in both directions but closes nothing (a Wi-Fi gone quiet: no
// error ever reaches the browser, only silence); `thaw` brings the network back (the frozen
// connections are dropped, as a router restarting would, and new ones pass).
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Relay {
  url: string;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<Relay> {
  const { hostname, port } = new URL(target);
  let frozen = false;
  const held = new Set<Socket>();
  const server: Server = createServer((client) => {
    held.add(client);
    client.on('close', () => held.delete(client));
    client.on('error', () => undefined);
    if (frozen) return; // accepted, never answered
    const upstream = connect(Number(port), hostname);
    held.add(upstream);
    upstream.on('close', () => {
      held.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (d) => {
      if (!frozen) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!frozen) client.write(d);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      for (const s of held) s.destroy();
      held.clear();
      frozen = false;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of held) s.destroy();
        server.close(() => r());
      }),
  };
}
