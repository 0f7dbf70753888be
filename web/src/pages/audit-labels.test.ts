import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, zh } from '../i18n/messages.ts';
import { auditActionLabel, auditEntityName } from './audit-labels.ts';

const useCases = join(import.meta.dirname, '../../../packages/usecases/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

/** Dotted names in the use cases that are not audit actions: keys, field paths, examples. */
const notActions = new Set([
  'a.b.c',
  'a.tar.gz',
  'qr-poster.docx',
  'assignee.email',
  'assignee.sub',
  'terms.renewal.count',
  'ticket.event',
  'ticket.link',
  'weibao.local-clock-offset-ms',
]);

/** Every audit action the use cases write: the dotted literals, and each family's members. */
function actionsTheCodeWrites(): string[] {
  const code = sources(useCases).join('\n');
  const literals = [...code.matchAll(/'([a-z][a-z-]*(?:\.[a-z][a-zA-Z-]*)+)'/g)]
    .map((m) => m[1] as string)
    .filter((a) => !notActions.has(a));
  // Field paths are templates too (path: `contracts.${i}`), not actions
  const families = new Set(
    [...code.matchAll(/(?<!path: )`([a-z.]+)\.\$\{/g)].map((m) => m[1] as string),
  );
  const members: Record<string, readonly string[]> = {
    // TicketEventType of @weibao/store, less what timers and the create write under names of their own
    ticket: [
      'comment',
      'response',
      'on-site-request',
      'on-site-arrival',
      'resolution',
      'resolution-target',
      'severity-change',
      'assignment',
      'attribution',
      'close',
      'reopen',
      'linked-report',
      'change-approval',
      'change-progress',
      'change-due-date',
      'pause',
      'resume',
      'pause-objection',
    ],
    payment: ['invoice-sent', 'invoice-received', 'paid', 'manual-decision', 'audit'],
    'evaluation.enter': ['serviceLevel', 'serviceQuality'],
    'ledger.dispute': ['raise', 'decide'],
    'evaluation.dispute': ['raise', 'decide'],
    // InspectionSigner of @weibao/domain
    'inspection.sign': ['department', 'it-center'],
  };
  // A new family written with a template must be listed here, with its members
  expect([...families].sort()).toEqual(Object.keys(members).sort());
  return [
    ...new Set([
      ...literals,
      ...Object.entries(members).flatMap(([f, ms]) => ms.map((m) => `${f}.${m}`)),
    ]),
  ];
}

describe('the audit log in Chinese', () => {
  it('names every action the use cases write in Chinese, and none by its machine name', () => {
    // Prepare
    const actions = actionsTheCodeWrites();

    // Act
    const labels = actions.map((a) => [a, auditActionLabel(a, zh)] as const);

    // Assess
    expect(actions.length).toBeGreaterThan(40);
    for (const [action, label] of labels) {
      expect(label, action).not.toBe(zh.audit.otherAction);
      expect(label, action).toMatch(/^[\u4e00-\u9fff（）·：、 A-Z]+$/u);
    }
    for (const a of actions) expect(auditActionLabel(a, en), a).not.toBe(en.audit.otherAction);
    expect(auditActionLabel('ticket.response', zh)).toBe('工单响应');
    expect(auditActionLabel('evaluation.enter.serviceLevel', zh)).toBe('录入服务水平评价');
    expect(auditActionLabel('something.new', zh)).toBe('其他操作');
  });

  it('names every kind of record the use cases audit in Chinese', () => {
    const types = new Set(
      [
        ...sources(useCases)
          .join('\n')
          .matchAll(/type: '([a-z-]+)', id/g),
      ].map((m) => m[1] as string),
    );
    expect(types.size).toBeGreaterThan(10);
    for (const type of types) expect(zh.audit.entities[type], type).toMatch(/^[\u4e00-\u9fff]+$/u);
  });

  it('shows a record by its business name, never by its internal id', () => {
    expect(
      auditEntityName({ type: 'ticket', id: '01KAW0000000000000000TICKT' }, null, {
        number: 'WHZX-2026-00001',
      }),
    ).toBe('WHZX-2026-00001');
    expect(
      auditEntityName(
        { type: 'contract', id: '01KAW00000000000000000WHZX' },
        { terms: { name: '2026年信息化项目售后维保（CPOE）' } },
        null,
      ),
    ).toBe('2026年信息化项目售后维保（CPOE）');
    expect(auditEntityName({ type: 'calendar-year', id: '2027' }, null, { year: 2027 })).toBe(
      '2027',
    );
    expect(
      auditEntityName({ type: 'payment', id: '01KAW:first' }, null, { paidFen: 1 }),
    ).toBeNull();
  });
});
