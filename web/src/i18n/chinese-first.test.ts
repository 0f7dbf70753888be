import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en, zh } from './messages.ts';
import { strayWords } from './stray-words.ts';

/**
 * Chinese first (issue 18 item 1), checked at build time: in zh mode no text of the web app, no
 * hand-written text of a page and no text of a document template shows an English word that is not
 * a name people use in Chinese too (SLA, Excel, PDF, …), and no zh text is the English one left
 * untranslated. A new English sentence anywhere of these fails `npm test` with its place.
 */

/** A text of the tree as a screen shows it: functions are called with sample arguments. */
function rendered(leaf: unknown): string {
  if (typeof leaf !== 'function') return String(leaf);
  for (const sample of [1, '甲']) {
    try {
      const out = (leaf as (...a: unknown[]) => unknown)(sample, sample, sample);
      if (typeof out === 'string' && !/NaN|undefined|\[object/.test(out)) return out;
    } catch {
      // the other sample fits
    }
  }
  return '';
}

function leaves(tree: object, other: unknown, prefix = ''): [string, unknown, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const otherValue = (other as Record<string, unknown> | undefined)?.[key];
    return typeof value === 'object' && value !== null
      ? leaves(value as object, otherValue, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value, otherValue] as [string, unknown, unknown]];
  });
}

const repoRoot = new URL('../../../', import.meta.url);
const sources = (pattern: string) =>
  execFileSync('git', ['ls-files', pattern], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

/** JSX attributes whose string people read on the page. */
const shownAttributes = new Set([
  'title',
  'placeholder',
  'label',
  'alt',
  'aria-label',
  'okText',
  'cancelText',
  'message',
  'description',
  'tooltip',
  'extra',
  'help',
]);

/** Texts a person reads that a source file writes by hand, with their place. */
function handWrittenTexts(
  file: string,
  pick: (node: ts.Node) => string | null,
): { at: string; text: string }[] {
  const text = readFileSync(new URL(file, repoRoot), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: { at: string; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    const picked = pick(node);
    if (picked !== null) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ at: `${file}:${line}`, text: picked });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const stray = (texts: { at: string; text: string }[]) =>
  texts.flatMap(({ at, text }) => {
    const words = strayWords(text);
    return words.length > 0 ? [`${at} ${JSON.stringify(text)} → ${words.join(', ')}`] : [];
  });

describe('Chinese first, at build time', () => {
  it('shows no English word in any zh text of the web app, functions rendered with samples', () => {
    const found = leaves(zh, en).flatMap(([key, value]) => {
      const words = strayWords(rendered(value));
      return words.length > 0 ? [`${key}: ${words.join(', ')}`] : [];
    });
    expect(found).toEqual([]);
  });

  it('leaves no zh text the same as its English one, bar addresses and examples', () => {
    const same = leaves(zh, en).flatMap(([key, value, english]) => {
      const text = rendered(value);
      return /[A-Za-z]{2,}/.test(text) && text === rendered(english) && !/^https?:\/\//.test(text)
        ? [key]
        : [];
    });
    expect(same).toEqual([]);
  });

  it('writes no English by hand on a page: JSX text and the attributes people read', () => {
    const found = sources('web/src').flatMap((file) =>
      stray(
        handWrittenTexts(file, (node) => {
          if (ts.isJsxText(node)) return node.text.trim() || null;
          if (
            ts.isJsxAttribute(node) &&
            shownAttributes.has(node.name.getText()) &&
            node.initializer &&
            ts.isStringLiteral(node.initializer)
          ) {
            return node.initializer.text;
          }
          return null;
        }),
      ),
    );
    expect(found).toEqual([]);
  });

  it('puts no English into a document template: every text with Chinese in it is Chinese', () => {
    const found = sources('packages/usecases/src/documents').flatMap((file) =>
      stray(
        handWrittenTexts(file, (node) =>
          (ts.isStringLiteral(node) ||
            ts.isNoSubstitutionTemplateLiteral(node) ||
            ts.isTemplateHead(node) ||
            ts.isTemplateMiddle(node) ||
            ts.isTemplateTail(node)) &&
          /[\u4e00-\u9fff]/.test(node.text)
            ? node.text
            : null,
        ),
      ),
    );
    expect(found).toEqual([]);
  });

  it('catches what it is for: an English sentence, a stray word, an untranslated text', () => {
    expect(strayWords('milestone final pays against the audited total')).toHaveLength(7);
    expect(strayWords('尚缺：inspection-report, meeting-minutes')).toEqual([
      'inspection',
      'report',
      'meeting',
      'minutes',
    ]);
    expect(
      strayWords('SLA 时限（小时）· 导出 Excel · 读取 /config.json · it@whch.example'),
    ).toEqual([]);
    expect(rendered((n: number) => `已快进 ${n} 小时`)).toBe('已快进 1 小时');
  });
});
