import { linkKeyFromEnv } from '@weibao/adapters';
import type { FileDeps, LinkKey, QrLinkDeps, TicketDeps } from '@weibao/usecases';
import { filesDeps } from './evaluation-deps.ts';
import { signedLinkDeps } from './notice-deps.ts';
import { oncePerFunction } from './per-function.ts';
import { ticketDeps } from './ticket-deps.ts';

/** 扫码报修 links: the store, the link key and the web app's report form of such a link. */
export const qrLinkDeps = oncePerFunction((): QrLinkDeps => {
  const webOrigin = (process.env.WEB_ORIGIN ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  return { ...signedLinkDeps(), qrLinkUrl: (token) => `${webOrigin}/r/${token}` };
});

/** A photo through a QR link: the link key and the files bucket. */
export const qrUploadDeps = oncePerFunction((): FileDeps & { linkKey: LinkKey } => ({
  ...filesDeps(),
  linkKey: linkKeyFromEnv(),
}));

/** A report through a QR link: what opening a ticket needs, and the link key. */
export const qrReportDeps = oncePerFunction((): TicketDeps & { linkKey: LinkKey } => ({
  ...ticketDeps(),
  linkKey: linkKeyFromEnv(),
}));
