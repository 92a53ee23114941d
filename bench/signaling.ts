// Runs only the signaling-capacity part of the join benchmark: `tsx bench/signaling.ts`.
import { benchBareSignaling, benchNahbarSignaling } from './lib/signaling-bench.js';

const baseline = await benchBareSignaling();
const nahbar = await benchNahbarSignaling();
console.log(JSON.stringify({ bench: 'signaling', nahbar, baseline }));
