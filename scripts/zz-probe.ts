import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { startBenchDatabase } from './bench/lib/app-under-test';
import { randomIp, randomReport } from './bench/lib/report-mix';
const db = await startBenchDatabase({ TRUST_PROXY: '1' });
const env = { ...db.env, PORT: '3192', HOSTNAME: '127.0.0.1' };
const server = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', 'scripts/serve.mjs'], { env, stdio: 'inherit' });
const url = 'http://127.0.0.1:3192';
for (;;) { try { if ((await fetch(url + '/api/health')).ok) break; } catch {} await new Promise((r) => setTimeout(r, 300)); }
const h = await autocannon({ url: url + '/api/health', connections: 32, duration: 5 });
console.log('health', Math.round(h.requests.average), 'req/s p50', h.latency.p50);
const r = await autocannon({ url, connections: 32, duration: 10, requests: [{ method: 'POST', path: '/api/v1/reports', setupRequest: (q) => ({ ...q, headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() }, body: JSON.stringify(randomReport('z')) }) }] });
console.log('intake', Math.round(r.requests.average), 'req/s', 'p50', r.latency.p50, r.non2xx);
server.kill('SIGINT'); await new Promise((r) => server.once('exit', r));
await db.postgres.stop();
