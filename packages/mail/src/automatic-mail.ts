/** Header fields by name in lower case; a field that occurs more than once has all its values. */
export type HeaderFields = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface AutomaticVerdict {
  automatic: boolean;
  /** Why, for the ticket's log and the quarantine, e.g. `Auto-Submitted: auto-replied`; null if not. */
  reason: string | null;
}

/** Field values by lower-case name, so that callers may pass names in any case. */
function fieldValues(headers: HeaderFields): (name: string) => string[] {
  const byName = new Map<string, string[]>();
  for (const [name, entry] of Object.entries(headers)) {
    if (entry === undefined) continue;
    const list = byName.get(name.toLowerCase()) ?? [];
    list.push(...(typeof entry === 'string' ? [entry] : entry).map((value) => value.trim()));
    byName.set(name.toLowerCase(), list);
  }
  return (name) => byName.get(name.toLowerCase()) ?? [];
}

/**
 * Subjects of out-of-office notices, auto-replies and bounces, at the start of the subject
 * (after any bracket), never anywhere in it, and 休假/外出 only as a notice (休假中, 【休假】):
 * a hospital may write "休假期间系统宕机".
 */
const AUTOMATIC_SUBJECT =
  /^[\s[【(（]*(?:自动回复|自動回覆|自动答复|(?:休假|外出)(?:中|通知|自动回复|[:：\]】])|Automatic reply|Auto(?:matic)?[- ]?(?:reply|response)|Autoreply|Out of (?:the )?Office|Undelivered Mail Returned to Sender|Undeliverable|Delivery Status Notification|Mail delivery failed|Returned mail|Delivery Failure|Failure Notice|系统退信|退信|投递失败|邮件投递失败|无法投递)/i;

const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster)(?:@|$)/i;

/**
 * Whether a message was sent by a machine, not a person: an auto-reply, an out-of-office
 * notice, a bounce or delivery report, or mailing-list mail. Such mail never opens a ticket and
 * never counts as the hospital's written report or the vendor's response (响应).
 */
export function isAutomatic(
  headers: HeaderFields,
  subject: string | null,
  from: { address: string } | null,
): AutomaticVerdict {
  const verdict = (reason: string): AutomaticVerdict => ({ automatic: true, reason });
  const values = fieldValues(headers);

  // RFC 3834: any value but "no" (parameters after ';' do not change the keyword)
  for (const value of values('auto-submitted')) {
    const keyword = (value.split(';')[0] ?? '').trim().toLowerCase();
    if (keyword !== '' && keyword !== 'no') return verdict(`Auto-Submitted: ${value}`);
  }
  for (const name of ['X-Autoreply', 'X-Autorespond']) {
    const [value] = values(name);
    if (value !== undefined && !/^no$/i.test(value)) return verdict(`${name}: ${value}`);
  }
  // Exchange stamps "DR, RN, NRN, OOF, AutoReply" on ordinary mail it relays (seen on a human
  // Thunderbird reply sent through Office 365), so only "All", which its own OOF replies and
  // notification systems send, marks a machine
  for (const value of values('x-auto-response-suppress')) {
    if (/\ball\b/i.test(value)) return verdict(`X-Auto-Response-Suppress: ${value}`);
  }
  for (const value of values('precedence')) {
    if (/^(?:bulk|junk|list|auto_reply)\b/i.test(value)) return verdict(`Precedence: ${value}`);
  }
  for (const name of ['List-Id', 'List-Unsubscribe']) {
    if (values(name).length > 0) return verdict(`${name} (mailing list)`);
  }
  for (const value of values('content-type')) {
    if (/^multipart\/report\b/i.test(value)) return verdict('multipart/report (delivery report)');
  }
  if (from && BOUNCE_SENDER.test(from.address)) return verdict(`bounce from ${from.address}`);
  const automaticSubject = AUTOMATIC_SUBJECT.exec(subject ?? '');
  if (automaticSubject) return verdict(`subject: ${automaticSubject[0].trim()}`);
  return { automatic: false, reason: null };
}
