import { writeFile } from 'node:fs/promises';
import { UsageError, type Command } from '../command.ts';
import { awsRestoreDrill, DrillSetupError, localRestoreDrill } from '../restore-drill/drill.ts';
import { formatReport, workRecordBody } from '../restore-drill/report.ts';
import { parseOptions, tableTarget, tableTargetHelp, unreachable } from '../table-target.ts';

const usage = [
  'npx weibao restore-drill [--out REPORT.txt] [--work-record FILE.json [--obligation ID]] [--endpoint URL]',
  '',
  '数据恢复测试 (定期备份系统数据，并进行数据恢复测试): restore the table into a new one, compare item',
  'counts per hospital, verify every hospital’s audit chain on the copy, delete the copy, and',
  'print the report (exit code 0 pass, 1 fail).',
  '',
  '  On AWS (TABLE_NAME set, no endpoint): point-in-time restore into <table>-drill-<time>,',
  '  with the source table’s KMS key; needs dynamodb:DescribeTable, DescribeContinuousBackups,',
  '  RestoreTableToPointInTime, Query, Scan, GetItem and DeleteTable on the copy, and the key.',
  '  Locally (an endpoint): every hospital exported and imported into a scratch table.',
  '',
  '  --out FILE          the report as text (attach it to the work record)',
  '  --work-record FILE  the body of POST /api/hospitals/{id}/contracts/{id}/work-records:',
  '                      a restore-test work record with the result, duration and report',
  '  --obligation ID     the obligation it proves, e.g. backup-restore-test-1 (in the work record)',
  '  --endpoint URL      a DynamoDB endpoint (else as below)',
  '',
  tableTargetHelp,
].join('\n');

export const command: Command = {
  summary:
    'Restore drill: restore the table into a copy, compare counts per hospital, verify every audit chain, delete the copy, print the report.',
  usage,
  async run(args) {
    const options = parseOptions(args, ['out', 'work-record', 'obligation', 'endpoint'], usage);
    // The API's obligationIdSchema: ids come from the plan (backup-restore-test-1, …).
    if (options.obligation && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(options.obligation))
      throw new UsageError(
        `"${options.obligation}" is not an obligation id (like backup-restore-test-1, as the obligations calendar shows it)`,
      );
    if (options.obligation && !options['work-record'])
      throw new UsageError('--obligation goes into the work record: add --work-record FILE.json');
    const target = tableTarget(
      options.endpoint
        ? { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: options.endpoint }
        : process.env,
    );
    try {
      console.error(`weibao restore-drill: ${target.describe}`);
      const drill = target.endpoint ? localRestoreDrill : awsRestoreDrill;
      const report = await drill({
        source: target.db,
        sourceLabel: target.describe,
        log: (line) => console.error(`weibao restore-drill: ${line}`),
      });
      const text = formatReport(report);
      console.log(text);
      if (options.out) {
        await writeFile(options.out, `${text}\n`, { mode: 0o600 });
        console.error(`weibao restore-drill: report in ${options.out}`);
      }
      if (options['work-record']) {
        const body = workRecordBody(report, options.obligation ?? null);
        await writeFile(options['work-record'], `${JSON.stringify(body, null, 2)}\n`, {
          mode: 0o600,
        });
        console.error(
          `weibao restore-drill: work record in ${options['work-record']}: POST it to /api/hospitals/{hospitalId}/contracts/{contractId}/work-records (Content-Type: application/json) as a vendor user, or enter it in the web app’s 工作记录 form`,
        );
      }
      return report.pass ? 0 : 1;
    } catch (err) {
      if (err instanceof DrillSetupError) throw new UsageError(err.message);
      if ((err as { name?: string }).name === 'AccessDeniedException')
        throw new UsageError(
          `AWS refused: ${(err as Error).message}; the drill needs the permissions listed in npx weibao restore-drill --help`,
        );
      if (unreachable(err))
        throw new UsageError(
          `cannot read ${target.describe}: start the local stack with npm start (with the same PORT), or set TABLE_NAME for AWS`,
        );
      throw err;
    } finally {
      target.close();
    }
  },
};
