import { randomUUID } from 'node:crypto';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { freePort, receivedEmails, startSesLocal } from '@weibao/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSesMailer, sesMessageIdHeader } from './ses-mailer.ts';

let ses: Awaited<ReturnType<typeof startSesLocal>>;
let client: SESv2Client;

beforeAll(async () => {
  ses = await startSesLocal({ port: await freePort() });
  client = new SESv2Client({
    region: 'us-east-1',
    endpoint: ses.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client?.destroy();
  await ses?.stop();
});

describe('makeSesMailer', () => {
  it('delivers a Chinese subject and text intact, with the HTML part and threading headers', async () => {
    // Prepare
    const mailer = makeSesMailer(client, 'service@vendor.example');
    const subject = `【维保】工单 T-${randomUUID().slice(0, 8)} 响应即将超时（剩余 20%）`;
    const text =
      '武汉市中心医院：\n您报告的故障“门诊医生站无法开立处方”尚未响应。\n\nEnglish below.';

    // Act
    const { messageId } = await mailer.send({
      to: ['it@whch.example'],
      cc: ['manager@vendor.example'],
      subject,
      text,
      html: '<p>武汉市中心医院：故障尚未响应。</p>',
      headers: {
        'In-Reply-To': '<CAF=abc123@mail.whch.example>',
        References: '<CAF=abc123@mail.whch.example>',
        'X-Weibao-Ticket': 'T-1',
      },
    });

    // Assess
    const email = (await receivedEmails(ses.endpoint)).find((e) => e.subject === subject);
    expect(email).toMatchObject({
      messageId,
      from: 'service@vendor.example',
      destination: { to: ['it@whch.example'], cc: ['manager@vendor.example'] },
      subject,
      body: { text, html: '<p>武汉市中心医院：故障尚未响应。</p>' },
    });
    expect(email?.headers).toEqual([
      { name: 'In-Reply-To', value: '<CAF=abc123@mail.whch.example>' },
      { name: 'References', value: '<CAF=abc123@mail.whch.example>' },
      { name: 'X-Weibao-Ticket', value: 'T-1' },
    ]);
  });

  it('refuses headers SES writes itself, so no one relies on a Message-ID that SES replaces', async () => {
    const mailer = makeSesMailer(client, 'service@vendor.example');
    const message = { to: ['it@whch.example'], subject: '测试', text: '测试' };
    await expect(
      mailer.send({ ...message, headers: { 'Message-ID': '<ours@vendor.example>' } }),
    ).rejects.toThrow(/set by SES itself/);
    await expect(mailer.send({ ...message, headers: { 'X-主题': 'x' } })).rejects.toThrow(
      /printable ASCII/,
    );
    await expect(mailer.send({ ...message, to: [] })).rejects.toThrow(/recipient/);
  });

  it('knows the Message-ID SES gives a message', () => {
    expect(sesMessageIdHeader('0100018c-abc', 'us-east-1')).toBe(
      '<0100018c-abc@email.amazonses.com>',
    );
    expect(sesMessageIdHeader('0102018c-abc', 'eu-west-1')).toBe(
      '<0102018c-abc@eu-west-1.amazonses.com>',
    );
  });
});
