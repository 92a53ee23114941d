// The relationship-memory benchmark on one dialect: imports 100,000 contacts from a German CSV
// through the importer a user triggers, adds 1,000,000 touchpoints, then times the Today list and
// search against bare single queries on the same data, interleaved so that load from other work on
// the machine hits both sides alike.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { ImportResultView } from '../../shared/api/contacts.js';
import type { Viewer } from '../../server/contacts/contact.repository.js';
import { searchDocs } from '../../server/contacts/search.repository.js';
import { queryTokens } from '../../server/contacts/search.words.js';
import type { Db } from '../../server/db/database.js';
import { importContacts } from '../../server/imports/contact-import.service.js';
import { previewCsv } from '../../server/imports/csv.js';
import { fileSource } from '../../server/imports/import-source.js';
import { systemClock } from '../../server/lib/clock.js';
import { buildToday } from '../../server/today/today.service.js';
import { generateContactsCsv, seededRandom } from './memory-data.js';
import type { GeneratedCsv } from './memory-data.js';
import { drawSearchQueries } from './memory-queries.js';
import type { SearchQuery } from './memory-queries.js';
import type { BenchDialect } from './memory-seed.js';
import {
  createSeller,
  openBenchDatabase,
  seedTouchpoints,
  setLastTouchFromLog,
  settleAfterLoad,
} from './memory-seed.js';

/** The data set's size. */
export const MEMORY_SIZE = { contacts: 100_000, companies: 5_000, touchpoints: 1_000_000 };
/**
 * Timed imports per dialect, each into a fresh database; the last one's database is used for the
 * rest. One import is a single figure on a machine whose speed drifts with its neighbours' load.
 */
export const IMPORT_RUNS = 3;
/** Timed calls of the Today list (and of its baseline), after `WARMUP` untimed ones. */
export const TODAY_RUNS = 120;
const WARMUP = 5;
/** The seed of every random choice: each run imports the same file and asks the same questions. */
const SEED = 20261128;

/** One timed import of the file into an empty database. */
export interface ImportRun {
  preview_ms: number;
  import_ms: number;
  created: number;
}

/** Durations (ms) of one side of a comparison. */
export type Samples = number[];

/** Everything one dialect's run measured. */
export interface MemoryRun {
  dialect: BenchDialect;
  /** The timed imports in order: preview, then the import (read in a worker while batches are stored). */
  imports: ImportRun[];
  seed: { touchpoints: number; open_next_steps: number; seconds: number; last_touch_s: number };
  today: { nahbar: Samples; baseline: Samples; entries: number; total: number };
  search: {
    queries: SearchQuery[];
    nahbar: Samples;
    baseline: Samples;
    hits: number[];
    baselineHits: number[];
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/**
 * The Today list's baseline: one plain query over the seller's contacts (found by the owner
 * index, sorted by last touch, since no index covers that order).
 */
async function todayBaseline(db: Db, viewer: Viewer): Promise<number> {
  const rows = await sql<{ id: string }>`
    select id from contacts where owner_id = ${viewer.id} order by last_touch_at limit 7`.execute(
    db,
  );
  return rows.rows.length;
}

/** A bare full-text query with the match expression `searchDocs` builds, without ranking or joins. */
async function searchBaseline(db: Db, dialect: BenchDialect, query: string): Promise<number> {
  const tokens = queryTokens(query);
  if (dialect === 'sqlite') {
    const match = tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
    const rows = await sql<{ doc_id: string }>`
      select doc_id from contact_search where contact_search match ${match} limit 20`.execute(db);
    return rows.rows.length;
  }
  const tsquery = tokens.map((t) => `${t}:*`).join(' & ');
  const rows = await sql<{ doc_id: string }>`
    select doc_id from contact_search where tsv @@ to_tsquery('simple', ${tsquery})
    limit 20`.execute(db);
  return rows.rows.length;
}

/** One line about an import's outcome, with its first errors. */
export function contactImportSummary(result: ImportResultView): string {
  const first = result.errors
    .slice(0, 3)
    .map((e) => `line ${e.line} ${e.code} ${e.detail ?? ''}`.trim());
  return `created ${result.created}, updated ${result.updated}, ${result.errors.length} errors${
    first.length ? ` (${first.join('; ')})` : ''
  }`;
}

/** Imports the file as the import page does: preview, then the import with the suggested mapping. */
async function timeImport(db: Db, viewer: Viewer, csv: GeneratedCsv): Promise<ImportRun> {
  const preview = await timed(async () => previewCsv(csv.bytes));
  const file = { format: 'csv', bytes: csv.bytes, mapping: preview.value.suggested } as const;
  const stored = await timed(() => importContacts(db, systemClock, viewer, fileSource(file)));
  const { created, updated, errors } = stored.value;
  if (created !== MEMORY_SIZE.contacts || updated !== 0 || errors.length > 0) {
    throw new Error(`import went wrong: ${contactImportSummary(stored.value)}`);
  }
  return { preview_ms: preview.ms, import_ms: stored.ms, created };
}

/** Runs the whole benchmark on one dialect; `log` gets progress lines. */
export async function runMemoryBench(
  dialect: BenchDialect,
  log: (line: string) => void,
): Promise<MemoryRun> {
  const random = seededRandom(SEED);
  const csv = generateContactsCsv(random, MEMORY_SIZE.contacts, MEMORY_SIZE.companies);
  log(`${dialect}: CSV with ${csv.people.length} rows, ${(csv.bytes.length / 1e6).toFixed(1)} MB`);
  const imports: ImportRun[] = [];
  const importInto = async (db: Db, viewer: Viewer) => {
    const which = `${imports.length + 1}/${IMPORT_RUNS}`;
    log(`${dialect}: importing ${MEMORY_SIZE.contacts} contacts (timed, ${which})…`);
    const run = await timeImport(db, viewer, csv);
    imports.push(run);
    log(`${dialect}: imported in ${((run.preview_ms + run.import_ms) / 1000).toFixed(2)} s`);
  };
  while (imports.length < IMPORT_RUNS - 1) {
    const scratch = await openBenchDatabase(dialect);
    try {
      await importInto(scratch.db, await createSeller(scratch.db));
    } finally {
      await scratch.destroy();
    }
  }
  const database = await openBenchDatabase(dialect);
  const { db } = database;
  try {
    const viewer = await createSeller(db);
    await importInto(db, viewer);

    const seedStart = performance.now();
    const now = systemClock.now();
    const seeded = await seedTouchpoints(db, random, viewer, {
      total: MEMORY_SIZE.touchpoints,
      now,
      onProgress: (n) => {
        if (n % 100_000 === 0) {
          const s = ((performance.now() - seedStart) / 1000).toFixed(0);
          log(`${dialect}: touchpoints ${n}/${MEMORY_SIZE.touchpoints} (${s} s)`);
        }
      },
    });
    const lastTouch = await timed(() => setLastTouchFromLog(db, dialect, viewer));
    await settleAfterLoad(db, dialect);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(`${dialect}: touchpoints seeded in ${seedSeconds.toFixed(1)} s`);

    const today: MemoryRun['today'] = { nahbar: [], baseline: [], entries: 0, total: 0 };
    for (let i = 0; i < WARMUP; i++) {
      await buildToday(db, systemClock, viewer);
      await todayBaseline(db, viewer);
    }
    for (let i = 0; i < TODAY_RUNS; i++) {
      // Alternating which side goes first keeps caches from favouring one of them.
      const nahbarFirst = i % 2 === 0;
      if (!nahbarFirst) today.baseline.push((await timed(() => todayBaseline(db, viewer))).ms);
      const run = await timed(() => buildToday(db, systemClock, viewer));
      today.nahbar.push(run.ms);
      today.entries = run.value.entries.length;
      today.total = run.value.total;
      if (nahbarFirst) today.baseline.push((await timed(() => todayBaseline(db, viewer))).ms);
    }
    log(`${dialect}: Today list timed ${TODAY_RUNS} times`);

    const queries = drawSearchQueries(random, csv.people);
    const search: MemoryRun['search'] = {
      queries,
      nahbar: [],
      baseline: [],
      hits: [],
      baselineHits: [],
    };
    for (const q of queries.slice(0, WARMUP)) {
      await searchDocs(db, viewer, q.text, 20);
      await searchBaseline(db, dialect, q.text);
    }
    for (const [i, q] of queries.entries()) {
      const nahbarFirst = i % 2 === 0;
      const base = () => timed(() => searchBaseline(db, dialect, q.text));
      const bare = nahbarFirst ? null : await base();
      const hits = await timed(() => searchDocs(db, viewer, q.text, 20));
      const baseline = bare ?? (await base());
      search.nahbar.push(hits.ms);
      search.hits.push(hits.value.length);
      search.baseline.push(baseline.ms);
      search.baselineHits.push(baseline.value);
    }
    log(`${dialect}: ${queries.length} searches timed`);

    return {
      dialect,
      imports,
      seed: {
        touchpoints: seeded.touchpoints,
        open_next_steps: seeded.openNextSteps,
        seconds: seedSeconds,
        last_touch_s: lastTouch.ms / 1000,
      },
      today,
      search,
    };
  } finally {
    await database.destroy();
  }
}
