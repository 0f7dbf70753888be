import { readFile, stat } from 'node:fs/promises';
import { UnreadableMailError, parseMail, type ParsedMail } from '@weibao/mail';
import { UsageError, type Command } from '../command.ts';

/** The JSON the command prints: the parsed mail, attachments without their bytes. */
export function mailJson(mail: ParsedMail): object {
  return {
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    date: mail.date,
    text: mail.text,
    fullText: mail.fullText,
    html: mail.html,
    attachments: mail.attachments.map(({ filename, contentType, size }) => ({
      filename,
      contentType,
      size,
    })),
    autoReply: mail.autoReply,
    ticketRef: mail.ticketRef,
    proposedSeverity: mail.proposedSeverity,
  };
}

async function readMessageFile(file: string): Promise<Buffer> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new UsageError(`${file}: no such file`);
  if (!info.isFile()) throw new UsageError(`${file}: not a file (a directory?)`);
  return readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`${file}: cannot read it (${err.code ?? err.message})`);
  });
}

async function parse(file: string): Promise<number> {
  const raw = await readMessageFile(file);
  try {
    const mail = await parseMail(raw);
    process.stdout.write(`${JSON.stringify(mailJson(mail), null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UnreadableMailError) throw new UsageError(`${file}: ${err.message}`);
    throw err;
  }
}

export const command: Command = {
  summary: 'Read an email as the intake does: prints its parsed fields as one JSON object.',
  usage: 'npx weibao mail parse FILE.eml',
  async run(args) {
    const [action, file, ...extra] = args;
    if (action !== 'parse') {
      throw new UsageError(`unknown action "${action ?? ''}"; usage: ${this.usage}`);
    }
    if (!file || extra.length > 0) throw new UsageError(`give one file; usage: ${this.usage}`);
    return parse(file);
  },
};
