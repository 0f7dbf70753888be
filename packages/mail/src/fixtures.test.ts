import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  zammadCorpusDir as fixtures,
  zammadCorpusMissing,
  zammadCorpusPresent,
} from '../../../test/support/mail-corpus.ts';
import { textFromHtml } from './html-text.ts';
import { sanitiseHtml } from './sanitise-html.ts';

/**
 * The 52 raw messages of Zammad's parser tests (see shared/fixtures/mail/README.md), each run
 * through the real `weibao mail parse` and compared with what Zammad read from it. A plain clone
 * has no corpus: then this file says so in one line and skips (own-fixtures.test.ts still runs).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
if (!zammadCorpusPresent) console.warn(`Skipped the Zammad fixture tests: ${zammadCorpusMissing}`);

interface Expectation {
  file: string;
  from_email: string;
  from_display_name: string;
  subject: string | null;
  content_type: 'text/plain' | 'text/html';
  body: string;
}

/** The CLI's JSON, the fields this test reads. */
interface CliMail {
  from: { address: string; name: string } | null;
  subject: string | null;
  fullText: string;
  html: string | null;
}

/**
 * Where Zammad's expectation records a bug of Zammad's, we assert our own reading instead and
 * say why. Subjects all match.
 */
const KNOWN_DIFFERENCES: Readonly<
  Record<string, { address?: string; name?: string; reason: string }>
> = {
  'mail035.box': {
    address: 'finances8@firstfinanceloanfirm.example.com',
    reason:
      'From: "finances8@…" is a quoted string and no angle address; Zammad keeps the quotes ' +
      'in the address, we read the address inside them',
  },
  'mail065.box': {
    name: 'Bürling, Andreas',
    reason:
      'From: =?iso-8859-1?Q?B=FCrling,=20Andreas?= is one encoded word; Zammad splits it at ' +
      'the comma inside and keeps the undecoded half "=20Andreas?="',
  },
  'mail087.box': {
    address: 'test@example.com',
    name: 'Test',
    reason:
      'From: Test test@example.com (no angle brackets); Zammad takes the whole value as ' +
      'address and as name, we read the phrase as name and the addr-spec as address',
  },
};

/** Whitespace differs between any two HTML-to-text conversions; the words must not. */
const withoutWhitespace = (text: string): string => text.replace(/\s+/g, '');

function expectedBody(expectation: Expectation): string {
  if (expectation.body === 'no visible content') return '';
  if (expectation.content_type === 'text/html') return textFromHtml(sanitiseHtml(expectation.body));
  return expectation.body;
}

function ourBody(mail: CliMail, expectation: Expectation): string {
  if (expectation.content_type === 'text/html' && mail.html !== null)
    return textFromHtml(mail.html);
  return mail.fullText;
}

const run = promisify(execFile);

async function parseWithCli(file: string): Promise<CliMail> {
  const { stdout } = await run(
    'node',
    ['packages/cli/bin/weibao.js', 'mail', 'parse', path.join(fixtures, file)],
    { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as CliMail;
}

/** Runs `work` over the items, at most `limit` at a time, keeping their order. */
async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += limit) {
    results.push(...(await Promise.all(items.slice(start, start + limit).map(work))));
  }
  return results;
}

describe.skipIf(!zammadCorpusPresent)('weibao mail parse over the Zammad fixtures', () => {
  const expectations = zammadCorpusPresent
    ? (JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as Expectation[])
    : [];

  it('has an expectation for every fixture file', () => {
    const files = readdirSync(fixtures).filter((name) => name.endsWith('.box'));
    expect(expectations.map((expectation) => expectation.file).sort()).toEqual(files.sort());
  });

  it('reads every file without a crash, with the sender and subject Zammad read or a known better one', async () => {
    // Act
    const mails = await inBatches(expectations, 8, (expectation) => parseWithCli(expectation.file));

    // Assess
    const rows = expectations.map((expectation, index) => {
      const mail = mails[index] as CliMail;
      const known = KNOWN_DIFFERENCES[expectation.file];
      return {
        file: expectation.file,
        address: mail.from?.address ?? '',
        name: mail.from?.name ?? '',
        subject: mail.subject,
        expectedAddress: known?.address ?? expectation.from_email,
        expectedName: known?.name ?? expectation.from_display_name,
        expectedSubject: expectation.subject,
        zammadAddress: expectation.from_email,
        zammadName: expectation.from_display_name,
        bodyMatches:
          withoutWhitespace(ourBody(mail, expectation)) ===
          withoutWhitespace(expectedBody(expectation)),
      };
    });
    const count = (test: (row: (typeof rows)[number]) => boolean): number =>
      rows.filter(test).length;
    const bodyMatches = count((row) => row.bodyMatches);
    console.log(
      [
        `Zammad fixtures: ${rows.length} messages`,
        `sender address as Zammad: ${count((row) => row.address === row.zammadAddress)}`,
        `sender name as Zammad: ${count((row) => row.name === row.zammadName)}`,
        `subject as Zammad: ${count((row) => row.subject === row.expectedSubject)}`,
        `body as Zammad: ${bodyMatches}/${rows.length} (${((100 * bodyMatches) / rows.length).toFixed(1)}%)`,
        `bodies that differ: ${rows
          .filter((row) => !row.bodyMatches)
          .map((row) => row.file)
          .join(', ')}`,
      ].join('\n'),
    );
    expect(
      rows.map(({ file, address, name, subject }) => ({ file, address, name, subject })),
    ).toEqual(
      rows.map(({ file, expectedAddress, expectedName, expectedSubject }) => ({
        file,
        address: expectedAddress,
        name: expectedName,
        subject: expectedSubject,
      })),
    );
    // Every known difference is still one: the table holds no stale entry
    for (const [file, known] of Object.entries(KNOWN_DIFFERENCES)) {
      const row = rows.find((candidate) => candidate.file === file);
      expect(
        known.address !== row?.zammadAddress || known.name !== row?.zammadName,
        `${file} matches Zammad now; drop it from KNOWN_DIFFERENCES`,
      ).toBe(true);
    }
    // Measured 46 of 52. The six that differ, each for a reason of Zammad's: mail019, 047 and
    // 049 (Zammad keeps the <title> text, which no reader sees), mail021 (Zammad maps &lang; to
    // U+2329, HTML5 to U+27E8), mail085 (Apple Mail's second HTML part: Zammad makes it an
    // attachment, we show it) and mail087 (a part with no Content-Type is text/plain by RFC 2045;
    // Zammad makes it an attachment and finds no body)
    expect(bodyMatches).toBeGreaterThanOrEqual(46);
  }, 120_000);
});
