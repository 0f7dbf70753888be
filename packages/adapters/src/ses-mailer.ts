import { SendEmailCommand, type MessageHeader, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '@weibao/usecases';

/**
 * Headers SES writes itself, which SendEmail with Simple content refuses as custom headers. SES also
 * replaces any Message-ID with its own, with Simple and Raw content alike: our Message-ID is the
 * one SES assigns, built from the MessageId that send() returns (see sesMessageIdHeader).
 */
const sesOwnedHeaders = new Set(
  [
    'bcc',
    'cc',
    'content-disposition',
    'content-transfer-encoding',
    'content-type',
    'date',
    'from',
    'message-id',
    'mime-version',
    'reply-to',
    'return-path',
    'subject',
    'to',
  ].map((h) => h.toLowerCase()),
);

/**
 * A header value as weibao writes it: one line. CR, LF and every other control character (and
 * the Unicode line and paragraph separators) become a space, so text that came from outside (an
 * inbound subject decoded from RFC 2047, a ticket title) can never start a header of its own.
 */
export function headerText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** An address fit for a header: no control characters, separators or brackets in it. */
const plainAddress =
  // eslint-disable-next-line no-control-regex
  /^[^\s\u0000-\u001f\u007f-\u009f,;<>"()[\]\\]+@[^\s\u0000-\u001f\u007f-\u009f,;<>"()[\]\\@]+$/;

function addresses(list: readonly string[]): string[] {
  for (const a of list)
    if (!plainAddress.test(a)) throw new Error(`not a plain e-mail address: ${JSON.stringify(a)}`);
  return [...list];
}

/** Printable ASCII without colon for names, printable ASCII (and spaces) for values: SES's rules. */
const headerName = /^[\x21-\x39\x3b-\x7e]{1,126}$/;
const headerValue = /^[\x20-\x7e]{0,995}$/;

function customHeaders(headers: Record<string, string> | undefined): MessageHeader[] | undefined {
  if (!headers || Object.keys(headers).length === 0) return undefined;
  return Object.entries(headers).map(([Name, Value]) => {
    if (sesOwnedHeaders.has(Name.toLowerCase()))
      throw new Error(
        `header ${Name} is set by SES itself; for threading use the messageId send() returns`,
      );
    const value = headerText(Value);
    if (!headerName.test(Name) || !headerValue.test(value) || Name.length + value.length > 996)
      throw new Error(`header ${Name} must be printable ASCII within SES's length limits`);
    return { Name, Value: value };
  });
}

/**
 * The Message-ID header SES gives a message it accepted: `<MessageId@email.amazonses.com>` in
 * us-east-1, `<MessageId@<region>.amazonses.com>` elsewhere. Replies carry it in In-Reply-To.
 */
export function sesMessageIdHeader(messageId: string, region: string): string {
  const domain = region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;
  return `<${messageId}@${domain}>`;
}

/**
 * Outgoing mail through SES v2 SendEmail with Simple content: SES builds the MIME (UTF-8 subject
 * and parts, encoded as needed), and custom headers (In-Reply-To, References, X-…) go along, which
 * is all threading needs from us. Raw MIME would buy nothing here: SES overrides Message-ID there too.
 */
export function makeSesMailer(client: SESv2Client, from: string): Mailer {
  return {
    async send(message) {
      if (message.to.length === 0) throw new Error('a message needs at least one recipient');
      const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
      const headers = customHeaders(message.headers);
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: {
            ToAddresses: addresses(message.to),
            ...(message.cc?.length ? { CcAddresses: addresses(message.cc) } : {}),
          },
          ...(message.replyTo?.length ? { ReplyToAddresses: addresses(message.replyTo) } : {}),
          Content: {
            Simple: {
              Subject: utf8(headerText(message.subject)),
              Body: {
                Text: utf8(message.text),
                ...(message.html !== undefined ? { Html: utf8(message.html) } : {}),
              },
              ...(headers ? { Headers: headers } : {}),
            },
          },
        }),
      );
      if (!result.MessageId) throw new Error('SES accepted the message but returned no MessageId');
      return { messageId: result.MessageId };
    },
  };
}
