import { useAuth } from './auth-context.tsx';

/**
 * A hospital's intake address as people mail it (whzx@tickets.vendor.com), from the domain in
 * /config.json; only the part before @ when the deployment does not say its domain.
 */
export function useIntakeAddress(): {
  domain: string | null;
  addressOf: (localPart: string) => string;
} {
  const { config } = useAuth();
  const domain = config.intakeDomain ?? null;
  return { domain, addressOf: (localPart) => (domain ? `${localPart}@${domain}` : localPart) };
}
