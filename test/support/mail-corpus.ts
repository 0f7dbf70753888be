import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Zammad's 52 raw messages with what Zammad read from each: third-party test data that lives
 * beside the repository (`../shared/fixtures/mail/zammad`, as CI checks it out), not in it. The
 * project's own fixtures (packages/mail/src/__fixtures__) test the parser without it.
 * WEIBAO_MAIL_CORPUS names another place (a git worktree has no ../shared of its own).
 */
export const zammadCorpusDir = path.resolve(
  process.env.WEIBAO_MAIL_CORPUS ||
    path.join(repoRoot, '..', 'shared', 'fixtures', 'mail', 'zammad'),
);

/** Whether the corpus is there: its expectations file is what every reader of it needs. */
export const zammadCorpusPresent = existsSync(path.join(zammadCorpusDir, 'expected.json'));

/** The one line a test or benchmark prints when it cannot use the corpus. */
export const zammadCorpusMissing =
  `the Zammad mail corpus is not at ${zammadCorpusDir} (third-party test data kept beside ` +
  'the repository in ../shared, as CI has it; or set WEIBAO_MAIL_CORPUS)';
