import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { sesReceiptEvent } from '@weibao/api';
import { localFunctionArn, receivedEmails } from '@weibao/local';
import { ticketIdByMessageId } from '@weibao/store';
import { messageIdKey } from '@weibao/usecases';
import {
  zammadCorpusDir,
  zammadCorpusMissing,
  zammadCorpusPresent,
} from '../../test/support/mail-corpus.ts';
import type { BenchStack } from '../bench-stack.ts';
import type { CaseResult, Figure } from '../result.ts';
import { median, quantile, ratio, round } from '../stats.ts';

/** The raw fixtures, read in place beside the repository (shared, read-only). */
export const fixturesDir = zammadCorpusDir;
export const concurrency = 8;

interface Message {
  raw: Buffer;
  messageId: string;
  /** A generated Chinese report: must become a ticket with an acknowledgement to `from`. */
  report: { from: string; subject: string } | null;
}

/**
 * A fixture as an SMTP server would hand it over: without the mbox `From ` line and with a
 * Message-ID of its own, so each copy is a new message rather than a duplicate delivery.
 */
function withMessageId(fixture: Buffer, messageId: string): Buffer {
  let text = fixture.toString('latin1');
  if (text.startsWith('From ')) text = text.slice(text.indexOf('\n') + 1);
  const blank = /\r?\n\r?\n/.exec(text);
  const end = blank ? blank.index : text.length;
  const head = text
    .slice(0, end)
    .replace(/^message-id:[^\n]*\n?(?:[ \t][^\n]*\n?)*/gim, '')
    .replace(/\n$/, '');
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  return Buffer.from(`Message-ID: ${messageId}${nl}${head}${text.slice(end)}`, 'latin1');
}

const systems = ['住院医生医嘱系统', '临床路径系统', '临床数据检索系统', '住院病历质控', '接口'];
const symptoms = [
  '提交医嘱时提示“保存失败”，病区无法录入长期医嘱',
  '打开病历模板时界面卡死约三十秒',
  '检索患者既往检查结果时报错，提示数据库连接超时',
  '质控评分与手工核对结果不一致',
  '与检验系统的接口停止回传结果，急诊科已受影响',
];

/** A hospital user's fault report in Chinese, UTF-8, every fifth with a small attachment. */
function chineseReport(i: number, run: string): Message {
  const messageId = `<bench-${run}-${i}@mail.whch.example>`;
  const from = `reporter${i}.${run}@whch.example`;
  const system = systems[i % systems.length] as string;
  const subject = `【故障】${system}异常（基准 ${run} #${i}）`;
  const body = [
    '信息中心：',
    '',
    `${system}${symptoms[i % symptoms.length] as string}，请尽快处理。`,
    `病区：${(i % 40) + 1} 病区，联系电话 027-8${String(i).padStart(7, '0')}。`,
    '',
    '刘洋 信息中心',
  ].join('\r\n');
  const boundary = `b-${run}-${i}`;
  const head = [
    `From: =?UTF-8?B?${Buffer.from('刘洋').toString('base64')}?= <${from}>`,
    'To: whzx@intake.example',
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
  ];
  const text = [
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(body).toString('base64'),
  ];
  const lines =
    i % 5 === 0
      ? [
          ...head,
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
          '',
          `--${boundary}`,
          ...text,
          `--${boundary}`,
          'Content-Type: application/octet-stream; name="screen.bin"',
          'Content-Disposition: attachment; filename="screen.bin"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.alloc(20_000, i % 251)
            .toString('base64')
            .replace(/.{76}/g, '$&\r\n'),
          `--${boundary}--`,
        ]
      : [...head, ...text];
  return { raw: Buffer.from(`${lines.join('\r\n')}\r\n`), messageId, report: { from, subject } };
}

async function fixtures(): Promise<Buffer[]> {
  // The limit and the documented figures are measured over these messages: no silent stand-in
  if (!zammadCorpusPresent)
    throw new Error(`the mail case needs its corpus: ${zammadCorpusMissing}`);
  const names = (await readdir(fixturesDir)).filter((n) => n.endsWith('.box')).sort();
  return Promise.all(names.map((n) => readFile(join(fixturesDir, n))));
}

/** One pass: every fixture once and `reports` generated reports, interleaved. */
function messagesOf(boxes: Buffer[], reports: number, run: string): Message[] {
  const out: Message[] = [];
  for (let i = 0; i < Math.max(boxes.length, reports); i += 1) {
    if (i < reports) out.push(chineseReport(i, run));
    const box = boxes[i];
    if (box) {
      const messageId = `<bench-${run}-fixture-${i}@fixtures.example>`;
      out.push({ raw: withMessageId(box, messageId), messageId, report: null });
    }
  }
  return out;
}

/** Runs `work` over the items with `concurrency` workers; answers messages/s. */
async function pool<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[(next += 1) - 1] as T);
    }),
  );
  return items.length / ((performance.now() - started) / 1000);
}

/**
 * Email intake throughput: raw messages (the Zammad fixtures and generated Chinese reports)
 * sent with nodemailer through the local SMTP intake at a fixed concurrency. The intake answers
 * 250 only after the raw message is in S3 and the handler finished: parsed, attachments stored,
 * ticket (or ignored / quarantine record) written, acknowledgement sent. Limit: bare mailparser
 * simpleParser of the same bytes at the same concurrency, in alternating rounds. Also measures
 * the intake handler's own time per message (what Lambda bills), called directly and in turn.
 */
export async function benchMailIntake(
  b: BenchStack,
  opts: { rounds: number; reports: number; handlerSamples: number },
): Promise<CaseResult> {
  const boxes = await fixtures();
  const url = new URL(b.stack.urls.smtp);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port),
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: concurrency,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const intakeRates: number[] = [];
  const parserRates: number[] = [];
  const floorRates: number[] = [];
  const floor = floorClients(b);
  const refused: string[] = [];
  const reports: Message[] = [];
  let sent = 0;
  const send = (m: Message) =>
    transport
      .sendMail({
        envelope: { from: 'sender@whch.example', to: ['whzx@intake.example'] },
        raw: m.raw,
      })
      .catch((err: Error & { responseCode?: number }) =>
        refused.push(`${m.messageId}: ${err.responseCode ?? ''} ${err.message}`),
      );
  try {
    // Warm-up, not timed: the handler's cold start and the connections of the pool.
    await pool(messagesOf([], concurrency, `${Date.now().toString(36)}w`), send);
    for (let round_ = 0; round_ < opts.rounds; round_ += 1) {
      const run = `${Date.now().toString(36)}${round_}`;
      const intakeMessages = messagesOf(boxes, opts.reports, `${run}i`);
      const parserMessages = messagesOf(boxes, opts.reports, `${run}p`);
      const floorMessages = messagesOf(boxes, opts.reports, `${run}f`);
      parserRates.push(await pool(parserMessages, (m) => simpleParser(m.raw)));
      floorRates.push(await pool(floorMessages, (m) => floor.take(m, run)));
      intakeRates.push(await pool(intakeMessages, send));
      sent += intakeMessages.length;
      reports.push(...intakeMessages.filter((m) => m.report));
    }
  } finally {
    transport.close();
    floor.destroy();
  }
  if (refused.length > 0)
    throw new Error(
      `mail intake refused ${refused.length} messages: ${refused.slice(0, 3).join('; ')}`,
    );

  // Proof that the figure counts finished work: every report is a ticket with its acknowledgement.
  for (const m of reports) {
    if (!(await ticketIdByMessageId(b.db, 'whzx', messageIdKey(m.messageId))))
      throw new Error(`mail intake: ${m.messageId} was answered 250 but has no ticket`);
  }
  const acknowledged = new Set(
    (await receivedEmails(b.stack.urls.sesv2)).flatMap((e) => e.destination.to),
  );
  const unacknowledged = reports.filter((m) => !acknowledged.has(m.report?.from ?? ''));
  if (unacknowledged.length > 0)
    throw new Error(`mail intake: ${unacknowledged.length} reports got no acknowledgement`);

  const handlerMs = await handlerTimes(b, opts.handlerSamples);
  const intake = median(intakeRates);
  const parser = median(parserRates);
  const least = median(floorRates);
  const perRound = sent / opts.rounds;
  const figures: Figure[] = [
    {
      case: 'mail',
      name: 'email intake throughput',
      measured: round(intake, 1),
      limit: round(parser, 1),
      unit: 'messages/s',
      ratio: ratio(intake, parser),
      note: `${perRound} messages a round (${boxes.length} Zammad fixtures, ${opts.reports} generated Chinese reports), ${concurrency} concurrent SMTP connections (nodemailer), median of ${opts.rounds} alternating rounds; 250 comes after S3, parse, ticket and acknowledgement; limit: bare mailparser simpleParser of the same messages at the same concurrency`,
    },
    {
      case: 'mail',
      name: 'floor: parse and the five requests every new ticket needs',
      measured: round(least, 1),
      limit: round(parser, 1),
      unit: 'messages/s',
      ratio: ratio(least, parser),
      note: `no weibao code: the same messages at the same concurrency, each put to and read back from S3, parsed by simpleParser, one GetItem (the intake address), one TransactWriteItems (ticket, Message-ID row, yearly counter) and one SES send, straight to the local stand-ins with the SDK; no SMTP. This is an upper bound for any intake on this machine: the intake reaches ${ratio(intake, least) ?? '?'}× of it`,
    },
    {
      case: 'mail',
      name: 'intake handler time per message (p50)',
      measured: round(median(handlerMs), 1),
      limit: round(1000 / parser, 1),
      unit: 'ms',
      ratio: ratio(median(handlerMs), 1000 / parser),
      note: `the intake Lambda handler called directly, one message at a time, ${handlerMs.length} generated reports (p90 ${round(quantile(handlerMs, 0.9), 1)} ms); limit: bare mailparser's time per message in the throughput rounds; bench/workload.ts prices the Lambda with this figure`,
    },
  ];
  return {
    figures,
    details: {
      intakeMessagesPerSecond: intakeRates.map((r) => round(r, 1)),
      mailparserMessagesPerSecond: parserRates.map((r) => round(r, 1)),
      floorMessagesPerSecond: floorRates.map((r) => round(r, 1)),
      messagesSent: sent,
      reportsChecked: reports.length,
      handlerMsP50: round(median(handlerMs), 1),
      handlerMsP90: round(quantile(handlerMs, 0.9), 1),
    },
  };
}

/**
 * The intake handler's duration per message, as Lambda would bill it: the raw message put
 * where the receipt rule's S3 action puts it, then the handler called with SES's event.
 */
async function handlerTimes(b: BenchStack, samples: number): Promise<number[]> {
  const { env } = b.stack;
  const { handler } = await import('../../functions/mail/intake.ts');
  const { rawMailKey } = await import('../../functions/lib/mail-deps.ts');
  const s3 = new S3Client({
    endpoint: b.stack.urls.s3,
    region: env.region,
    credentials: env.credentials,
    forcePathStyle: true,
  });
  const times: number[] = [];
  try {
    const run = `${Date.now().toString(36)}h`;
    for (let i = 0; i < samples; i += 1) {
      const m = chineseReport(i, run);
      const sesId = randomUUID();
      await s3.send(
        new PutObjectCommand({ Bucket: env.mailBucket, Key: rawMailKey(sesId), Body: m.raw }),
      );
      const event = sesReceiptEvent({
        messageId: sesId,
        receivedAt: new Date().toISOString(),
        from: m.report?.from ?? '',
        recipients: ['whzx@intake.example'],
        headers: [],
        functionArn: localFunctionArn('mail-intake', env.region),
      });
      const started = performance.now();
      const out = (await handler(event, {} as never)) as { outcomes: { outcome: string }[] };
      times.push(performance.now() - started);
      if (out.outcomes[0]?.outcome !== 'ticket')
        throw new Error(`mail intake handler: ${m.messageId} made ${JSON.stringify(out)}`);
    }
  } finally {
    s3.destroy();
  }
  return times;
}

/**
 * The least AWS work a new-ticket message costs, without any weibao code: the raw message put
 * where the receipt rule puts it and read back, parsed, its intake address looked up, ticket,
 * Message-ID row and yearly number written in one transaction, one acknowledgement sent. Keys
 * live under a partition of their own (BENCHFLOOR#…), so nothing the stack reads sees them.
 */
function floorClients(b: BenchStack) {
  const { env } = b.stack;
  const s3 = new S3Client({
    endpoint: b.stack.urls.s3,
    region: env.region,
    credentials: env.credentials,
    forcePathStyle: true,
  });
  const ses = new SESv2Client({
    endpoint: b.stack.urls.sesv2,
    region: env.region,
    credentials: env.credentials,
  });
  const table = b.db.tableName;
  let n = 0;
  return {
    async take(m: Message, run: string): Promise<void> {
      const i = (n += 1);
      const key = `bench-floor/${run}/${i}`;
      await s3.send(new PutObjectCommand({ Bucket: env.mailBucket, Key: key, Body: m.raw }));
      const got = await s3.send(new GetObjectCommand({ Bucket: env.mailBucket, Key: key }));
      const mail = await simpleParser(Buffer.from(await got.Body!.transformToByteArray()));
      await b.db.doc.send(
        new GetCommand({ TableName: table, Key: { pk: 'INTAKE_ADDRESSES', sk: 'LOCAL#whzx' } }),
      );
      const pk = `BENCHFLOOR#${run}`;
      await b.db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: {
                  pk,
                  sk: `TICKET#${i}`,
                  subject: mail.subject ?? '',
                  text: mail.text ?? '',
                  version: 1,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: table,
                Item: { pk, sk: `MSG#${m.messageId}`, ticket: i },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: table,
                Key: { pk, sk: 'COUNTER' },
                UpdateExpression: 'ADD #n :one',
                ExpressionAttributeNames: { '#n': 'n' },
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
      );
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'support@vendor.example',
          Destination: { ToAddresses: [`floor-${i}@whch.example`] },
          Content: {
            Simple: {
              Subject: { Data: `已受理：${mail.subject ?? ''}`, Charset: 'UTF-8' },
              Body: { Text: { Data: '工单号 WB-0000', Charset: 'UTF-8' } },
            },
          },
        }),
      );
    },
    destroy() {
      s3.destroy();
      ses.destroy();
    },
  };
}
