import { timingSafeEqual } from 'node:crypto';
import type { MailVerdicts } from '@weibao/store';
import type { LinkKey } from '../ports.ts';

/**
 * A reply may act as the vendor (响应, resolution, anything a vendor event does) only when it is
 * authenticated: any mail server can write `From: engineer@vendor.example`, and ticket numbers are
 * sequential. What authenticates it is the per-recipient reply address weibao gave out
 * (`<intake>+<token>@<intake domain>`, the token an HMAC of the signed-link key over the purpose,
 * the ticket and the recipient) and, SES's verdicts on the sender's domain (SPF and DKIM PASS,
 * DMARC not FAIL). The local SMTP intake passes every verdict, so there the token decides alone.
 */

const purpose = 'vendor-reply';
/** 128 bits of the HMAC: enough against guessing, short enough for a mail address's local part. */
const tokenBytes = 16;

function tokenData(ticketId: string, recipient: string): Buffer {
  return Buffer.from(`${purpose}\n${ticketId}\n${recipient.trim().toLowerCase()}`, 'utf8');
}

/** The token of the reply address for one recipient of mail about one ticket. */
export async function vendorReplyToken(
  key: LinkKey,
  ticketId: string,
  recipient: string,
): Promise<string> {
  const mac = await key.sign(tokenData(ticketId, recipient));
  // base64url holds '-' and '_', both allowed in a local part; lower case would lose bits.
  return mac.subarray(0, tokenBytes).toString('base64url');
}

/** `whzx+<token>@intake.example`: where the recipient's reply about the ticket goes. */
export async function vendorReplyAddress(
  key: LinkKey,
  m: { intakeLocalPart: string; intakeDomain: string; ticketId: string; recipient: string },
): Promise<string> {
  const token = await vendorReplyToken(key, m.ticketId, m.recipient);
  return `${m.intakeLocalPart}+${token}@${m.intakeDomain}`;
}

/** `whzx+abc` → the intake's local part and the token after the first '+', if any. */
export function splitIntakeLocalPart(localPart: string): {
  localPart: string;
  token: string | null;
} {
  const plus = localPart.indexOf('+');
  if (plus < 0) return { localPart, token: null };
  return { localPart: localPart.slice(0, plus), token: localPart.slice(plus + 1) || null };
}

/** Whether one of the tokens the mail was addressed with is the one for this ticket and sender. */
export async function carriesVendorReplyToken(
  key: LinkKey | undefined,
  tokens: readonly string[],
  ticketId: string,
  sender: string,
): Promise<'valid' | 'invalid' | 'absent' | 'no-key'> {
  if (tokens.length === 0) return 'absent';
  if (!key) return 'no-key';
  const expected = Buffer.from(await vendorReplyToken(key, ticketId, sender), 'utf8');
  const match = tokens.some((t) => {
    const given = Buffer.from(t, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? 'valid' : 'invalid';
}

export interface VendorReplyEvidence {
  /** The From address is vendor staff in the directory. */
  senderIsVendorStaff: boolean;
  /** What the reply address's token says (carriesVendorReplyToken). */
  token: 'valid' | 'invalid' | 'absent' | 'no-key';
  verdicts: Pick<MailVerdicts, 'spf' | 'dkim' | 'dmarc'>;
}

export interface VendorReplyDecision {
  /** The reply may act as the vendor. */
  authenticated: boolean;
  /** Why not (empty when authenticated); recorded on the event so a person can judge it. */
  reasons: string[];
}

/** The one decision: vendor-authenticated or not, with every reason it is not. */
export function vendorReplyAuthentication(e: VendorReplyEvidence): VendorReplyDecision {
  const reasons: string[] = [];
  if (!e.senderIsVendorStaff) reasons.push('the sender is not vendor staff');
  if (e.token === 'absent') reasons.push('not sent to a signed reply address');
  if (e.token === 'invalid')
    reasons.push('the reply address is not the one signed for this ticket and sender');
  if (e.token === 'no-key') reasons.push('no signing key to check the reply address with');
  if (e.verdicts.spf !== 'PASS') reasons.push(`SPF ${e.verdicts.spf}`);
  if (e.verdicts.dkim !== 'PASS') reasons.push(`DKIM ${e.verdicts.dkim}`);
  if (e.verdicts.dmarc === 'FAIL') reasons.push('DMARC FAIL');
  return { authenticated: reasons.length === 0, reasons };
}
