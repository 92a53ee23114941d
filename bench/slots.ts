// `npm run bench:slots` (issue 5): the booking page's two hot requests against Nahbar as a child
// process (built dist; SQLite by default, `--dialect=postgres` for a fresh PostgreSQL database).
// - Slots: `GET /api/book/<handle>/<type>/slots` for 60 days, for a seller with 300 bookings
//   (`--requests`, default 200, one after another after 20 warm-up requests). Baselines in the
//   same run, alternating request by request: `GET /api/book/<handle>` (the same HTTP path, the
//   seller's page without slots) and the slot engine alone in this process on the same data.
// - Booking under load: rounds of 50 guests booking 50 different free slots at the same moment
//   (`--rounds`, default 4), each request timed; beside each round, 50 concurrent page requests
//   as the baseline. Then one round of 50 guests all after the same slot: 1 booking, 49 × 409.
// The last line printed is one JSON object with the figures.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { SlotsView } from '../shared/api/booking.js';
import { computeSlots } from '../server/booking/slots.js';
import { BENCH_DIALECTS } from './lib/memory-seed.js';
import type { BenchDialect } from './lib/memory-seed.js';
import { openIngestDatabase } from './lib/ingest-seed.js';
import { seededRandom } from './lib/memory-data.js';
import { startNahbarProcess, tempDataDir } from './lib/nahbar-process.js';
import { BENCH_TYPE, seedSlots } from './lib/slots-seed.js';
import { median, quantile, round } from './lib/stats.js';

const DAY_MS = 86_400_000;

function option(name: string, fallback: number): number {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

const dialectArg =
  process.argv.find((a) => a.startsWith('--dialect='))?.slice('--dialect='.length) ?? 'sqlite';
const dialect = BENCH_DIALECTS.find((d): d is BenchDialect => d === dialectArg);
if (!dialect) throw new Error(`--dialect must be one of ${BENCH_DIALECTS.join(', ')}`);
const REQUESTS = option('requests', 200);
const ROUNDS = option('rounds', 4);
const GUESTS = 50;
const WARMUP = 20;
const BOOKINGS = 300;
const DAYS = 60;

const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);

async function timedFetch(
  url: string,
  init?: RequestInit,
): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

/** A guest's browser: the CSRF cookie and token its page fetched before the guest books. */
async function guestHeaders(): Promise<Record<string, string>> {
  const res = await fetch(`${nahbar.url}/api/csrf`);
  const { token } = (await res.json()) as { token: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { 'content-type': 'application/json', cookie, 'x-csrf-token': token };
}

function stats(samples: readonly number[]) {
  return {
    p50: round(median(samples), 2),
    p95: round(quantile(samples, 0.95), 2),
    max: round(Math.max(...samples), 2),
  };
}

const dataDir = tempDataDir();
const database = await openIngestDatabase(dialect, dataDir);
const now = Date.now();
const seed = await seedSlots(database.db, seededRandom(7), { now, bookings: BOOKINGS, days: DAYS });
log(`${dialect}: seeded a seller with ${seed.bookings.length} bookings over ${DAYS} days`);
const nahbar = await startNahbarProcess(dataDir, {
  ...database.env,
  // One address books 250 times here; the default allows 10 a minute.
  NAHBAR_BOOKING_MAX_PER_MINUTE: '1000',
  NAHBAR_LOG_LEVEL: 'error',
});
const page = `${nahbar.url}/api/book/${seed.handle}`;
const slotsUrl = (from: number) =>
  `${page}/${seed.slug}/slots?from=${from}&to=${from + DAYS * DAY_MS}`;

try {
  // Slots for 60 days, beside the page request and the bare engine.
  const slots: number[] = [];
  const pageOnly: number[] = [];
  const engine: number[] = [];
  let slotCount = 0;
  const meetingType = { id: 'bench', ...BENCH_TYPE };
  for (let i = -WARMUP; i < REQUESTS; i++) {
    const from = Date.now();
    const a = await timedFetch(slotsUrl(from));
    const b = await timedFetch(page);
    if (a.status !== 200 || b.status !== 200)
      throw new Error(`slots ${a.status}, page ${b.status}`);
    const t0 = performance.now();
    const computed = computeSlots({
      availability: seed.availability,
      meetingType,
      bookings: seed.bookings,
      now: from,
      from,
      to: from + DAYS * DAY_MS,
    });
    const engineMs = performance.now() - t0;
    if (i < 0) continue;
    slots.push(a.ms);
    pageOnly.push(b.ms);
    engine.push(engineMs);
    slotCount = computed.length;
  }
  const served = (await (await fetch(slotsUrl(Date.now()))).json()) as SlotsView;
  if (Math.abs(served.slots.length - slotCount) > 8) {
    throw new Error(`the API gave ${served.slots.length} slots, the engine ${slotCount}`);
  }
  log(
    `slots (60 days, ${served.slots.length} slots, ${BOOKINGS} bookings): p50 ${round(median(slots), 2)} ms, ` +
      `p95 ${round(quantile(slots, 0.95), 2)} ms; page p95 ${round(quantile(pageOnly, 0.95), 2)} ms; ` +
      `engine alone p95 ${round(quantile(engine, 0.95), 3)} ms`,
  );

  // 50 guests at once, each after a different free slot.
  const later = now + DAYS * DAY_MS;
  const laterSlotsUrl = `${page}/${seed.slug}/slots?from=${later}&to=${later + 60 * DAY_MS}`;
  const booking: number[] = [];
  const pageUnderLoad: number[] = [];
  let booked = 0;
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    // The seeded 60 days are nearly full; the guests book the 60 days after them.
    const free = ((await (await fetch(laterSlotsUrl)).json()) as SlotsView).slots;
    // Every n-th free slot, n ≥ 4: starts at least an hour apart, so no two guests overlap.
    const stride = Math.floor(free.length / GUESTS);
    if (stride < 4) throw new Error(`only ${free.length} free slots for ${GUESTS} guests`);
    const picks = Array.from({ length: GUESTS }, (_, i) => free[i * stride]!);
    const headers = await Promise.all(picks.map(() => guestHeaders()));
    const results = await Promise.all(
      picks.map((slot, g) =>
        timedFetch(`${page}/${seed.slug}`, {
          method: 'POST',
          headers: headers[g],
          body: JSON.stringify({
            start: slot.start,
            name: `Gast ${round_}-${g}`,
            email: `gast-${round_}-${g}@example.test`,
            company: 'Bench GmbH',
            phone: `+49 711 ${String(100_000 + round_ * 100 + g)}`,
            message: 'Bench',
            timeZone: 'America/New_York',
          }),
        }),
      ),
    );
    for (const r of results) {
      booking.push(r.ms);
      if (r.status === 201) booked++;
      else log(`a booking failed: ${r.status} ${r.body.slice(0, 300)}`);
    }
    const baseline = await Promise.all(Array.from({ length: GUESTS }, () => timedFetch(page)));
    pageUnderLoad.push(...baseline.map((r) => r.ms));
  }
  if (booked !== ROUNDS * GUESTS) {
    throw new Error(`${ROUNDS * GUESTS - booked} of ${ROUNDS * GUESTS} bookings failed`);
  }
  log(
    `booking, ${GUESTS} at once × ${ROUNDS}: p50 ${round(median(booking), 1)} ms, ` +
      `p95 ${round(quantile(booking, 0.95), 1)} ms; ${GUESTS} page requests at once: ` +
      `p95 ${round(quantile(pageUnderLoad, 0.95), 1)} ms`,
  );

  // 50 guests after the same slot.
  const free = ((await (await fetch(laterSlotsUrl)).json()) as SlotsView).slots;
  const target = free[Math.floor(free.length / 2)]!;
  const rivals = await Promise.all(Array.from({ length: GUESTS }, () => guestHeaders()));
  const contested = await Promise.all(
    rivals.map((headers, g) =>
      timedFetch(`${page}/${seed.slug}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          start: target.start,
          name: `Rivale ${g}`,
          email: `rivale-${g}@example.test`,
          timeZone: 'Europe/Berlin',
        }),
      }),
    ),
  );
  const statuses = contested.map((r) => r.status);
  const won = statuses.filter((s) => s === 201).length;
  const lost = statuses.filter((s) => s === 409).length;
  if (won !== 1 || lost !== GUESTS - 1) throw new Error(`one slot: ${won} × 201, ${lost} × 409`);
  log(
    `one slot, ${GUESTS} at once: 1 × 201, ${lost} × 409; p95 ${round(
      quantile(
        contested.map((r) => r.ms),
        0.95,
      ),
      1,
    )} ms`,
  );

  const slotStats = stats(slots);
  const bookingStats = stats(booking);
  console.log(
    JSON.stringify({
      bench: 'slots',
      slots_p95_ms: slotStats.p95,
      booking_p95_ms: bookingStats.p95,
      dialect,
      slots_p50_ms: slotStats.p50,
      slots_baseline_page_p95_ms: stats(pageOnly).p95,
      slots_engine_p95_ms: round(quantile(engine, 0.95), 3),
      slots_per_request: served.slots.length,
      existing_bookings: BOOKINGS,
      days: DAYS,
      booking_p50_ms: bookingStats.p50,
      booking_baseline_page_p95_ms: stats(pageUnderLoad).p95,
      concurrent_guests: GUESTS,
      booking_rounds: ROUNDS,
      one_slot_201: won,
      one_slot_409: lost,
      one_slot_p95_ms: stats(contested.map((r) => r.ms)).p95,
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? '?'}, node ${process.version}`,
      load: os.loadavg().map((l) => round(l, 2)),
    }),
  );
} finally {
  await nahbar.stop();
  await database.destroy();
}
