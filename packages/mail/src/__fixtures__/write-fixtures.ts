/**
 * Writes the project's own raw mail fixtures (`*.eml`) and their expectations (`expected.json`)
 * beside this file: `npx tsx packages/mail/src/__fixtures__/write-fixtures.ts`, then
 * `npx prettier --write packages/mail/src/__fixtures__/expected.json`. The bytes are
 * committed, so a change here shows up as a diff of the fixtures; the test reads only the files.
 * Each message is the kind hospitals and mail systems actually send (charsets Chinese mail
 * servers label, replies from the clients they use, machines answering), written here for weibao.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface FixtureExpectation {
  file: string;
  /** What the message is and what it checks. */
  about: string;
  /** The charset the text is in, as labelled (or not) by the message. */
  charset: string;
  from: { address: string; name: string } | null;
  subject: string | null;
  /** What the sender wrote now: no quoted history, no signature. */
  text: string;
  autoReply: boolean;
  /** A word the reason for autoReply contains, e.g. the header that gave it away. */
  autoReplyReasonIncludes?: string;
  attachments: string[];
  ticketRef: string | null;
}

const crlf = (...lines: string[]) => lines.map((line) => `${line}\r\n`).join('');
const b64Lines = (bytes: Buffer) => crlf(...(bytes.toString('base64').match(/.{1,76}/g) ?? []));
const word = (text: string, charset: string, encoding: 'B' | 'Q' = 'B') => {
  const bytes = iconv.encode(text, charset);
  if (encoding === 'B') return `=?${charset}?B?${bytes.toString('base64')}?=`;
  const q = [...bytes]
    .map((b) =>
      /[A-Za-z0-9]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
  return `=?${charset}?Q?${q}?=`;
};
/** Quoted-printable of bytes, lines of at most 76 characters with soft breaks. */
function qp(bytes: Buffer): string {
  const out: string[] = [];
  for (const line of bytes.toString('latin1').split('\r\n')) {
    let encoded = '';
    for (const ch of line) {
      const code = ch.charCodeAt(0);
      encoded +=
        code >= 33 && code <= 126 && ch !== '='
          ? ch
          : `=${code.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    let rest = encoded;
    while (rest.length > 75) {
      let cut = 75;
      while (rest[cut - 1] === '=' || rest[cut - 2] === '=') cut -= 1;
      out.push(`${rest.slice(0, cut)}=`);
      rest = rest.slice(cut);
    }
    out.push(rest);
  }
  return crlf(...out);
}

const fixtures: Array<{ raw: Buffer; expected: FixtureExpectation }> = [];
function add(expected: FixtureExpectation, ...parts: Array<string | Buffer>) {
  fixtures.push({
    raw: Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p))),
    expected,
  });
}
const head = (from: string, subject: string, id: string, extra: string[] = []) =>
  crlf(
    `From: ${from}`,
    'To: whzx@intake.example',
    `Subject: ${subject}`,
    'Date: Thu, 03 Dec 2026 09:12:00 +0800',
    `Message-ID: <${id}@fixtures.weibao.example>`,
    ...extra,
    'MIME-Version: 1.0',
  );

// 1. GB2312 as Chinese hospital mail servers send it: base64 body, B-encoded subject and name.
{
  const text =
    '门诊医生站开具处方时提示“数据库连接超时”，全院门诊无法开方。\r\n请尽快派工程师处理。';
  add(
    {
      file: '01-gb2312-base64-report.eml',
      about: 'a fault report in GB2312 (base64), subject and sender name RFC 2047 B-encoded',
      charset: 'gb2312',
      from: { address: 'xxk@whzx.example', name: '信息科 张敏' },
      subject: '紧急：门诊医生站无法开方',
      text: '门诊医生站开具处方时提示“数据库连接超时”，全院门诊无法开方。\n请尽快派工程师处理。',
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    head(
      `${word('信息科 张敏', 'gb2312')} <xxk@whzx.example>`,
      word('紧急：门诊医生站无法开方', 'gb2312'),
      'gb2312-1',
    ),
    crlf('Content-Type: text/plain; charset="gb2312"', 'Content-Transfer-Encoding: base64', ''),
    b64Lines(iconv.encode(`${text}\r\n`, 'gb2312')),
  );
}

// 2. GBK labelled as GBK, quoted-printable, a character outside GB2312 (镕) in the text.
{
  const text = '检验科LIS系统打印条码错位，患者朱镕的标本无法上机。\r\n影响：检验科全部窗口。';
  add(
    {
      file: '02-gbk-quoted-printable.eml',
      about: 'GBK text with a character outside GB2312, quoted-printable, Q-encoded subject',
      charset: 'gbk',
      from: { address: 'lis@whzx.example', name: '检验科' },
      subject: 'LIS条码打印错位',
      text: '检验科LIS系统打印条码错位，患者朱镕的标本无法上机。\n影响：检验科全部窗口。',
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    head(
      `${word('检验科', 'gbk', 'Q')} <lis@whzx.example>`,
      word('LIS条码打印错位', 'gbk', 'Q'),
      'gbk-1',
    ),
    crlf(
      'Content-Type: text/plain; charset=GBK',
      'Content-Transfer-Encoding: quoted-printable',
      '',
    ),
    qp(iconv.encode(`${text}\r\n`, 'gbk')),
  );
}

// 3. GB18030 four-byte characters (a patient's name with 𠮷), labelled gb18030.
{
  const text = '住院护士站无法登记患者𠮷䶮的体温单，保存后提示编码错误。';
  add(
    {
      file: '03-gb18030-four-byte.eml',
      about: 'GB18030 with four-byte characters (𠮷, 䶮) in the text and the subject',
      charset: 'gb18030',
      from: { address: 'hlb@whzx.example', name: '护理部' },
      subject: '患者𠮷䶮体温单无法保存',
      text,
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    head(
      `${word('护理部', 'gb18030')} <hlb@whzx.example>`,
      word('患者𠮷䶮体温单无法保存', 'gb18030'),
      'gb18030-1',
    ),
    crlf('Content-Type: text/plain; charset=gb18030', 'Content-Transfer-Encoding: base64', ''),
    b64Lines(iconv.encode(`${text}\r\n`, 'gb18030')),
  );
}

// 4. Big5, as a Taiwanese or Hong Kong clinic writes: traditional characters, 8bit body.
{
  const text = '藥局系統無法列印處方箋，請協助處理。\r\n聯絡電話：02-2345-6789';
  add(
    {
      file: '04-big5-8bit.eml',
      about: 'Big5 traditional Chinese, raw 8-bit body, B-encoded subject',
      charset: 'big5',
      from: { address: 'pharmacy@clinic.example', name: '藥局 陳小姐' },
      subject: '藥局系統無法列印',
      text: '藥局系統無法列印處方箋，請協助處理。\n聯絡電話：02-2345-6789',
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    head(
      `${word('藥局 陳小姐', 'big5')} <pharmacy@clinic.example>`,
      word('藥局系統無法列印', 'big5'),
      'big5-1',
    ),
    crlf('Content-Type: text/plain; charset=big5', 'Content-Transfer-Encoding: 8bit', ''),
    iconv.encode(`${text}\r\n`, 'big5'),
  );
}

// 5. UTF-8 base64 (Foxmail, QQ Mail), with a mobile signature to leave out.
{
  const body = 'PACS影像调阅缓慢，打开一张CT需要两分钟。\r\n\r\n发自我的iPhone\r\n';
  add(
    {
      file: '05-utf8-base64-signature.eml',
      about: 'UTF-8 base64 text with a phone signature, which is not part of the report',
      charset: 'utf-8',
      from: { address: 'fsk@whzx.example', name: '放射科 李医生' },
      subject: 'PACS调阅慢',
      text: 'PACS影像调阅缓慢，打开一张CT需要两分钟。',
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    head(
      `${word('放射科 李医生', 'utf-8')} <fsk@whzx.example>`,
      word('PACS调阅慢', 'utf-8'),
      'utf8-b64',
    ),
    crlf('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', ''),
    b64Lines(Buffer.from(body, 'utf8')),
  );
}

// 6. UTF-8 quoted-printable, subject split over two encoded words on a folded line.
{
  const body = '手麻系统术中记录无法保存，已重启客户端，问题依旧。\r\n手术室 王护士长\r\n';
  add(
    {
      file: '06-utf8-quoted-printable-folded-subject.eml',
      about:
        'UTF-8 quoted-printable with soft line breaks; subject in two encoded words folded over two lines',
      charset: 'utf-8',
      from: { address: 'ssz@whzx.example', name: '' },
      subject: '手麻系统术中记录无法保存（急）',
      text: '手麻系统术中记录无法保存，已重启客户端，问题依旧。\n手术室 王护士长',
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    head(
      'ssz@whzx.example',
      `${word('手麻系统术中记录', 'utf-8')}\r\n ${word('无法保存（急）', 'utf-8', 'Q')}`,
      'utf8-qp',
    ),
    crlf(
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
    ),
    qp(Buffer.from(body, 'utf8')),
  );
}

// 7. A reply from a Chinese mail client (Foxmail / NetEase): 回复： subject, the ticket number,
//    attribution line "在 … 写道：" and the history quoted with '>'.
{
  const body = [
    '已经按你们说的清除了缓存，现在可以开方了。',
    '谢谢！',
    '',
    '在 2026-12-03 10:05:12，"维保服务台" <support@vendor.example> 写道：',
    '> 您好，工单 WHZX-2026-00042 已受理。',
    '> 请在客户端执行“清除缓存”后重试。',
    '',
  ].join('\r\n');
  add(
    {
      file: '07-reply-chinese-client-quoted.eml',
      about:
        'a reply with 回复：, the ticket number in the subject, a 写道： attribution and > history',
      charset: 'gb2312',
      from: { address: 'xxk@whzx.example', name: '信息科 张敏' },
      subject: '回复：【WHZX-2026-00042】门诊医生站无法开方',
      text: '已经按你们说的清除了缓存，现在可以开方了。\n谢谢！',
      autoReply: false,
      attachments: [],
      ticketRef: 'WHZX-2026-00042',
    },
    head(
      `${word('信息科 张敏', 'gb2312')} <xxk@whzx.example>`,
      word('回复：【WHZX-2026-00042】门诊医生站无法开方', 'gb2312'),
      'reply-cn',
      ['In-Reply-To: <ack-42@vendor.example>', 'References: <ack-42@vendor.example>'],
    ),
    crlf('Content-Type: text/plain; charset=gb2312', 'Content-Transfer-Encoding: base64', ''),
    b64Lines(iconv.encode(body, 'gb2312')),
  );
}

// 8. An Outlook reply: Re: subject, top-posted, history below an underscore rule and a
//    发件人/发送时间/收件人/主题 block, HTML and text alternatives.
{
  const text = [
    '问题仍然存在，今天上午又出现两次。',
    '',
    '________________________________',
    '发件人: 维保服务台 <support@vendor.example>',
    '发送时间: 2026年12月3日 10:05',
    '收件人: 检验科 <lis@whzx.example>',
    '主题: 【WHZX-2026-00043】LIS条码打印错位',
    '',
    '您好，已远程调整打印模板，请再试。',
    '',
  ].join('\r\n');
  const html =
    '<html><body><div>问题仍然存在，今天上午又出现两次。</div><hr>' +
    '<div><b>发件人:</b> 维保服务台 &lt;support@vendor.example&gt;<br><b>发送时间:</b> 2026年12月3日 10:05<br>' +
    '<b>主题:</b> 【WHZX-2026-00043】LIS条码打印错位</div><div>您好，已远程调整打印模板，请再试。</div></body></html>\r\n';
  add(
    {
      file: '08-reply-outlook.eml',
      about:
        'an Outlook reply: Re:, top-posted, history under a rule and a 发件人/发送时间 header block, text and HTML',
      charset: 'utf-8',
      from: { address: 'lis@whzx.example', name: '检验科' },
      subject: 'Re: 【WHZX-2026-00043】LIS条码打印错位',
      text: '问题仍然存在，今天上午又出现两次。',
      autoReply: false,
      attachments: [],
      ticketRef: 'WHZX-2026-00043',
    },
    head(
      `${word('检验科', 'utf-8')} <lis@whzx.example>`,
      `Re: ${word('【WHZX-2026-00043】LIS条码打印错位', 'utf-8')}`,
      'reply-outlook',
      [
        'In-Reply-To: <ack-43@vendor.example>',
        'Thread-Topic: LIS',
        'X-Mailer: Microsoft Outlook 16.0',
      ],
    ),
    crlf('Content-Type: multipart/alternative; boundary="alt-8"', '', '--alt-8'),
    crlf('Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: base64', ''),
    b64Lines(Buffer.from(text, 'utf8')),
    crlf(
      '--alt-8',
      'Content-Type: text/html; charset="utf-8"',
      'Content-Transfer-Encoding: base64',
      '',
    ),
    b64Lines(Buffer.from(html, 'utf8')),
    crlf('--alt-8--'),
  );
}

// 9. An out-of-office notice from a Chinese mail system: 自动回复 in the subject, Auto-Submitted.
{
  const body = '您好，我于12月1日至12月7日休假，期间邮件将延迟回复。紧急事务请联系信息科值班电话。';
  add(
    {
      file: '09-out-of-office-zidonghuifu.eml',
      about: 'an out-of-office notice: 自动回复： subject and Auto-Submitted: auto-replied',
      charset: 'gbk',
      from: { address: 'zhangmin@whzx.example', name: '张敏' },
      subject: '自动回复：【WHZX-2026-00042】门诊医生站无法开方',
      text: body,
      autoReply: true,
      autoReplyReasonIncludes: 'Auto-Submitted',
      attachments: [],
      ticketRef: 'WHZX-2026-00042',
    },
    head(
      `${word('张敏', 'gbk')} <zhangmin@whzx.example>`,
      word('自动回复：【WHZX-2026-00042】门诊医生站无法开方', 'gbk'),
      'ooo-1',
      ['Auto-Submitted: auto-replied'],
    ),
    crlf('Content-Type: text/plain; charset=gbk', 'Content-Transfer-Encoding: base64', ''),
    b64Lines(iconv.encode(`${body}\r\n`, 'gbk')),
  );
}

// 10. A bounce: multipart/report from MAILER-DAEMON with a delivery-status part.
{
  add(
    {
      file: '10-bounce-multipart-report.eml',
      about:
        'a bounce (multipart/report; delivery-status) from MAILER-DAEMON: automatic, status part kept as attachment',
      charset: 'us-ascii',
      from: { address: 'MAILER-DAEMON@mx.whzx.example', name: 'Mail Delivery System' },
      subject: 'Undelivered Mail Returned to Sender',
      text: "This is the mail system at host mx.whzx.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<nobody@whzx.example>: host mx.whzx.example said: 550 5.1.1 User unknown",
      autoReply: true,
      attachments: ['attachment-1.txt', 'attachment-2.txt'],
      ticketRef: null,
    },
    crlf(
      'From: Mail Delivery System <MAILER-DAEMON@mx.whzx.example>',
      'To: support@vendor.example',
      'Subject: Undelivered Mail Returned to Sender',
      'Date: Thu, 03 Dec 2026 10:06:00 +0800',
      'Message-ID: <bounce-1@mx.whzx.example>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="rep-10"',
      '',
      '--rep-10',
      'Content-Description: Notification',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'This is the mail system at host mx.whzx.example.',
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients.',
      '',
      '<nobody@whzx.example>: host mx.whzx.example said: 550 5.1.1 User unknown',
      '',
      '--rep-10',
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.whzx.example',
      '',
      'Final-Recipient: rfc822; nobody@whzx.example',
      'Action: failed',
      'Status: 5.1.1',
      '',
      '--rep-10',
      'Content-Description: Undelivered Message Headers',
      'Content-Type: text/rfc822-headers',
      '',
      'From: support@vendor.example',
      'To: nobody@whzx.example',
      'Subject: =?utf-8?B?5bel5Y2V5bey5Y+X55CG?=',
      '',
      '--rep-10--',
    ),
  );
}

// 11. HTML only (a web mail client), with a table, a script to drop and an entity.
{
  const html =
    '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>' +
    '<p>电子病历系统今天&nbsp;8:30&nbsp;起无法登录，提示“服务不可用”。</p>' +
    '<table><tr><td>科室</td><td>心内科、呼吸科</td></tr></table></body></html>';
  add(
    {
      file: '11-html-only.eml',
      about:
        'HTML only (no text part): text taken from the sanitised HTML, script and style dropped',
      charset: 'utf-8',
      from: { address: 'yw@whzx.example', name: '医务处' },
      subject: '电子病历无法登录',
      text: '电子病历系统今天 8:30 起无法登录，提示“服务不可用”。\n\n科室 心内科、呼吸科',
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    head(
      `${word('医务处', 'utf-8')} <yw@whzx.example>`,
      word('电子病历无法登录', 'utf-8'),
      'html-only',
    ),
    crlf('Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', ''),
    b64Lines(Buffer.from(html, 'utf8')),
  );
}

// 12. An attachment with a Chinese name in RFC 2231 (filename*=, continued over two lines),
//     and a second one named by an RFC 2047 word, as older clients do.
{
  const name = encodeURIComponent('故障截图-门诊收费.png');
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  add(
    {
      file: '12-attachment-rfc2231-chinese-name.eml',
      about: 'attachments named in Chinese: RFC 2231 filename*0*/filename*1* and an RFC 2047 name',
      charset: 'utf-8',
      from: { address: 'sfc@whzx.example', name: '收费处' },
      subject: '门诊收费系统报错截图',
      text: '报错截图见附件。',
      autoReply: false,
      attachments: ['故障截图-门诊收费.png', '操作步骤.txt'],
      ticketRef: null,
    },
    head(
      `${word('收费处', 'utf-8')} <sfc@whzx.example>`,
      word('门诊收费系统报错截图', 'utf-8'),
      'attach-1',
    ),
    crlf('Content-Type: multipart/mixed; boundary="mix-12"', '', '--mix-12'),
    crlf('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', ''),
    b64Lines(Buffer.from('报错截图见附件。\r\n', 'utf8')),
    crlf(
      '--mix-12',
      'Content-Type: image/png',
      'Content-Disposition: attachment;',
      ` filename*0*=utf-8''${name.slice(0, 36)};`,
      ` filename*1*=${name.slice(36)}`,
      'Content-Transfer-Encoding: base64',
      '',
    ),
    b64Lines(png),
    crlf(
      '--mix-12',
      `Content-Type: text/plain; charset=gbk; name="${word('操作步骤.txt', 'gbk')}"`,
      `Content-Disposition: attachment; filename="${word('操作步骤.txt', 'gbk')}"`,
      'Content-Transfer-Encoding: base64',
      '',
    ),
    b64Lines(iconv.encode('1. 打开收费界面\r\n2. 点击结算\r\n', 'gbk')),
    crlf('--mix-12--'),
  );
}

// 13. Mislabelled: the server says gb2312, the client wrote GBK/GB18030 (a name with 镕 and 堃).
{
  const text = '体检系统导出报告失败，受检者王堃、朱镕基的报告为空白。';
  add(
    {
      file: '13-mislabelled-gb2312-holds-gbk.eml',
      about: 'labelled gb2312 but holding GBK characters (堃, 镕): read as GB18030, nothing lost',
      charset: 'gb2312 (actually gbk)',
      from: { address: 'tjzx@whzx.example', name: '体检中心' },
      subject: '体检报告导出失败（王堃）',
      text,
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    head(
      `=?gb2312?B?${iconv.encode('体检中心', 'gbk').toString('base64')}?= <tjzx@whzx.example>`,
      `=?gb2312?B?${iconv.encode('体检报告导出失败（王堃）', 'gbk').toString('base64')}?=`,
      'mislabel-gbk',
    ),
    crlf('Content-Type: text/plain; charset=gb2312', 'Content-Transfer-Encoding: base64', ''),
    b64Lines(iconv.encode(`${text}\r\n`, 'gbk')),
  );
}

// 14. Mislabelled: no charset at all (us-ascii by default) on a raw 8-bit UTF-8 body and raw
//     UTF-8 in the Subject header, as some scripts and appliances send.
{
  const text = '自助机无法打印发票，屏幕显示“打印机缺纸”，已加纸仍报错。';
  add(
    {
      file: '14-mislabelled-unlabelled-utf8.eml',
      about: 'no charset on a raw 8-bit UTF-8 body, raw UTF-8 in the Subject: read as UTF-8',
      charset: 'none (actually utf-8)',
      from: { address: 'zzj@whzx.example', name: '' },
      subject: '自助机打印故障',
      text,
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    Buffer.from(
      crlf(
        'From: zzj@whzx.example',
        'To: whzx@intake.example',
        'Subject: 自助机打印故障',
        'Date: Thu, 03 Dec 2026 09:40:00 +0800',
        'Message-ID: <unlabelled-1@fixtures.weibao.example>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain',
        'Content-Transfer-Encoding: 8bit',
        '',
        text,
      ),
      'utf8',
    ),
  );
}

// 15. Raw 8-bit GB2312 in the Subject, no encoded word, as older Chinese clients send. Every
//     character of 医院系统 has a GB2312 lead byte C2–DF and trail byte A1–BF, so the bytes are also
//     valid UTF-8 (ҽԺϵͳ): the charset the body declares decides.
{
  const text = '医院系统从八点起无法登录，各科室均受影响。';
  add(
    {
      file: '15-raw-gb2312-subject-valid-utf8.eml',
      about: 'raw 8-bit GB2312 subject whose bytes are also valid UTF-8: read in the body charset',
      charset: 'gb2312 (subject unlabelled)',
      from: { address: 'xxk@whzx.example', name: '' },
      subject: '医院系统',
      text,
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    'From: xxk@whzx.example\r\nTo: whzx@intake.example\r\nSubject: ',
    iconv.encode('医院系统', 'gb2312'),
    crlf(
      '',
      'Date: Thu, 03 Dec 2026 08:05:00 +0800',
      'Message-ID: <raw-gb2312-1@fixtures.weibao.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=gb2312',
      'Content-Transfer-Encoding: 8bit',
      '',
    ),
    iconv.encode(`${text}\r\n`, 'gb2312'),
  );
}

// 16. A forward that starts with one line of the forwarding client before the message's header.
{
  const text = '检验科LIS系统无法接收医嘱，请处理。';
  add(
    {
      file: '16-forward-leading-line.eml',
      about:
        'one non-header line before the header block (a client forwarding as is): still parsed',
      charset: 'utf-8',
      from: { address: 'jyk@whzx.example', name: '' },
      subject: '转发：LIS无法接收医嘱',
      text,
      autoReply: false,
      attachments: [],
      ticketRef: null,
    },
    Buffer.from(
      crlf(
        '---- Original email message ----',
        'From: jyk@whzx.example',
        'To: whzx@intake.example',
        'Subject: =?UTF-8?B?' +
          Buffer.from('转发：LIS无法接收医嘱', 'utf8').toString('base64') +
          '?=',
        'Date: Thu, 03 Dec 2026 10:20:00 +0800',
        'Message-ID: <forward-line-1@fixtures.weibao.example>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        text,
      ),
      'utf8',
    ),
  );
}

for (const { raw, expected } of fixtures) writeFileSync(path.join(here, expected.file), raw);
writeFileSync(
  path.join(here, 'expected.json'),
  `${JSON.stringify(
    fixtures.map((f) => f.expected),
    null,
    2,
  )}\n`,
);
console.log(`wrote ${fixtures.length} fixtures and expected.json to ${here}`);
