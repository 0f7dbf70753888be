import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ticketById, ticketsOfHospital } from '@weibao/store';
import { phoneReport, users, type BenchStack } from '../bench-stack.ts';
import type { CaseResult, Figure } from '../result.ts';
import { ratio, round } from '../stats.ts';
import { repoRoot } from './bundles.ts';

export const concurrency = 10;

/** autocannon in a process of its own, so the load generator does not share the server's loop. */
function autocannon(
  url: string,
  token: string,
  seconds: number,
): Promise<{ rps: number; errors: number; non2xx: number }> {
  const bin = join(repoRoot, 'node_modules/autocannon/autocannon.js');
  const args = [
    bin,
    '-j',
    '-c',
    String(concurrency),
    '-d',
    String(seconds),
    '-H',
    `authorization=Bearer ${token}`,
    url,
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`autocannon failed: ${err}`));
      const r = JSON.parse(out) as {
        requests: { average: number };
        errors: number;
        non2xx: number;
        '2xx': number;
        duration: number;
      };
      done({ rps: r['2xx'] / r.duration, errors: r.errors, non2xx: r.non2xx });
    });
  });
}

/** The same request sent straight to DynamoDB Local by `concurrency` loops for `seconds`. */
async function directLoop(send: () => Promise<unknown>, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < end) {
      await send();
      done += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - started) / 1000);
}

export async function benchThroughput(
  b: BenchStack,
  opts: { seconds: number },
): Promise<CaseResult> {
  const h = 'whzx';
  // A full first page to list: 50 tickets.
  const have = (await ticketsOfHospital(b.db, h, { limit: 50 })).items.length;
  for (let i = have; i < 50; i += 1) await phoneReport(b, `吞吐基准 ${i}`);
  const list = await ticketsOfHospital(b.db, h, { limit: 1 });
  const ticketId = list.items[0]?.id;
  if (!ticketId) throw new Error('throughput: the hospital has no ticket to read');
  const token = await b.token(users.hospitalIt);
  const routes = [
    {
      name: 'listTickets',
      url: `${b.stack.urls.api}/hospitals/${h}/tickets`,
      direct: () => ticketsOfHospital(b.db, h, {}),
      directName: 'the list’s Query (50 newest, soft-deleted filtered)',
    },
    {
      name: 'getTicket',
      url: `${b.stack.urls.api}/hospitals/${h}/tickets/${ticketId}`,
      direct: () => ticketById(b.db, h, ticketId),
      directName: 'GetItem of the ticket',
    },
  ];
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  for (const r of routes) {
    // Warm: handler modules loaded, connections open.
    await autocannon(r.url, token, 1);
    await directLoop(r.direct, 1);
    // Alternate short rounds of each, so a burst of load from elsewhere on the machine falls on
    // both sides alike; the figure is the mean over the rounds.
    const rounds = Math.max(2, Math.round(opts.seconds / 2));
    const each = Math.max(1, Math.round(opts.seconds / rounds));
    const apiRuns: { rps: number; errors: number; non2xx: number }[] = [];
    const directRuns: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      apiRuns.push(await autocannon(r.url, token, each));
      directRuns.push(await directLoop(r.direct, each));
    }
    const api = {
      rps: apiRuns.reduce((s2, x) => s2 + x.rps, 0) / rounds,
      errors: apiRuns.reduce((s2, x) => s2 + x.errors, 0),
      non2xx: apiRuns.reduce((s2, x) => s2 + x.non2xx, 0),
    };
    const direct = directRuns.reduce((s2, x) => s2 + x, 0) / rounds;
    details[r.name] = {
      apiRps: round(api.rps, 1),
      directRps: round(direct, 1),
      errors: api.errors,
      non2xx: api.non2xx,
    };
    if (api.errors > 0 || api.non2xx > 0)
      throw new Error(`throughput ${r.name}: ${api.errors} errors, ${api.non2xx} non-2xx answers`);
    figures.push({
      case: 'throughput',
      name: `${r.name}: requests/s through the local API`,
      measured: round(api.rps, 1),
      limit: round(direct, 1),
      unit: 'req/s',
      ratio: ratio(api.rps, direct),
      note: `${concurrency} concurrent, ${opts.seconds} s in alternating rounds; limit: ${r.directName} sent straight to DynamoDB Local with the SDK at the same concurrency`,
    });
  }
  return { figures, details };
}
