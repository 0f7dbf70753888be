import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';
import { closeServer } from './listen.ts';
import { LocalStackError, portTakenMessage } from './preflight.ts';

export interface SesLocal {
  /** The SES v2 API endpoint; the inbox viewer is its root page. */
  endpoint: string;
  inboxUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** One email the SES stand-in received, as its GET /store lists it. */
export interface ReceivedEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  headers?: { name: string; value: string }[];
  /** Epoch seconds. */
  at: number;
}

// A CommonJS module with `exports.default`: Node hands ESM importers the exports object, Vite the function.
type StartSesServer = typeof sesModule;
const sesServer: StartSesServer =
  typeof sesModule === 'function'
    ? sesModule
    : (sesModule as unknown as { default: StartSesServer }).default;

/**
 * The account GetAccount answers with: aws-ses-v2-local reads it from AWS_SES_ACCOUNT and refuses
 * GetAccount without it. Sending enabled, out of the sandbox, as a production account would be.
 */
const localSesAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'ZH',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'weibao local stack',
    WebsiteURL: 'http://127.0.0.1',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

/** aws-ses-v2-local in this process; its inbox viewer lives at its root URL. */
export async function startSesLocal(options: {
  port: number;
  basePort?: number;
}): Promise<SesLocal> {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(localSesAccount);
  const server: Server = await sesServer({ host: '127.0.0.1', port: options.port });
  // Its listen resolves even when listening failed (the error goes to the callback it ignores).
  if (!server.listening) {
    throw new LocalStackError(
      portTakenMessage(options.port, 'SES (aws-ses-v2-local)', options.basePort ?? options.port),
    );
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const endpoint = `http://127.0.0.1:${port}`;
  return { endpoint, inboxUrl: `${endpoint}/`, port, stop: () => closeServer(server) };
}

/**
 * The emails the SES stand-in has received (all of them, or those since an epoch second). The
 * store is per process: every stack in one process shares it.
 */
export async function receivedEmails(
  sesEndpoint: string,
  since?: number,
): Promise<ReceivedEmail[]> {
  const url = new URL('/store', sesEndpoint);
  if (since !== undefined) url.searchParams.set('since', String(since));
  const res = await fetch(url);
  if (!res.ok) throw new Error(`SES stand-in answered ${res.status} to GET /store`);
  const { emails } = (await res.json()) as { emails: ReceivedEmail[] };
  return emails;
}

/** Empties the SES stand-in's inbox (and its templates). */
export async function clearInbox(sesEndpoint: string): Promise<void> {
  const res = await fetch(new URL('/clear-store', sesEndpoint), { method: 'POST' });
  if (!res.ok) throw new Error(`SES stand-in answered ${res.status} to POST /clear-store`);
}
