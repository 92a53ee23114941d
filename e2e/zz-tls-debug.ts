import { createHmac } from 'node:crypto';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './harness/browser.js';
import { startTurn } from './harness/turn.js';
import http from 'node:http';
const turn = await startTurn();
const srv = http.createServer((q, r) => r.end('<html><body></body></html>')).listen(0, '127.0.0.1');
await new Promise((r) => srv.once('listening', r));
const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, ...(process.env.EXTRA ? process.env.EXTRA.split(' ') : [])],
});
const c = await b.newContext({
  permissions: ['camera', 'microphone'],
  ignoreHTTPSErrors: !!process.env.IGN,
});
const p = await c.newPage();
await p.goto('http://127.0.0.1:' + (srv.address() as { port: number }).port);
const username = `${Math.floor(Date.now() / 1000) + 600}:probe`;
const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
const url = turn.urls[2]!.replace('127.0.0.1', process.env.HOSTN ?? '127.0.0.1');
const res = await p.evaluate(`(async (iceServers) => {
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  const out = [];
  pc.onicecandidateerror = (e) => out.push('err ' + e.url + ' ' + e.errorCode + ' ' + e.errorText);
  pc.onicecandidate = (e) => out.push('cand ' + (e.candidate ? e.candidate.candidate : 'end'));
  pc.addTransceiver('audio');
  await pc.setLocalDescription();
  await new Promise((r) => setTimeout(r, 3000));
  return out;
})(${JSON.stringify([{ urls: [url], username, credential }])})`);
console.log(res);
await b.close();
await turn.stop();
srv.close();
