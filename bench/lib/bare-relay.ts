// The baseline's signaling server: a bare WebSocket relay with no lobby, no validation and no
// database. A client sends {"join": "<room>"} and gets {"joined": true}; every later frame goes
// verbatim to the others in that room. It is what any WebRTC app needs at the least, so it bounds what Nahbar adds.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

/** A running bare relay. */
export interface BareRelay {
  port: number;
  close(): Promise<void>;
}

/** Starts the bare relay on 127.0.0.1 (port 0 picks a free one). */
export async function startBareRelay(port = 0): Promise<BareRelay> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>baseline</title>');
  });
  const wss = new WebSocketServer({ server });
  const rooms = new Map<string, Set<WebSocket>>();
  wss.on('connection', (socket) => {
    let room: Set<WebSocket> | undefined;
    socket.on('message', (data, isBinary) => {
      if (!room) {
        const name = (JSON.parse((data as Buffer).toString()) as { join: string }).join;
        room = rooms.get(name) ?? new Set();
        rooms.set(name, room);
        room.add(socket);
        socket.send('{"joined":true}');
        return;
      }
      for (const other of room) if (other !== socket) other.send(data, { binary: isBinary });
    });
    socket.on('close', () => room?.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

// Run as a separate process: `tsx bench/lib/bare-relay.ts <port>`; prints the port when ready.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const relay = await startBareRelay(Number(process.argv[2] ?? 0));
  console.log(`ready ${relay.port}`);
  process.on('SIGTERM', () => void relay.close().then(() => process.exit(0)));
}
