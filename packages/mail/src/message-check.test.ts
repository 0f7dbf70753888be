import { describe, expect, it } from 'vitest';
import { assertMessage, messageStart, NotAMessageError } from './message-check.ts';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('assertMessage', () => {
  it.each([
    ['a minimal message', 'From: a@whzx.cn\r\n\r\nbody'],
    ['headers only, no body', 'Subject: 宕机\n'],
    ['an mbox "From " line first', 'From a@whzx.cn  Wed Nov 25 10:00:00 2026\nDate: x\n\nbody'],
    ['a Message-ID after other fields', 'Received: from x\n by y\nMessage-ID: <1@x>\n\n'],
  ])('accepts %s', (_case, raw) => {
    expect(() => assertMessage(bytes(raw))).not.toThrow();
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['a PNG image', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'does not begin with a header field'],
    [
      'a text without a header block',
      'Dear vendor,\nthe system is down.\n',
      'does not begin with a header field',
    ],
    [
      'a header block without From, To, Subject, Date or Message-ID',
      'Foo: bar\n\nbody',
      'has none of From',
    ],
    [
      'a header field after leading text',
      'hello\nFrom: a@whzx.cn\n\n',
      'does not begin with a header field',
    ],
    [
      'two lines of text before a header block',
      'hello\nsecond line\nFrom: a@whzx.cn\nSubject: x\n\n',
      'does not begin with a header field',
    ],
    [
      'one line of text before lines that are not all header fields',
      'hello\nFrom: a@whzx.cn\nthe system is down\nSubject: x\n\n',
      'does not begin with a header field',
    ],
  ])('rejects %s, saying why', (_case, raw, reason) => {
    expect(() => assertMessage(bytes(raw))).toThrow(NotAMessageError);
    expect(() => assertMessage(bytes(raw))).toThrow(reason);
  });

  it('starts a message after one line a forwarding client put before its header', () => {
    const raw = bytes(
      '---- Original email message ----\r\nFrom: a@whzx.cn\r\nSubject: x\r\n\r\nbody',
    );
    expect(messageStart(raw)).toBe('---- Original email message ----\r\n'.length);
    expect(messageStart(bytes('From: a@whzx.cn\r\n\r\nbody'))).toBe(0);
  });
});
