import { writeFile } from 'node:fs/promises';
import { systemClock } from '@weibao/adapters';
import { allHospitals, contractById, type Db } from '@weibao/store';
import {
  AppError,
  documentKinds,
  makeContractDocument,
  storedDocumentSources,
  type DocumentKind,
} from '@weibao/usecases';
import { UsageError, type Command } from '../command.ts';
import {
  hospitalOption,
  parseOptions,
  tableTarget,
  tableTargetHelp,
  unreachable,
} from '../table-target.ts';

const usage = [
  `npx weibao doc <${documentKinds.join('|')}> --contract ID --quarter N --out FILE.docx [--hospital ID] [--vendor NAME] [--endpoint URL]`,
  '',
  '  evaluation    维保服务评价报告 (附件1) of the quarter, counts and deductions from the ledger',
  '  inspection    巡检单 of the quarter, 一式两份',
  '  deliverables  项目提交物清单 of the quarter',
  '  deductions    扣款明细 of the quarter: each ledger entry with ticket, clause, amount, disputes',
  '',
  'Quarters count from the contract start (服务期每三个月). Without --hospital the contract is',
  'looked up in every hospital. --endpoint: a DynamoDB endpoint (else as below).',
  '',
  tableTargetHelp,
].join('\n');

/** The hospital that holds the contract: the one named, or the first of all hospitals that has it. */
async function hospitalOfContract(db: Db, contractId: string, named?: string): Promise<string> {
  if (named) return named;
  let cursor: string | undefined;
  do {
    const page = await allHospitals(db, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const h of page.items) {
      if (await contractById(db, h.id, contractId)) return h.id;
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  throw new UsageError(
    `no hospital has contract ${contractId}; check the id (the web app shows it on the contract page) or name the hospital with --hospital ID`,
  );
}

/** Writes one quarterly document of a contract as DOCX, filled from the table. */
export const command: Command = {
  summary:
    'Write a quarterly document of a contract as DOCX: evaluation report, inspection sheet, deliverables list or deduction statement.',
  usage,
  async run(args) {
    const [kind, ...rest] = args;
    if (!kind || !documentKinds.includes(kind as DocumentKind)) {
      throw new UsageError(
        `say which document: ${documentKinds.join(', ')}${kind ? ` (not "${kind}")` : ''}; usage: ${usage}`,
      );
    }
    const options = parseOptions(
      rest,
      ['contract', 'quarter', 'out', 'hospital', 'vendor', 'endpoint'],
      usage,
    );
    const contractId = options.contract;
    if (!contractId) throw new UsageError(`name the contract with --contract ID; usage: ${usage}`);
    if (!options.quarter || !/^[1-9]\d{0,2}$/.test(options.quarter)) {
      throw new UsageError(
        `give the contract quarter as --quarter N (1 for the first three months of the term)${options.quarter ? `, not "${options.quarter}"` : ''}`,
      );
    }
    if (!options.out) throw new UsageError(`say where to write it with --out FILE.docx`);
    const named = options.hospital ? hospitalOption(options.hospital, usage) : undefined;
    const target = tableTarget(
      options.endpoint
        ? { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: options.endpoint }
        : process.env,
    );
    try {
      console.error(`weibao doc: ${target.describe}`);
      const hospitalId = await hospitalOfContract(target.db, contractId, named);
      const render = makeContractDocument(
        { db: target.db, clock: systemClock },
        storedDocumentSources(options.vendor ?? null),
      );
      const doc = await render(
        hospitalId,
        contractId,
        kind as DocumentKind,
        Number(options.quarter),
      );
      await writeFile(options.out, doc.bytes, { mode: 0o600 });
      console.error(
        `weibao doc: ${kind} of contract ${contractId} (hospital ${hospitalId}), quarter ${options.quarter}: ${doc.bytes.length} bytes in ${options.out}`,
      );
      return 0;
    } catch (err) {
      if (err instanceof AppError && (err.kind === 'not-found' || err.kind === 'invalid')) {
        throw new UsageError(
          err.kind === 'not-found'
            ? `${err.message} in hospital ${named}; check --hospital and --contract`
            : err.message,
        );
      }
      if (unreachable(err)) {
        throw new UsageError(
          `cannot read ${target.describe}: start the local stack with npm start or pass --endpoint URL (or set TABLE_NAME for AWS)`,
        );
      }
      throw err;
    } finally {
      target.close();
    }
  },
};
