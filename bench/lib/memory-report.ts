// Figures and printed report of the relationship-memory benchmark: medians, p95s and ratios of
// each side, a readable summary, and the one JSON line that ends each dialect's section.
import os from 'node:os';
import type { MemoryRun } from './memory-bench.js';
import { MEMORY_SIZE } from './memory-bench.js';
import { median, quantile, round } from './stats.js';

/** Targets of issue 3. */
export const MEMORY_TARGETS = { import_s: 10, today_p95_ms: 50, search_p95_ms: 25 };

/** The JSON object that ends a dialect's section: the fields first, then the rest. */
export function memoryFigures(run: MemoryRun) {
  const { today, search } = run;
  const importsS = run.imports.map((i) => round((i.preview_ms + i.import_ms) / 1000, 2));
  const cpus = os.cpus();
  return {
    bench: 'memory',
    dialect: run.dialect,
    date: new Date().toISOString(),
    machine: `${cpus.length} cores, ${cpus[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
    contacts: run.imports.at(-1)?.created ?? 0,
    touchpoints: run.seed.touchpoints,
    // The median of the timed imports; every one of them is in `import_runs_s`.
    import_s: median(importsS),
    today_p50_ms: round(median(today.nahbar), 2),
    today_p95_ms: round(quantile(today.nahbar, 0.95), 2),
    today_baseline_p95_ms: round(quantile(today.baseline, 0.95), 2),
    search_p50_ms: round(median(search.nahbar), 2),
    search_p95_ms: round(quantile(search.nahbar, 0.95), 2),
    search_baseline_p95_ms: round(quantile(search.baseline, 0.95), 2),
    search_ratio: round(median(search.nahbar) / median(search.baseline), 2),
    today_baseline_p50_ms: round(median(today.baseline), 2),
    today_ratio: round(median(today.nahbar) / median(today.baseline), 2),
    search_baseline_p50_ms: round(median(search.baseline), 2),
    today_runs: today.nahbar.length,
    search_queries: search.queries.length,
    import_runs_s: importsS,
    seed_s: round(run.seed.seconds, 1),
  };
}

const verdict = (value: number, target: number) =>
  `${value <= target ? 'meets' : 'MISSES'} target ≤ ${target}`;

/** Prints the readable summary of one dialect's run. */
export function printMemorySummary(run: MemoryRun, log: (line: string) => void): void {
  const f = memoryFigures(run);
  const d = run.dialect;
  log(`── ${d}: ${MEMORY_SIZE.contacts} contacts, ${run.seed.touchpoints} touchpoints ──`);
  const runs = run.imports.map(
    (i) => `${round((i.preview_ms + i.import_ms) / 1000, 2)} s (preview ${round(i.preview_ms)} ms)`,
  );
  log(
    `${d}: import median ${f.import_s} s (${verdict(f.import_s, MEMORY_TARGETS.import_s)} s) ` +
      `of ${run.imports.length} runs: ${runs.join(', ')}`,
  );
  log(
    `${d}: touchpoints seeded in ${f.seed_s} s (last touch in ${round(run.seed.last_touch_s, 2)} s), ` +
      `${run.seed.open_next_steps} open next steps this week`,
  );
  log(
    `${d}: Today p50 ${f.today_p50_ms} ms, p95 ${f.today_p95_ms} ms ` +
      `(${verdict(f.today_p95_ms, MEMORY_TARGETS.today_p95_ms)} ms); baseline p50 ` +
      `${f.today_baseline_p50_ms} ms, p95 ${f.today_baseline_p95_ms} ms; ratio ${f.today_ratio}; ` +
      `${run.today.entries} entries of ${run.today.total} due`,
  );
  log(
    `${d}: search p50 ${f.search_p50_ms} ms, p95 ${f.search_p95_ms} ms ` +
      `(${verdict(f.search_p95_ms, MEMORY_TARGETS.search_p95_ms)} ms); baseline p50 ` +
      `${f.search_baseline_p50_ms} ms, p95 ${f.search_baseline_p95_ms} ms; ratio ${f.search_ratio}`,
  );
  const kinds = [...new Set(run.search.queries.map((q) => q.kind))];
  for (const kind of kinds) {
    const at = run.search.queries.flatMap((q, i) => (q.kind === kind ? [i] : []));
    const pickAt = (xs: number[]) => at.map((i) => xs[i] ?? Number.NaN);
    const slowest = at.reduce((a, b) =>
      (run.search.nahbar[b] ?? 0) > (run.search.nahbar[a] ?? 0) ? b : a,
    );
    log(
      `${d}: search ${kind.padEnd(14)} n=${String(at.length).padStart(2)} ` +
        `p50 ${round(median(pickAt(run.search.nahbar)), 2)} ms, ` +
        `max ${round(run.search.nahbar[slowest] ?? 0, 2)} ms ("${run.search.queries[slowest]?.text}"), ` +
        `baseline p50 ${round(median(pickAt(run.search.baseline)), 2)} ms, ` +
        `hits p50 ${median(pickAt(run.search.hits))} (baseline ${median(pickAt(run.search.baselineHits))})`,
    );
  }
}
