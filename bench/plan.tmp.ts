import path from 'node:path';
import { sql } from 'kysely';
import { buildToday } from '../server/today/today.service.js';
import { systemClock } from '../server/lib/clock.js';
import { createSeller, openBenchDatabase } from './lib/memory-seed.js';
const bdb = await openBenchDatabase('sqlite');
const db = bdb.db;
const viewer = await createSeller(db);
const now = Date.now();
const DAY = 86_400_000;
await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < 99999)
insert into contacts (id, owner_id, company_id, name, best_reach, shared, cadence_days, cadence_effective, last_touch_at, due_at, created_at, updated_at)
select 'c' || i, ${viewer.id}, null, 'Name ' || i, '[]', 0, null,
  case i % 4 when 0 then 14 when 1 then 30 when 2 then 90 else 60 end,
  ${now} - (abs(random()) % 730) * ${DAY}, 0, ${now} - 800 * ${DAY}, ${now} from n`.execute(db);
await sql`update contacts set due_at = last_touch_at + cadence_effective * ${DAY}, birthday_month = 1 + abs(random()) % 12, birthday_day = 1 + abs(random()) % 28`.execute(db);
let t0 = performance.now();
await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < 999999)
insert into touchpoints (id, contact_id, company_id, author_id, kind, occurred_at, duration_ms, summary, next_step, next_step_due_at, next_step_done_at, meeting_id, created_at)
select 't' || i, 'c' || (abs(random()) % 100000), null, ${viewer.id}, 'call', ${now} - (abs(random()) % 730) * ${DAY}, null, 'x',
  case when i % 100 = 0 then 'Rückruf' else null end,
  case when i % 100 = 0 then ${now} + (abs(random()) % 7) * ${DAY} when i % 7 = 0 then ${now} - 100 * ${DAY} else null end,
  case when i % 7 = 0 and i % 100 <> 0 then ${now} - 90 * ${DAY} else null end,
  null, ${now} from n`.execute(db);
console.log('touchpoints', performance.now() - t0);
for (let i = 0; i < 8; i++) { const t = performance.now(); await buildToday(db, systemClock, viewer); console.log('buildToday', (performance.now() - t).toFixed(1)); }
await bdb.destroy();
