import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const run = promisify(execFile);

/** Runs the real `weibao` binary; resolves with its exit code and output. */
async function weibao(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['packages/cli/bin/weibao.js', ...args], {
      cwd: repoRoot,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('weibao mail parse', () => {
  let dir = '';
  const file = (name: string): string => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'weibao-mail-'));
    await writeFile(
      file('report.eml'),
      [
        'From: =?UTF-8?B?546L56OK?= <wanglei@whzx.cn>',
        'To: support@vendor.cn',
        'Subject: =?UTF-8?B?44CQV0haWC0yMDI2LTAwMDQy44CR5a6V5py6?=',
        'Date: Wed, 25 Nov 2026 10:03:00 +0800',
        'Message-ID: <1@whzx.cn>',
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '全院无法登录',
        '--b',
        'Content-Type: application/pdf; name=log.pdf',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4').toString('base64'),
        '--b--',
        '',
      ].join('\r\n'),
    );
    await writeFile(file('empty.eml'), '');
    await writeFile(file('image.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    await writeFile(file('random.bin'), Buffer.from('c3a1ff00fe2b9a10d7', 'hex'));
    await writeFile(file('note.txt'), 'The HIS is down since 10:00.\n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one JSON object with the parsed fields, attachments without their bytes', async () => {
    // Act
    const { code, stdout } = await weibao('mail', 'parse', file('report.eml'));

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      messageId: '<1@whzx.cn>',
      inReplyTo: null,
      references: [],
      from: { address: 'wanglei@whzx.cn', name: '王磊' },
      to: [{ address: 'support@vendor.cn', name: '' }],
      cc: [],
      subject: '【WHZX-2026-00042】宕机',
      date: '2026-11-25T02:03:00.000Z',
      text: '全院无法登录',
      fullText: '全院无法登录',
      html: null,
      attachments: [{ filename: 'log.pdf', contentType: 'application/pdf', size: 8 }],
      autoReply: false,
      ticketRef: 'WHZX-2026-00042',
      proposedSeverity: 'fatal',
    });
  });

  it.each([
    ['a missing file', 'missing.eml', 'no such file'],
    ['a directory', '.', 'not a file'],
    ['an empty file', 'empty.eml', 'the file is empty'],
    ['a PNG image', 'image.png', 'not a message'],
    ['random binary', 'random.bin', 'not a message'],
    ['a text without a header block', 'note.txt', 'not a message'],
  ])('rejects %s with one line on stderr and exit code 2', async (_case, name, reason) => {
    const { code, stdout, stderr } = await weibao('mail', 'parse', file(name));

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(reason);
  });

  it('explains its usage when the file is not given', async () => {
    const { code, stderr } = await weibao('mail', 'parse');

    expect(code).toBe(2);
    expect(stderr).toContain('usage: npx weibao mail parse FILE.eml');
  });
});
