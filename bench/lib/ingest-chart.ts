// The chart query of the ingest benchmark: `GET /api/machines/:id/series?range=24h&end=…` over
// HTTP against the Nahbar process, for a machine with one device and one key holding a day of
// 1 Hz data (86,400 readings, 1,440 per-minute rollups). Timed from the request until the whole
// body is read, one request at a time, as the seller's browser would ask.
import { performance } from 'node:perf_hooks';
import type { MachineSeriesView } from '../../shared/api/machines.js';
import { quantile, round } from './stats.js';

/** Chart query times and what came back. */
export interface ChartResult {
  p50: number;
  p95: number;
  runs: number;
  points: number;
  spikeKept: boolean;
}

/** Asks for the chart `warmup + runs` times; returns quantiles of the last `runs`. */
export async function measureChartQuery(props: {
  url: string;
  cookie: { name: string; value: string };
  machineId: string;
  end: number;
  warmup: number;
  runs: number;
}): Promise<ChartResult> {
  const target = `${props.url}/api/machines/${props.machineId}/series?range=24h&end=${props.end}`;
  const headers = {
    cookie: `${props.cookie.name}=${props.cookie.value}`,
    accept: 'application/json',
  };
  const times: number[] = [];
  let body: MachineSeriesView | undefined;
  for (let i = 0; i < props.warmup + props.runs; i++) {
    const began = performance.now();
    const res = await fetch(target, { headers });
    const text = await res.text();
    const took = performance.now() - began;
    if (!res.ok) throw new Error(`chart query: HTTP ${res.status} ${text.slice(0, 200)}`);
    if (i >= props.warmup) times.push(took);
    body ??= JSON.parse(text) as MachineSeriesView;
  }
  const points = body?.series[0]?.points ?? [];
  return {
    p50: round(quantile(times, 0.5), 2),
    p95: round(quantile(times, 0.95), 2),
    runs: times.length,
    points: points.length,
    spikeKept: points.some((p) => p[3] === 500),
  };
}
