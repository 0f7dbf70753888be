import { roles, type Role } from '@weibao/domain';
import type { Directory, DirectoryEntry } from '@weibao/usecases';

/**
 * The people the mail intake recognises by address, from MAIL_DIRECTORY: a JSON array of
 * `{ email, name, role, sub?, hospitalId? }`. Locally the stack fills it with the demo users; on
 * AWS with the vendor staff of context `vendorStaffEmails` (docs/deploy.md). Unknown roles are
 * refused at start, so a typo cannot make someone vendor staff.
 */
export function directoryFromEnv(value: string | undefined): Directory {
  const entries = new Map<string, DirectoryEntry>();
  if (value) {
    const parsed = JSON.parse(value) as unknown;
    if (!Array.isArray(parsed)) throw new Error('MAIL_DIRECTORY must be a JSON array');
    for (const raw of parsed as Record<string, unknown>[]) {
      const email = String(raw.email ?? '')
        .trim()
        .toLowerCase();
      const role = String(raw.role ?? '') as Role;
      if (!email.includes('@') || !roles.includes(role))
        throw new Error(`MAIL_DIRECTORY entry ${JSON.stringify(raw)} needs an email and a role`);
      entries.set(email, {
        email,
        role,
        name: typeof raw.name === 'string' ? raw.name : email,
        sub: typeof raw.sub === 'string' ? raw.sub : `mail:${email}`,
        hospitalId: typeof raw.hospitalId === 'string' ? raw.hospitalId : null,
      });
    }
  }
  return { byEmail: (email) => entries.get(email.trim().toLowerCase()) };
}

/**
 * The vendor staff on AWS: their addresses, comma-separated, as the SSM parameter of context
 * `vendorStaffEmails` holds them (not an environment variable, whose 4 KB would end at about 34
 * people). Each is a support engineer named by the address, as MAIL_DIRECTORY entries default.
 */
export function vendorStaffDirectory(value: string | undefined): Directory {
  const emails = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return directoryFromEnv(
    JSON.stringify(emails.map((email) => ({ email, role: 'support-engineer' }))),
  );
}
