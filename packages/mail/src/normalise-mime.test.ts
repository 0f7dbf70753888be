import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { normaliseMime } from './normalise-mime.ts';

const crlf = (lines: string[]): string => lines.join('\r\n');

describe('normaliseMime', () => {
  it('returns a message with nothing to fix as it was, byte for byte', () => {
    // Prepare
    const raw = Buffer.from(
      crlf(['From: a@example.com', 'Subject: plain', 'Content-Type: text/plain', '', 'Hello', '']),
    );

    // Act
    const normalised = normaliseMime(raw);

    // Assess
    expect(normalised.equals(raw)).toBe(true);
  });

  it('joins GB2312 encoded words that split one character between them', () => {
    // Prepare: 宕机 in GBK is e5 b4 bb fa; the first word ends in the middle of 机
    const first = Buffer.from([0xe5, 0xb4, 0xbb]).toString('base64');
    const second = Buffer.from([0xfa]).toString('base64');
    const raw = Buffer.from(
      crlf([
        'From: a@example.com',
        `Subject: =?GB2312?B?${first}?=`,
        ` =?GB2312?B?${second}?=`,
        '',
        'x',
      ]),
    );

    // Act
    const header = normaliseMime(raw).toString('utf8').split('\r\n')[1] ?? '';

    // Assess
    const word = /=\?UTF-8\?B\?([^?]*)\?=/.exec(header)?.[1] ?? '';
    expect(Buffer.from(word, 'base64').toString('utf8')).toBe('宕机');
  });

  it('turns a raw GBK filename into UTF-8 and leaves the attachment bytes alone', () => {
    // Prepare
    const attachment = Buffer.from([0x00, 0xff, 0x80, 0x0d, 0x0a, 0x3d, 0x3f]);
    const raw = Buffer.concat([
      Buffer.from(
        crlf([
          'From: a@example.com',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain; charset=gbk',
          '',
          'x',
          '--b',
          'Content-Type: application/octet-stream',
          'Content-Disposition: attachment; filename="',
        ]),
      ),
      iconv.encode('故障截图.docx', 'gbk'),
      Buffer.from(crlf(['"', 'Content-Transfer-Encoding: base64', '', ''])),
      Buffer.from(attachment.toString('base64')),
      Buffer.from(crlf(['', '--b--', ''])),
    ]);

    // Act
    const normalised = normaliseMime(raw).toString('utf8');

    // Assess
    expect(normalised).toContain('filename="故障截图.docx"');
    expect(normalised).toContain(`\r\n\r\n${attachment.toString('base64')}\r\n--b--`);
  });

  it('reads raw 8-bit bytes in a part header in the charset that part declares', () => {
    // Prepare: these bytes are 醫院 in Big5 and 洛皘 in GB18030, which the message declares first
    const raw = Buffer.concat([
      Buffer.from(
        crlf([
          'From: a@example.com',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain; charset=gb2312',
          '',
          'x',
          '--b',
          'Content-Type: text/plain; charset=big5',
          'Content-Disposition: attachment; filename="',
        ]),
      ),
      iconv.encode('醫院.txt', 'big5'),
      Buffer.from(crlf(['"', '', 'x', '--b--', ''])),
    ]);

    // Act
    const normalised = normaliseMime(raw).toString('utf8');

    // Assess
    expect(normalised).toContain('filename="醫院.txt"');
  });

  it('rewrites a UTF-7 text part as UTF-8, which mailparser would leave undecoded', () => {
    // Prepare
    const raw = Buffer.from(
      crlf([
        'From: a@example.com',
        'Content-Type: text/plain; charset=utf-7',
        '',
        'Hi Mom -+Jjo--!',
      ]),
    );

    // Act
    const normalised = normaliseMime(raw).toString('latin1');

    // Assess
    const [header = '', body = ''] = normalised.split('\r\n\r\n');
    expect(header).toContain('charset=utf-8');
    expect(header).toContain('Content-Transfer-Encoding: base64');
    expect(Buffer.from(body, 'base64').toString('utf8')).toBe('Hi Mom -☺-!');
  });
});
