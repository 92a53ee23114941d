// The command line as a user runs it: a real process, a real port, real signals.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function runCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    env: { NAHBAR_HOST: '127.0.0.1', NAHBAR_MQTT_PORT: '0', NAHBAR_LOG_LEVEL: 'warn', ...env },
  });
  children.push(child);
  return child;
}

/** Resolves with everything printed so far once `pattern` appears on stdout. */
function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) resolve(out);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}${out}`)));
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Polls /healthz until the server answers (there is no event to await across processes). */
async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('the server did not answer /healthz');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startCli(dataDir: string) {
  const port = await freePort();
  const child = runCli(['start'], { NAHBAR_PORT: String(port), NAHBAR_DATA_DIR: dataDir });
  return { child, port };
}

describe('nahbar start', () => {
  it('prints a one-time setup link on a fresh data dir, serves /healthz and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-cli-'));
    dirs.push(dataDir);
    const { child, port } = await startCli(dataDir);
    const out = await waitForOutput(child, /\/setup\/[\w-]+/);
    const link = /(http:\/\/localhost:\d+\/setup\/[\w-]+)/.exec(out)?.[1] ?? '';
    expect(link).toContain(`http://localhost:${port}/setup/`);
    expect(fs.existsSync(path.join(dataDir, 'nahbar.sqlite'))).toBe(true);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const token = link.split('/').pop() ?? '';
    const check = await fetch(`http://127.0.0.1:${port}/api/setup/${token}`);
    expect(await check.json()).toEqual({ valid: true });

    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });

  it('replaces the setup link on the next start and prints none once the owner exists', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-cli-'));
    dirs.push(dataDir);
    const first = await startCli(dataDir);
    const firstOut = await waitForOutput(first.child, /\/setup\/[\w-]+/);
    const firstToken = /\/setup\/([\w-]+)/.exec(firstOut)?.[1] ?? '';
    first.child.kill('SIGTERM');
    expect(await exitCode(first.child)).toBe(0);

    const second = await startCli(dataDir);
    const secondOut = await waitForOutput(second.child, /\/setup\/[\w-]+/);
    const secondToken = /\/setup\/([\w-]+)/.exec(secondOut)?.[1] ?? '';
    expect(secondToken).not.toBe(firstToken);
    const base = `http://127.0.0.1:${second.port}`;
    expect(await (await fetch(`${base}/api/setup/${firstToken}`)).json()).toEqual({
      valid: false,
    });

    // Create the owner through the API, as the setup page does.
    const csrf = await fetch(`${base}/api/csrf`);
    const { token: csrfToken } = (await csrf.json()) as { token: string };
    const cookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const created = await fetch(`${base}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
      body: JSON.stringify({
        token: secondToken,
        name: 'Olga Owner',
        email: 'olga@example.test',
        password: 'a long enough password',
      }),
    });
    expect(created.status).toBe(201);
    second.child.kill('SIGTERM');
    expect(await exitCode(second.child)).toBe(0);

    const third = await startCli(dataDir);
    let printed = '';
    third.child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await waitForHealth(third.port);
    third.child.kill('SIGTERM');
    expect(await exitCode(third.child)).toBe(0);
    expect(printed).not.toContain('/setup/');
  }, 60_000);

  it('stops with a clear message when another broker holds the MQTT port', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as net.AddressInfo).port;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-cli-'));
    try {
      const child = runCli(['start'], {
        NAHBAR_PORT: '0',
        NAHBAR_MQTT_PORT: String(taken),
        NAHBAR_DATA_DIR: dataDir,
        NAHBAR_LOG_LEVEL: 'silent',
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      expect(await exitCode(child)).toBe(1);
      expect(err).toContain(`MQTT port ${taken}`);
      expect(err).toContain('NAHBAR_MQTT_PORT');
      expect(err).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an invalid setting and names it', async () => {
    const child = runCli(['start'], { NAHBAR_PORT: 'eighty' });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await exitCode(child)).toBe(2);
    expect(err).toContain('NAHBAR_PORT');
  });
});
