// `npm run bench:join`: join time against a bare WebRTC baseline, guest page weight and signaling
// capacity. Runs inside a loopback-only network namespace (scripts/loopback.sh). The last line
// printed is one JSON object with the figures.
import os from 'node:os';
import { launchBrowser } from '../e2e/harness/browser.js';
import { startBareRelay } from './lib/bare-relay.js';
import { benchBaselineJoin, benchNahbarJoin } from './lib/join-bench.js';
import { measureGuestPageWeight } from './lib/page-weight.js';
import { benchBareSignaling, benchNahbarSignaling } from './lib/signaling-bench.js';
import { median, quantile, round } from './lib/stats.js';

const RUNS = 40;
// Runs are done in interleaved blocks so that load from other work hits both sides alike.
const BLOCK = 4;

const browser = await launchBrowser();
const relay = await startBareRelay();
const nahbarTimes: number[] = [];
const baselineTimes: number[] = [];
try {
  // One warm-up round of each, not counted: the first page loads and codec setup are slower.
  await benchBaselineJoin(browser, relay, 1);
  await benchNahbarJoin(browser, 1);
  for (let done = 0; done < RUNS; done += BLOCK) {
    baselineTimes.push(...(await benchBaselineJoin(browser, relay, BLOCK)));
    nahbarTimes.push(...(await benchNahbarJoin(browser, BLOCK)));
    console.log(`join runs: ${nahbarTimes.length}/${RUNS}`);
  }
  const weight = await measureGuestPageWeight(browser);
  for (const f of weight.files) console.log(`guest page: ${f.url} ${f.gzip_bytes} B gzip`);
  await browser.close();
  await relay.close();

  const signalingBaseline = await benchBareSignaling();
  const signaling = await benchNahbarSignaling();

  const join = {
    median_ms: round(median(nahbarTimes)),
    p95_ms: round(quantile(nahbarTimes, 0.95)),
    baseline_median_ms: round(median(baselineTimes)),
    baseline_p95_ms: round(quantile(baselineTimes, 0.95)),
  };
  console.log(`join times (ms), Nahbar:   ${nahbarTimes.map((t) => round(t)).join(' ')}`);
  console.log(`join times (ms), baseline: ${baselineTimes.map((t) => round(t)).join(' ')}`);
  console.log(
    `signaling: Nahbar p50 ${signaling.p50_ms} ms p99 ${signaling.p99_ms} ms (${signaling.messages} msgs, ${signaling.lost} lost); ` +
      `bare relay p50 ${signalingBaseline.p50_ms} ms p99 ${signalingBaseline.p99_ms} ms`,
  );
  console.log(
    JSON.stringify({
      bench: 'join',
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
      runs: RUNS,
      ...join,
      ratio: round(join.median_ms / join.baseline_median_ms, 2),
      guest_page_gzip_kb: weight.gzip_kb,
      signaling_p99_ms: signaling.p99_ms,
      signaling_p50_ms: signaling.p50_ms,
      signaling_baseline_p99_ms: signalingBaseline.p99_ms,
      signaling_messages: signaling.messages,
      signaling_lost: signaling.lost,
    }),
  );
} catch (err) {
  await browser.close();
  await relay.close();
  throw err;
}
