import nodemailer from 'nodemailer';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { receivedEmails } from '@weibao/local';
import { keys } from '@weibao/store';
import { users, demoContractId, type BenchStack } from '../bench-stack.ts';
import type { CaseResult, Figure } from '../result.ts';
import { ratio, round } from '../stats.ts';

/**
 * The hour a hospital's system goes down: every department reports at once. The same burst is
 * sent to one hospital and spread over many, so the ratio shows what one hospital's writes cost
 * each other (a hospital-wide hot spot makes the one-hospital burst slower and refused).
 *
 * - Reports: `reports` concurrent POSTs of a fault report, each with its own Idempotency-Key; a
 *   503 is retried with the same key after the Retry-After the server asked for (with jitter),
 *   as the web app does. Counted: first-try refusals, time until every report was accepted, and
 *   tickets beyond one per report (duplicates).
 * - Mail: `mails` concurrent SMTP deliveries (one connection each, as from many mail servers); a
 *   4xx is retried after a second, as a sending MTA would. Counted: 4xx answers, time until every
 *   message is a ticket and its receipt is finished (acknowledged, or not with its reason).
 */
export async function benchBurst(
  b: BenchStack,
  opts: { reports: number; hospitals: number; mails: number },
): Promise<CaseResult> {
  const spread = await burstHospitals(b, opts.hospitals);
  const run = Date.now().toString(36);
  // Warm-up, not counted: the handlers' cold starts in every hospital's path
  await reportBurst(b, [...spread], spread.length, `${run}w`);

  const one = await reportBurst(b, ['whzx'], opts.reports, `${run}a`);
  const many = await reportBurst(b, spread, opts.reports, `${run}b`);
  const mailOne = await mailBurst(b, ['whzx'], opts.mails, `${run}c`);
  const mailMany = await mailBurst(b, spread, opts.mails, `${run}d`);

  const figures: Figure[] = [
    {
      case: 'burst',
      name: `${opts.reports} concurrent reports, one hospital: time until all accepted`,
      measured: round(one.acceptMs, 0),
      limit: round(many.acceptMs, 0),
      unit: 'ms',
      ratio: ratio(one.acceptMs, many.acceptMs),
      note: `limit: the same ${opts.reports} reports spread over ${spread.length} hospitals in the same run; first-try 503s ${one.firstTry503} (spread: ${many.firstTry503}), attempts at most ${one.maxAttempts}, duplicate tickets ${one.duplicates}`,
    },
    {
      case: 'burst',
      name: `${opts.reports} concurrent reports, one hospital: first-try 503s`,
      measured: one.firstTry503,
      limit: opts.reports,
      unit: 'requests',
      ratio: ratio(one.firstTry503, opts.reports),
      note: `share of the reports refused on the first try; goal 0. Other first-try answers: ${JSON.stringify(one.otherFirstTry)}`,
    },
    {
      case: 'burst',
      name: `${opts.reports} concurrent reports, one hospital: duplicate tickets after keyed retries`,
      measured: one.duplicates,
      limit: opts.reports,
      unit: 'tickets',
      ratio: ratio(one.duplicates, opts.reports),
      note: 'tickets beyond one per report, counted in the table; goal 0',
    },
    {
      case: 'burst',
      name: `${opts.mails} concurrent e-mails, one hospital: time until all taken in`,
      measured: round(mailOne.doneMs, 0),
      limit: round(mailMany.doneMs, 0),
      unit: 'ms',
      ratio: ratio(mailOne.doneMs, mailMany.doneMs),
      note: `every message a ticket and its receipt finished; limit: the same ${opts.mails} e-mails over ${spread.length} hospitals; SMTP 4xx ${mailOne.transient} (spread: ${mailMany.transient}); acknowledgements sent ${mailOne.acknowledged} of ${opts.mails} (the rest say why not); goal ≤ 15 s`,
    },
  ];
  return {
    figures,
    details: { hospitals: spread.length, one, many, mailOne, mailMany },
  };
}

/** whzx and `count - 1` hospitals made like it through the API, each with whzx's contract terms. */
async function burstHospitals(b: BenchStack, count: number): Promise<string[]> {
  const demo = await b.call(users.admin, 'GET', `/api/hospitals/whzx/contracts/${demoContractId}`);
  if (demo.status !== 200) throw new Error(`burst: the demo contract answered ${demo.status}`);
  const terms = (demo.body as { terms: unknown }).terms;
  const ids = ['whzx'];
  for (let i = 1; i < count; i += 1) {
    const id = `burst-${String(i).padStart(2, '0')}`;
    const made = await b.call(users.admin, 'POST', '/api/hospitals', {
      id,
      name: `压测医院${i}`,
      code: `BU${String(i).padStart(2, '0')}`,
      campuses: [],
      intakeLocalPart: id,
    });
    if (made.status !== 201 && made.status !== 200)
      throw new Error(`burst: hospital ${id} answered ${made.status} ${JSON.stringify(made.body)}`);
    const contract = await b.call(users.admin, 'POST', `/api/hospitals/${id}/contracts`, {
      terms,
    });
    if (contract.status !== 201)
      throw new Error(`burst: contract of ${id} answered ${contract.status}`);
    ids.push(id);
  }
  return ids;
}

interface ReportBurst {
  acceptMs: number;
  firstTry503: number;
  otherFirstTry: Record<string, number>;
  maxAttempts: number;
  duplicates: number;
}

async function reportBurst(
  b: BenchStack,
  hospitals: string[],
  reports: number,
  run: string,
): Promise<ReportBurst> {
  // The vendor admin may report in every hospital; the engineer only in the ones assigned to him
  const token = await b.token(users.admin);
  const firstTry: number[] = [];
  let maxAttempts = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: reports }, async (_, i) => {
      const hospitalId = hospitals[i % hospitals.length] as string;
      const body = JSON.stringify({
        kind: 'fault',
        severity: 'fatal',
        channel: 'phone',
        subsystemId: 's1',
        title: `宕机 ${run} ${i}`,
        description: '医嘱系统无法登录，全院受影响。',
        reporter: { name: `科室${i}`, phone: '027-00000000' },
        reportedAt: new Date(Date.now() - 60_000).toISOString(),
      });
      for (let attempt = 1; ; attempt += 1) {
        const res = await fetch(new URL(`/api/hospitals/${hospitalId}/tickets`, b.stack.urls.api), {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': `${run}-${i}`,
          },
          body,
        }).catch(() => null);
        await res?.arrayBuffer();
        const status = res?.status ?? 0;
        if (attempt === 1) firstTry.push(status);
        if (status === 201 || status === 200) {
          maxAttempts = Math.max(maxAttempts, attempt);
          return;
        }
        if (status !== 503 && status !== 0)
          throw new Error(`burst: report ${i} to ${hospitalId} answered ${status}`);
        if (attempt >= 30) throw new Error(`burst: report ${i} was never accepted`);
        const wait = Number(res?.headers.get('retry-after') ?? '1') * 1000;
        await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())));
      }
    }),
  );
  const acceptMs = performance.now() - started;
  let stored = 0;
  for (const hospitalId of new Set(hospitals)) stored += await ticketsTitled(b, hospitalId, run);
  const otherFirstTry: Record<string, number> = {};
  for (const s of firstTry.filter((s) => s !== 201 && s !== 503))
    otherFirstTry[String(s)] = (otherFirstTry[String(s)] ?? 0) + 1;
  return {
    acceptMs: round(acceptMs, 0),
    firstTry503: firstTry.filter((s) => s === 503).length,
    otherFirstTry,
    maxAttempts,
    duplicates: stored - reports,
  };
}

/** Tickets of a hospital whose title names this run (read from the table, every page). */
async function ticketsTitled(b: BenchStack, hospitalId: string, run: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await b.db.doc.send(
      new QueryCommand({
        TableName: b.db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        FilterExpression: 'contains(title, :run)',
        ExpressionAttributeValues: {
          ':pk': keys.hospital(hospitalId).pk,
          ':sk': 'TICKET#',
          ':run': ` ${run} `,
        },
        ExclusiveStartKey: start,
      }),
    );
    count += page.Items?.length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

interface MailBurst {
  doneMs: number;
  transient: number;
  acknowledged: number;
}

async function mailBurst(
  b: BenchStack,
  hospitals: string[],
  mails: number,
  run: string,
): Promise<MailBurst> {
  const url = new URL(b.stack.urls.smtp);
  const ackedBefore = (await receivedEmails(b.stack.urls.sesv2)).length;
  let transient = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: mails }, async (_, i) => {
      const hospitalId = hospitals[i % hospitals.length] as string;
      // From the mail domain of the hospital's own people (its contacts' domain): acknowledged
      const from = `dept${i}.${run}@whch.example`;
      const raw = [
        `From: =?UTF-8?B?${Buffer.from(`科室${i}`).toString('base64')}?= <${from}>`,
        `To: ${hospitalId}@intake.example`,
        `Subject: =?UTF-8?B?${Buffer.from(`系统宕机 ${run} ${i}`).toString('base64')}?=`,
        `Date: ${new Date().toUTCString()}`,
        `Message-ID: <burst-${run}-${i}@${hospitalId}.example>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        '医嘱系统无法登录，全科室无法开医嘱，请立即处理。',
        '',
      ].join('\r\n');
      const transport = nodemailer.createTransport({
        host: url.hostname,
        port: Number(url.port),
        secure: false,
        ignoreTLS: true,
        pool: false,
      });
      try {
        for (let attempt = 1; ; attempt += 1) {
          try {
            await transport.sendMail({
              envelope: { from, to: [`${hospitalId}@intake.example`] },
              raw,
            });
            return;
          } catch (err) {
            const code = (err as { responseCode?: number }).responseCode ?? 0;
            if (code < 400 || code >= 500 || attempt >= 60) throw err;
            transient += 1;
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
      } finally {
        transport.close();
      }
    }),
  );
  const doneMs = performance.now() - started;
  const acknowledged = (await receivedEmails(b.stack.urls.sesv2))
    .slice(ackedBefore)
    .filter((e) => e.destination.to.some((to) => to.includes(`.${run}@`))).length;
  let tickets = 0;
  for (const hospitalId of new Set(hospitals)) tickets += await ticketsTitled(b, hospitalId, run);
  if (tickets !== mails)
    throw new Error(`burst: ${mails} e-mails were accepted but ${tickets} tickets were made`);
  return { doneMs: round(doneMs, 0), transient, acknowledged };
}
