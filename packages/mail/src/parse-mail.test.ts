import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { NotAMessageError, UnreadableMailError } from './message-check.ts';
import { parseMail } from './parse-mail.ts';

/** A raw message from lines and byte chunks, with CRLF line ends as on the wire. */
function message(...parts: Array<string | Buffer>): Buffer {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
}

const lines = (...text: string[]): string => text.map((line) => `${line}\r\n`).join('');

const gbWord = (text: string): string =>
  `=?GB2312?B?${iconv.encode(text, 'gb18030').toString('base64')}?=`;

const base64Lines = (bytes: Buffer): string =>
  lines(...(bytes.toString('base64').match(/.{1,76}/g) ?? []));

/** Stands in for a Word file: a zip signature, then every byte value. */
const docx = Buffer.concat([
  Buffer.from('504b0304', 'hex'),
  Buffer.from(Array.from({ length: 1024 }, (_, index) => (index * 7) % 256)),
]);
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('parseMail', () => {
  it('reads a GB2312 fault report with Word attachments named in Chinese, bytes intact', async () => {
    // Prepare: the patient's name uses 𠮷, a GB18030 character outside GB2312 and GBK
    const body = '住院医生站无法保存医嘱，患者李𠮷，床号 12。\r\n请尽快处理。\r\n';
    const rfc2231Name = encodeURIComponent('故障截图说明.docx').replace(/%/g, '%');
    const raw = message(
      lines(
        `From: ${gbWord('信息中心 王磊')} <wanglei@whzx.cn>`,
        'To: support@vendor.cn',
        `Subject: ${gbWord('【紧急】住院医生站无法保存医嘱')}`,
        'Date: Wed, 25 Nov 2026 10:03:00 +0800',
        'Message-ID: <20261125100300.1@whzx.cn>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="=====mixed"',
        '',
        '--=====mixed',
        'Content-Type: text/plain; charset="gb2312"',
        'Content-Transfer-Encoding: base64',
        '',
      ),
      base64Lines(iconv.encode(body, 'gb18030')),
      lines(
        '--=====mixed',
        `Content-Type: ${DOCX_TYPE}; name="${gbWord('操作步骤.docx')}"`,
        `Content-Disposition: attachment; filename="${gbWord('操作步骤.docx')}"`,
        'Content-Transfer-Encoding: base64',
        '',
      ),
      base64Lines(docx),
      lines(
        '--=====mixed',
        `Content-Type: ${DOCX_TYPE}`,
        `Content-Disposition: attachment; filename*=utf-8''${rfc2231Name}`,
        'Content-Transfer-Encoding: base64',
        '',
      ),
      base64Lines(docx),
      lines('--=====mixed--'),
    );

    // Act
    const mail = await parseMail(raw);

    // Assess
    expect(mail.from).toEqual({ address: 'wanglei@whzx.cn', name: '信息中心 王磊' });
    expect(mail.subject).toBe('【紧急】住院医生站无法保存医嘱');
    expect(mail.text).toBe('住院医生站无法保存医嘱，患者李𠮷，床号 12。\n请尽快处理。');
    expect(mail.date).toBe('2026-11-25T02:03:00.000Z');
    expect(mail.messageId).toBe('<20261125100300.1@whzx.cn>');
    expect(mail.proposedSeverity).toBe('fatal');
    expect(mail.autoReply).toBe(false);
    expect(
      mail.attachments.map(({ filename, contentType, size }) => [filename, contentType, size]),
    ).toEqual([
      ['操作步骤.docx', DOCX_TYPE, docx.length],
      ['故障截图说明.docx', DOCX_TYPE, docx.length],
    ]);
    for (const attachment of mail.attachments) expect(attachment.content.equals(docx)).toBe(true);
  });

  it('reads a Big5 message from a Taiwanese or Hong Kong clinic', async () => {
    // Prepare
    const raw = message(
      lines(
        `From: =?big5?B?${iconv.encode('陳醫師', 'big5').toString('base64')}?= <chen@clinic.tw>`,
        `Subject: =?Big5?Q?${[...iconv.encode('系統當機', 'big5')].map((b) => `=${b.toString(16).toUpperCase()}`).join('')}?=`,
        'Content-Type: text/plain; charset=big5',
        'Content-Transfer-Encoding: 8bit',
        '',
      ),
      iconv.encode('醫囑系統無法登入。\r\n', 'big5'),
    );

    // Act
    const mail = await parseMail(raw);

    // Assess
    expect(mail.from?.name).toBe('陳醫師');
    expect(mail.subject).toBe('系統當機');
    expect(mail.text).toBe('醫囑系統無法登入。');
  });

  it('decodes an RFC 2047 subject split across words, UTF-8 character split included', async () => {
    // Prepare: 医嘱 is e5 8c bb e5 98 b1; the second word starts inside 嘱
    const raw = message(
      lines(
        'From: a@whzx.cn',
        'Subject: =?UTF-8?B?5Yy7?= =?UTF-8?B?5Zg=?=',
        ' =?UTF-8?B?sQ==?= =?utf-8?Q?_=E6=8A=A5=E9=94=99?=',
        '',
        'x',
      ),
    );

    // Act
    const mail = await parseMail(raw);

    // Assess
    expect(mail.subject).toBe('医嘱 报错');
  });

  it('sanitises hostile HTML and derives the text from it when there is no text part', async () => {
    // Prepare
    const raw = message(
      lines(
        'From: a@whzx.cn',
        'Subject: html',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<html><head><style>p{}</style><script>steal()</script></head><body>',
        '<p onclick="steal()">护士站<b>无法打印</b></p><img src="x" onerror="steal()">',
        '<a href="javascript:steal()">详情</a></body></html>',
      ),
    );

    // Act
    const mail = await parseMail(raw);

    // Assess
    expect(mail.html).toBe(
      '<p>护士站<b>无法打印</b></p>\n<a target="_blank" rel="noopener noreferrer nofollow">详情</a>',
    );
    expect(mail.html).not.toMatch(/script|onerror|onclick|javascript/);
    expect(mail.fullText).toBe('护士站无法打印\n\n详情');
  });

  it('lists an inline image with its content id, kept as a cid: link in the HTML', async () => {
    // Prepare
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const raw = message(
      lines(
        'From: a@whzx.cn',
        'Subject: screenshot',
        'Content-Type: multipart/related; boundary=rel',
        '',
        '--rel',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>报错截图：</p><img src="cid:image001.png@01DC5E3A">',
        '--rel',
        'Content-Type: image/png; name="image001.png"',
        'Content-ID: <image001.png@01DC5E3A>',
        'Content-Disposition: inline; filename="image001.png"',
        'Content-Transfer-Encoding: base64',
        '',
      ),
      base64Lines(png),
      lines('--rel--'),
    );

    // Act
    const mail = await parseMail(raw);

    // Assess
    expect(mail.html).toContain('<img src="cid:image001.png@01DC5E3A" />');
    expect(mail.attachments).toEqual([
      {
        filename: 'image001.png',
        contentType: 'image/png',
        size: png.length,
        contentId: 'image001.png@01DC5E3A',
        inline: true,
        content: png,
      },
    ]);
  });

  it('names attachments by file name only, never by a path, and names unnamed ones', async () => {
    // Prepare
    const raw = message(
      lines(
        'From: a@whzx.cn',
        'Subject: files',
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'see attached',
        '--b',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename="..\\..\\Windows/system.ini"',
        '',
        'x',
        '--b',
        'Content-Type: message/rfc822',
        '',
        'Subject: forwarded',
        '',
        'y',
        '--b--',
      ),
    );

    // Act
    const mail = await parseMail(raw);

    // Assess
    expect(mail.attachments.map((attachment) => attachment.filename)).toEqual([
      'system.ini',
      'attachment-2.eml',
    ]);
  });

  it('separates a Foxmail reply from its history and finds the ticket number', async () => {
    // Prepare
    const raw = message(
      lines(
        'From: zhang@whzx.cn',
        'Subject: =?UTF-8?B?5Zue5aSN77ya44CQV0haWC0yMDI2LTAwMDQy44CR5Yy75Zix5oql6ZSZ?=',
        'In-Reply-To: <ticket-42@vendor.cn>',
        'References: <ticket-42@vendor.cn> <reply-1@vendor.cn>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '重启后恢复正常，谢谢。',
        '',
        '------------------ 原始邮件 ------------------',
        '发件人: "李四"<lisi@vendor.cn>;',
        '发送时间: 2026年11月25日(星期三) 上午10:03',
        '',
        '请重启客户端，如仍宕机请来电。',
      ),
    );

    // Act
    const mail = await parseMail(raw);

    // Assess
    expect(mail.subject).toBe('回复：【WHZX-2026-00042】医嘱报错');
    expect(mail.ticketRef).toBe('WHZX-2026-00042');
    expect(mail.text).toBe('重启后恢复正常，谢谢。');
    expect(mail.fullText).toContain('如仍宕机请来电');
    expect(mail.proposedSeverity).toBeNull();
    expect(mail.inReplyTo).toBe('<ticket-42@vendor.cn>');
    expect(mail.references).toEqual(['<ticket-42@vendor.cn>', '<reply-1@vendor.cn>']);
  });

  it('separates an Outlook HTML reply without a text part from its history', async () => {
    // Prepare
    const raw = message(
      lines(
        'From: zhang@whzx.cn',
        'Subject: =?UTF-8?B?5Zue5aSNOiDljLvlmLE=?=',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<div class="WordSection1"><p class="MsoNormal">已恢复，谢谢。<o:p></o:p></p>',
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">',
        '<p class="MsoNormal"><b>发件人:</b> 李四 &lt;lisi@vendor.cn&gt;<br><b>发送时间:</b> 2026年11月25日 10:03<br>',
        '<b>收件人:</b> 张三<br><b>主题:</b> 回复: 医嘱</p></div><p>请重启客户端。</p></div>',
      ),
    );

    // Act
    const mail = await parseMail(raw);

    // Assess
    expect(mail.text).toBe('已恢复，谢谢。');
    expect(mail.fullText).toContain('请重启客户端。');
  });

  it('marks a Chinese out-of-office reply as automatic, without a severity', async () => {
    // Prepare
    const raw = message(
      lines(
        'From: wanglei@whzx.cn',
        `Subject: ${gbWord('自动回复：【紧急】住院医生站无法保存医嘱')}`,
        'Content-Type: text/plain; charset=gb2312',
        'Content-Transfer-Encoding: base64',
        '',
      ),
      base64Lines(iconv.encode('您好，我正在休假，12月1日返岗。', 'gbk')),
    );

    // Act
    const mail = await parseMail(raw);

    // Assess
    expect(mail.autoReply).toBe(true);
    expect(mail.autoReplyReason).toBe('subject: 自动回复');
    expect(mail.proposedSeverity).toBeNull();
  });

  it('falls back to Reply-To for the sender and gives no date when the Date is unreadable', async () => {
    const raw = message(
      lines('From: "护士站" <>', 'Reply-To: hsz@whzx.cn', 'Date: someday', 'Subject: s', '', 'x'),
    );

    const mail = await parseMail(raw);

    expect(mail.from).toEqual({ address: 'hsz@whzx.cn', name: '' });
    expect(mail.date).toBeNull();
    expect(mail.to).toEqual([]);
    expect(mail.html).toBeNull();
  });

  it('refuses bytes that are not a message, with the reason', async () => {
    await expect(parseMail(Buffer.from('just some text\n'))).rejects.toThrow(NotAMessageError);
    await expect(parseMail(Buffer.alloc(0))).rejects.toThrow('the file is empty');
  });

  it('refuses a message beyond mailparser’s limits as unreadable, with the reason', async () => {
    const folded = Array.from({ length: 120_000 }, () => ' 0123456789').join('\r\n');
    const raw = message(lines('From: a@whzx.cn', `X-Padding: x${folded}`, '', 'x'));

    await expect(parseMail(raw)).rejects.toThrow(UnreadableMailError);
    await expect(parseMail(raw)).rejects.toThrow('Max header size');
  });

  it('gives a result for any bytes in the Subject and the body, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 60 }),
        fc.uint8Array({ maxLength: 200 }),
        async (subject, body) => {
          const raw = message(
            'From: a@whzx.cn\r\nSubject: ',
            Buffer.from(subject.filter((byte) => byte !== 10 && byte !== 13)),
            '\r\n\r\n',
            Buffer.from(body),
          );
          const mail = await parseMail(raw);
          expect(typeof mail.text).toBe('string');
        },
      ),
      { numRuns: 200 },
    );
  });
});
