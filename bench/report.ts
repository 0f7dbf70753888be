import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ordinaryRouteLimit, repoRoot } from './cases/bundles.ts';
import type { CaseResult, Figure } from './result.ts';

export const startMarker = '<!-- bench:start (written by npm run bench; do not edit by hand) -->';
export const endMarker = '<!-- bench:end -->';

interface Output {
  generatedAt: string;
  wallSeconds: number;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; node: string; loadAverageAtEnd: number[] };
  results: Record<string, CaseResult>;
}

const fmt = (v: number | null) =>
  v === null ? '—' : v.toLocaleString('en', { maximumFractionDigits: 2 });
const times = (r: number | null) => (r === null ? 'pending' : `${fmt(r)}×`);
/** How far from its limit a figure is, whichever side it lies on. */
export const distance = (f: Figure) =>
  f.ratio === null || f.ratio <= 0 ? 0 : Math.max(f.ratio, 1 / f.ratio);

function figureTable(figures: Figure[]): string {
  const rows = figures.map(
    (f) =>
      `| ${f.name} | ${fmt(f.measured)} ${f.unit} | ${fmt(f.limit)} ${f.unit} | ${times(f.ratio)} | ${f.note} |`,
  );
  return [
    '| figure | measured | limit (same run) | ratio | limit and notes |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function bundleTable(figures: Figure[]): string {
  const byHandler = new Map<string, { size?: Figure; load?: Figure }>();
  for (const f of figures) {
    const [handler, what] = f.name.split(': ');
    const row = byHandler.get(handler as string) ?? {};
    if (what === 'bundle size') row.size = f;
    else row.load = f;
    byHandler.set(handler as string, row);
  }
  const first = figures[0];
  const second = figures[1];
  const ordinary = [...byHandler.values()]
    .map((r) => r.size)
    .filter((f): f is Figure => f?.note.startsWith('ordinary') === true);
  const largest = Math.max(...ordinary.map((f) => f.ratio ?? 0));
  const head = [
    `Limit: a bundle that only creates a DynamoDB client, ${fmt(first?.limit ?? null)} KiB; its cold import is measured alongside each handler (${second?.note ?? ''}), about ${fmt(second?.limit ?? null)} ms.`,
    '',
    `Ordinary routes (only the table: ${ordinary.length} of them) stay within ${ordinaryRouteLimit}× the bundle size limit; the largest is ${times(largest)}. A route whose \`uses\` grants another AWS service also bundles that service's SDK client: its row says over what the same clients alone weigh. Heavy routes carry a library of their own, named in their row.`,
  ].join('\n');
  const rows = [...byHandler].map(
    ([h, r]) =>
      `| ${h} | ${fmt(r.size?.measured ?? null)} | ${times(r.size?.ratio ?? null)} | ${fmt(r.load?.measured ?? null)} | ${fmt(r.load?.limit ?? null)} | ${times(r.load?.ratio ?? null)} | ${r.size?.note ?? ''} |`,
  );
  return [
    head,
    '',
    '| handler | bundle KiB | × limit | cold import ms | limit ms | × limit | kind |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function renderTables(o: Output): string {
  const all = Object.values(o.results).flatMap((r) => r.figures);
  const furthest = [...all].sort((a, b) => distance(b) - distance(a))[0];
  const parts = [
    `Run ${o.generatedAt} on ${o.machine.cpus} × ${o.machine.cpuModel}, Node ${o.machine.node}; wall time **${o.wallSeconds} s**${o.quick ? ' (quick run)' : ''}; load average at the end ${o.machine.loadAverageAtEnd.join(' / ')}.`,
    furthest ? `Furthest from its limit: **${furthest.name}**, ${times(furthest.ratio)}.` : '',
  ];
  const section = (title: string, key: string, render: (f: Figure[]) => string = figureTable) => {
    const r = o.results[key];
    if (!r) return;
    parts.push(`### ${title}`, '', render(r.figures), '');
  };
  section('Lambda bundles: size and cold import', 'bundles', bundleTable);
  section('DynamoDB requests and capacity per API operation', 'dynamodb');
  section('Throughput through the local API', 'throughput');
  section('Ticket list latency as the table grows', 'scaling');
  section('SLA timer lateness on the local Scheduler stand-in', 'timers');
  section('AWS cost of one hospital-month', 'cost');
  section('Email intake', 'mail');
  section('A hospital goes down: concurrent reports and e-mails to one hospital', 'burst');
  return parts.join('\n\n').replace(/\n{3,}/g, '\n\n');
}

/** Puts the tables between the markers of docs/performance.md, leaving the prose around them. */
export async function writePerformanceDoc(o: Output): Promise<void> {
  const file = join(repoRoot, 'docs/performance.md');
  const doc = await readFile(file, 'utf8');
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(endMarker);
  if (start < 0 || end < start)
    throw new Error(`docs/performance.md lacks the markers ${startMarker} … ${endMarker}`);
  const next = `${doc.slice(0, start + startMarker.length)}\n\n${renderTables(o)}\n\n${doc.slice(end)}`;
  await writeFormatted(file, next);
}

/** Writes a file as `npm run lint` (prettier --check) wants it. */
export async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  await writeFile(file, await format(text, { ...options, filepath: file }));
}
