import { route } from '@weibao/api/routes/contracts';
import { contractFromTemplate, contractTemplates } from '@weibao/domain';
import { httpHandler } from '../lib/http.ts';

/** Each template filled with its default total (or the seed's) and today's date, as an example to edit. */
export const handler = httpHandler(route('listContractTemplates'), async (_req, deps) => {
  const today = deps.clock.now().toISOString().slice(0, 10);
  return {
    items: contractTemplates.map((t) => ({
      id: t.id,
      name: t.name,
      termMonths: t.termMonths,
      example: contractFromTemplate(t, {
        totalFen: t.defaultTotalFen ?? 18_800_000,
        signedOn: today,
      }),
    })),
  };
});
