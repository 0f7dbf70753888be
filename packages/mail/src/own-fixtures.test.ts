import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FixtureExpectation } from './__fixtures__/write-fixtures.ts';
import { parseMail } from './parse-mail.ts';

/**
 * The project's own raw messages (written for weibao by __fixtures__/write-fixtures.ts, committed
 * as bytes): Chinese fault reports in each charset hospitals send, replies from the clients they
 * use, and the mail machines send. They test the parser in a clone with nothing beside it.
 */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const expectations = JSON.parse(
  readFileSync(path.join(dir, 'expected.json'), 'utf8'),
) as FixtureExpectation[];

describe('parseMail over the project’s own fixtures', () => {
  it('has an expectation for every .eml file', () => {
    const files = readdirSync(dir).filter((name) => name.endsWith('.eml'));
    expect(expectations.map((e) => e.file).sort()).toEqual(files.sort());
    expect(files.length).toBeGreaterThanOrEqual(14);
  });

  it.each(expectations.map((e) => [e.file, e] as const))(
    '%s: sender, subject, new text, automatic or not, attachments',
    async (file, expected) => {
      // Prepare: the fixture is in the charset it claims to cover (labelled so, or unlabelled)
      const raw = readFileSync(path.join(dir, file));
      const label = expected.charset.split(' ')[0] as string;
      const declared = /charset="?([\w-]+)/i.exec(raw.toString('latin1'))?.[1] ?? 'none';
      expect(declared.toLowerCase()).toBe(label);

      // Act
      const mail = await parseMail(raw);

      // Assess
      expect({
        from: mail.from,
        subject: mail.subject,
        text: mail.text,
        autoReply: mail.autoReply,
        attachments: mail.attachments.map((a) => a.filename),
        ticketRef: mail.ticketRef,
      }).toEqual({
        from: expected.from,
        subject: expected.subject,
        text: expected.text,
        autoReply: expected.autoReply,
        attachments: expected.attachments,
        ticketRef: expected.ticketRef,
      });
      // Nothing undecodable survives into what people read
      expect(`${mail.subject ?? ''}${mail.fullText}${mail.from?.name ?? ''}`).not.toMatch(
        /\uFFFD|=\?/,
      );
      if (expected.autoReplyReasonIncludes)
        expect(mail.autoReplyReason).toContain(expected.autoReplyReasonIncludes);
      if (!expected.autoReply) expect(mail.autoReplyReason).toBeNull();
    },
  );
});
