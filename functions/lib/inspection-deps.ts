import { linkKeyFromEnv } from '@weibao/adapters';
import type { InspectionDeps } from '@weibao/usecases';
import { planningDeps } from './obligation-deps.ts';
import { oncePerFunction } from './per-function.ts';

/** Signing links of inspections: the store, the link key and the web app's page of such a link. */
export const inspectionLinkDeps = oncePerFunction(
  (): Pick<InspectionDeps, 'db' | 'clock' | 'ids' | 'linkKey' | 'inspectionLinkUrl'> => {
    const webOrigin = (process.env.WEB_ORIGIN ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
    return {
      ...planningDeps(),
      linkKey: linkKeyFromEnv(),
      inspectionLinkUrl: (token) => `${webOrigin}/links/inspection/${token}`,
    };
  },
);

/** A signature through a link: the link key, and the reminder schedules a signed record stops. */
export const inspectionSigningDeps = oncePerFunction(
  (): Pick<InspectionDeps, 'db' | 'clock' | 'ids' | 'linkKey' | 'schedules' | 'logger'> => ({
    ...planningDeps(),
    linkKey: linkKeyFromEnv(),
  }),
);
