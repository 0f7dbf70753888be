import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../api/record-queries.ts';
import type { Ticket } from '../../api/ticket-queries.ts';
import { homeTickets, workFor, type WorkInput } from './work.ts';

const evaluation = (over: Partial<Evaluation>): Evaluation =>
  ({
    id: 'q3',
    contractId: 'C1',
    status: 'draft',
    serviceLevel: null,
    serviceQuality: null,
    signatures: [],
    ...over,
  }) as Evaluation;

const input = (role: WorkInput['role'], e: Evaluation, acknowledgedAt: string | null = null) => ({
  role,
  hospitalId: 'whzx',
  evaluations: [{ contractName: 'CPOE 维保', evaluation: e, periodName: '第3季度' }],
  notices: [{ id: 'N1', title: '周六升级', acknowledgedAt }],
});

const kinds = (i: WorkInput) => workFor(i).map((w) => w.kind);

describe('what waits for a hospital-side person', () => {
  it('gives the department the service level and the IT center the service quality of a draft, with its link', () => {
    const draft = evaluation({});
    expect(kinds(input('hospital-dept', draft))).toEqual(['rate-service-level']);
    expect(workFor(input('hospital-it', draft))).toEqual([
      {
        kind: 'rate-service-quality',
        subject: 'CPOE 维保 · 第3季度',
        to: '/hospitals/whzx/contracts/C1/evaluations/q3',
      },
      { kind: 'acknowledge-notice', subject: '周六升级', to: '/hospitals/whzx/notices' },
    ]);
  });

  it('asks the IT center, and nobody else, to confirm each proof awaiting it, linking to the contract’s awaiting obligations', () => {
    const draft = evaluation({ status: 'signed' });
    const obligations = [
      {
        contractName: 'CPOE 维保',
        obligation: { contractId: 'C1', state: 'awaiting' as const },
        name: '第1次巡检',
      },
      {
        contractName: 'CPOE 维保',
        obligation: { contractId: 'C1', state: 'done' as const },
        name: '第2次巡检',
      },
    ];
    expect(
      workFor({ ...input('hospital-it', draft, '2026-12-01T00:00:00Z'), obligations }),
    ).toEqual([
      {
        kind: 'confirm-proof',
        subject: 'CPOE 维保 · 第1次巡检',
        to: '/hospitals/whzx/contracts/C1/obligations?state=awaiting',
      },
    ]);
    expect(kinds({ ...input('hospital-dept', draft), obligations })).toEqual([]);
    expect(kinds({ ...input('service-manager', draft), obligations })).toEqual([]);
  });

  it('asks a supervisor and an auditor to sign a rated evaluation until each has, and nobody once signed', () => {
    const rated = evaluation({ status: 'rated' });
    expect(kinds(input('supervisor', rated))).toEqual(['sign-evaluation']);
    const half = evaluation({
      status: 'rated',
      signatures: [{ role: 'supervisor' } as Evaluation['signatures'][number]],
    });
    expect(kinds(input('supervisor', half))).toEqual([]);
    expect(kinds(input('auditor', half))).toEqual(['sign-evaluation']);
    expect(
      kinds(input('hospital-it', evaluation({ status: 'signed' }), '2026-12-01T00:00:00Z')),
    ).toEqual([]);
  });

  it('lists a department only its own open reports, the IT center every open one', () => {
    const t = (status: Ticket['status'], email: string) =>
      ({ status, reporter: { email } }) as Ticket;
    const all = [
      t('new', 'dept@whch.example'),
      t('responded', 'it@whch.example'),
      t('closed', 'dept@whch.example'),
    ];
    expect(homeTickets('hospital-dept', 'DEPT@whch.example', all)).toEqual([all[0]]);
    expect(homeTickets('hospital-it', 'it@whch.example', all)).toEqual([all[0], all[1]]);
  });
});
