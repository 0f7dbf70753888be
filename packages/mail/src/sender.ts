import { isUsableAddress, mailboxesOf, type MailAddress } from './mail-address.ts';

/**
 * Who wrote the message, as the ticket's reporter: the first usable mailbox of the `From`
 * headers (spam and broken clients send several, the first one sometimes empty or `[??????]`),
 * else of `Reply-To`, else whatever `From` names as an address even if we cannot answer it
 * (`MAILER-DAEMON`), else null. Values are header values after `normaliseMime`.
 */
export function senderOf(
  fromValues: readonly string[],
  replyToValues: readonly string[],
): MailAddress | null {
  const from = fromValues.flatMap(mailboxesOf);
  const replyTo = replyToValues.flatMap(mailboxesOf);
  return (
    from.find((mailbox) => isUsableAddress(mailbox.address)) ??
    replyTo.find((mailbox) => isUsableAddress(mailbox.address)) ??
    from.find((mailbox) => mailbox.address !== '') ??
    null
  );
}
