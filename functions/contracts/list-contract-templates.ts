import { routeById } from '@weibao/api';
import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import { httpHandler } from '../lib/http.ts';

const templates = [seedCpoeTemplate];

/** Each template filled with the seed's total and today's date as an example to edit. */
export const handler = httpHandler(routeById('listContractTemplates'), async (_req, deps) => {
  const today = deps.clock.now().toISOString().slice(0, 10);
  return {
    items: templates.map((t) => ({
      id: t.id,
      name: t.name,
      termMonths: t.termMonths,
      example: contractFromTemplate(t, { totalFen: 18_800_000, signedOn: today }),
    })),
  };
});
