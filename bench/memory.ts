// `npm run bench:memory`: the relationship memory at 100,000 contacts and 1,000,000 touchpoints,
// on SQLite and then on PostgreSQL (127.0.0.1:5432, NAHBAR_TEST_POSTGRES_URL). Per dialect: CSV
// import time, Today list and search latency, each beside a bare baseline query timed in the same
// run. Each dialect's section ends with one JSON object of its figures, so the last line printed
// is PostgreSQL's. `--dialect=sqlite` or `--dialect=postgres` runs just one.
import { runMemoryBench } from './lib/memory-bench.js';
import { memoryFigures, printMemorySummary } from './lib/memory-report.js';
import { BENCH_DIALECTS } from './lib/memory-seed.js';
import type { BenchDialect } from './lib/memory-seed.js';

function chosenDialects(args: readonly string[]): readonly BenchDialect[] {
  const flag = args.find((a) => a.startsWith('--dialect='));
  if (!flag) return BENCH_DIALECTS;
  const name = flag.slice('--dialect='.length);
  const dialect = BENCH_DIALECTS.find((d) => d === name);
  if (!dialect) throw new Error(`--dialect must be one of ${BENCH_DIALECTS.join(', ')}`);
  return [dialect];
}

const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);
for (const dialect of chosenDialects(process.argv.slice(2))) {
  const run = await runMemoryBench(dialect, log);
  printMemorySummary(run, console.log);
  console.log(JSON.stringify(memoryFigures(run)));
}
