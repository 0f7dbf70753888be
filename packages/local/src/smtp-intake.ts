import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { ulid } from 'ulid';
import { sesReceiptEvent } from '@weibao/api';
import { LocalStackError, portTakenMessage } from './preflight.ts';

/** SES's limit on a received message, headers and attachments included. */
export const sesMaxMessageBytes = 40 * 1024 * 1024;

export interface SmtpIntakeOptions {
  port: number;
  basePort?: number;
  /** Mail for other domains is refused at RCPT TO, as SES refuses domains it does not receive for. */
  intakeDomain: string;
  /** Where the raw message goes first: the mail bucket in s3rver under `prefix`. */
  s3: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  bucket: string;
  prefix: string;
  /** Default 40 MB (SES); over it the message is answered 552. */
  maxMessageBytes?: number;
  /** Runs the intake handler with the SES event, as the receipt rule's Lambda action would. */
  invoke(event: unknown): Promise<unknown>;
  /** The stack's clock (epoch ms) for the receipt time; default the machine's. */
  now?: () => number;
  functionArn: string;
  log?: (line: string) => void;
}

export interface SmtpIntake {
  /** smtp://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** An SMTP reply with a status code: 4xx the sender's server retries, 5xx it bounces. */
function reply(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

function headerBlock(raw: Buffer): { name: string; value: string }[] {
  const end = raw.indexOf('\r\n\r\n');
  const text = raw
    .subarray(0, end === -1 ? Math.min(raw.length, 64 * 1024) : end)
    .toString('latin1');
  return text
    .split(/\r?\n(?![ \t])/)
    .map((line) => /^([^:\s]+):\s*([\s\S]*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1] as string, value: (m[2] as string).replace(/\r?\n[ \t]+/g, ' ') }));
}

/**
 * SES's receiving side on this machine: an SMTP server on 127.0.0.1 that stores each message in
 * S3, then runs the intake handler with the event a receipt rule would send. 250 is answered
 * only when both succeeded, so a message is never acknowledged and then lost: storage down is
 * 451 (the sender's server tries again later), too large is 552 (it bounces).
 */
export async function startSmtpIntake(options: SmtpIntakeOptions): Promise<SmtpIntake> {
  const maxBytes = options.maxMessageBytes ?? sesMaxMessageBytes;
  const domain = `@${options.intakeDomain.toLowerCase()}`;
  const s3 = new S3Client({
    endpoint: options.s3.endpoint,
    region: options.s3.region,
    credentials: options.s3.credentials,
    forcePathStyle: true,
    maxAttempts: 2,
  });
  const log = options.log ?? (() => undefined);

  const server = new SMTPServer({
    name: 'weibao-local-intake',
    banner: 'weibao local mail intake (SES stand-in)',
    size: maxBytes,
    // Loopback only, no accounts: like SES's inbound endpoint, anyone may deliver to our domain.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Stopping waits this long for open sessions, not the default 30 s.
    closeTimeout: 1_000,
    onRcptTo(address, _session, callback) {
      if (!address.address.toLowerCase().endsWith(domain))
        return callback(
          reply(550, `5.1.1 <${address.address}>: this server takes mail for ${domain} only`),
        );
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        // Over the limit: let go of what was kept (up to 40 MB) and only count the rest.
        if (stream.sizeExceeded) chunks.length = 0;
        else chunks.push(chunk);
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(reply(552, `5.3.4 message exceeds the fixed maximum size of ${maxBytes} bytes`));
          return;
        }
        deliver(Buffer.concat(chunks), session).then(
          (id) => callback(null, `2.0.0 Ok: queued as ${id}`),
          (err: Error & { responseCode?: number }) => callback(err),
        );
      });
    },
  });

  async function deliver(raw: Buffer, session: SMTPServerSession): Promise<string> {
    const messageId = ulid().toLowerCase();
    const receivedAt = new Date((options.now ?? Date.now)()).toISOString();
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: `${options.prefix}${messageId}`,
          Body: raw,
          ContentType: 'message/rfc822',
        }),
      );
    } catch (err) {
      log(`[smtp] storing ${messageId} failed, answered 451: ${(err as Error).message}`);
      throw reply(451, '4.3.0 the message could not be stored; try again later');
    }
    const from = session.envelope.mailFrom;
    const event = sesReceiptEvent({
      messageId,
      receivedAt,
      from: from ? from.address : '',
      recipients: session.envelope.rcptTo.map((r) => r.address),
      headers: headerBlock(raw),
      functionArn: options.functionArn,
    });
    try {
      await options.invoke(event);
    } catch (err) {
      // Stored, but not taken in: the sender delivers again and the intake, idempotent, finishes.
      log(`[smtp] intake of ${messageId} failed, answered 451: ${(err as Error).message}`);
      throw reply(451, '4.3.0 the message could not be taken in; try again later');
    }
    return messageId;
  }

  const port = await new Promise<number>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new LocalStackError(
              portTakenMessage(options.port, 'SMTP intake', options.basePort ?? options.port),
            )
          : err,
      );
    server.server.once('error', onError);
    server.server.listen({ port: options.port, host: '127.0.0.1', exclusive: true }, () => {
      server.server.removeListener('error', onError);
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  // Errors after start (a client resetting its connection) must not crash the stack.
  server.on('error', (err) => log(`[smtp] ${err.message}`));
  return {
    endpoint: `smtp://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          s3.destroy();
          resolve();
        });
      }),
  };
}
