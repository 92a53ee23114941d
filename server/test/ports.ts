// Free ports on 127.0.0.1, for services under test that cannot be told to listen on port 0
// (Nahbar must come back on the same port after a restart; coturn needs a relay port range).
import dgram from 'node:dgram';
import net from 'node:net';

function tcpFree(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(bound));
    });
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ address: '127.0.0.1', port, exclusive: true }, () => {
      socket.close(() => resolve(true));
    });
  });
}

/** A port that is free on 127.0.0.1 for TCP (and UDP too when `udp` is set). */
export async function freePort(udp = false): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await tcpFree(0);
    if (port !== null && (!udp || (await udpFree(port)))) return port;
  }
  throw new Error('no free port on 127.0.0.1');
}

/** A run of `size` consecutive UDP ports that are all free, for coturn's relay range. */
export async function freeUdpRange(size: number): Promise<{ min: number; max: number }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const min = 40_000 + Math.floor(Math.random() * 20_000);
    let free = true;
    for (let port = min; port < min + size && free; port++) free = await udpFree(port);
    if (free) return { min, max: min + size - 1 };
  }
  throw new Error(`no ${size} consecutive free UDP ports on 127.0.0.1`);
}
