// coturn under test: listens and relays on 127.0.0.1 only, with REST credentials from a random
// shared secret (`use-auth-secret`), its pid file and user db in a temp dir, and a small relay range.
// It speaks TURN over UDP, TCP and TLS; for TLS it presents the test-only certificate in
// e2e/fixtures, which the suite's Chromium trusts by its key (see TURN_CERT_SPKI in browser.ts).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testEnv } from '../../server/test/test-env.js';
import { freePort, freeUdpRange } from '../../server/test/ports.js';
import { waitFor } from './wait.js';

/** A running coturn. */
export interface Turn {
  port: number;
  secret: string;
  /** TURN URLs over UDP, TCP and TLS (`turns:`), as Nahbar hands them out. */
  urls: string[];
  /** coturn's log so far (it logs to stdout). */
  log(): string;
  stop(): Promise<void>;
}

/** Sends a STUN binding request over UDP; true once coturn answers it. */
function stunAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    randomBytes(12).copy(request, 8);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.on('message', (msg) => done(msg.readUInt16BE(0) === 0x0101));
    socket.on('error', () => done(false));
    socket.send(request, port, '127.0.0.1');
  });
}

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** Starts coturn on free ports and waits until it answers STUN. */
export async function startTurn(): Promise<Turn> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'nahbar-turn-'));
  const port = await freePort(true);
  const tlsPort = await freePort(false);
  const relay = await freeUdpRange(20);
  const secret = randomBytes(24).toString('base64url');
  const child: ChildProcess = spawn(
    testEnv.NAHBAR_TEST_TURNSERVER,
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      `--tls-listening-port=${tlsPort}`,
      `--cert=${path.join(FIXTURES, 'turn-cert.pem')}`,
      `--pkey=${path.join(FIXTURES, 'turn-key.pem')}`,
      `--min-port=${relay.min}`,
      `--max-port=${relay.max}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=nahbar.test',
      // Without this coturn refuses loopback peers with "403 Forbidden IP" and ICE fails silently.
      '--allow-loopback-peers',
      '--no-dtls',
      '--no-cli',
      '--fingerprint',
      '--log-file=stdout',
      '--simple-log',
      `--pidfile=${path.join(dir, 'turnserver.pid')}`,
      `--userdb=${path.join(dir, 'turndb')}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 2_000_000) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
  });

  const stop = async () => {
    if (running) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    await fs.promises.rm(dir, { recursive: true, force: true });
  };

  try {
    await waitFor(
      `coturn to answer STUN on 127.0.0.1:${port}`,
      async () => {
        if (!running) throw new Error(`coturn exited:\n${output.slice(-2_000)}`);
        return stunAnswers(port);
      },
      { timeout: 10_000, interval: 100 },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    port,
    secret,
    urls: [
      `turn:127.0.0.1:${port}?transport=udp`,
      `turn:127.0.0.1:${port}?transport=tcp`,
      `turns:127.0.0.1:${tlsPort}?transport=tcp`,
    ],
    log: () => output,
    stop,
  };
}
