import { contractFromTemplate, seedCpoeTemplate, type PaymentMilestone } from '@weibao/domain';
import type { PaymentRecord } from '@weibao/store';
import { describe, expect, it } from 'vitest';
import { milestoneView, type MilestoneFactsFromRecord } from './milestone-view.ts';

const terms = contractFromTemplate(seedCpoeTemplate, {
  signedOn: '2026-01-05',
  totalFen: 18_800_000,
});
const milestone = (kind: PaymentMilestone['kind']) =>
  terms.paymentMilestones.find((m) => m.kind === kind) as PaymentMilestone;
const record = (milestoneId: string, r: Partial<PaymentRecord>): PaymentRecord => ({
  hospitalId: 'whzx',
  contractId: 'C',
  milestoneId,
  invoiceSentOn: null,
  invoiceNumber: null,
  invoiceReceivedOn: null,
  paidOn: null,
  paidFen: null,
  manualDecision: null,
  audit: null,
  history: [],
  version: 1,
  createdAt: '2026-01-05T00:00:00.000Z',
  updatedAt: '2026-01-05T00:00:00.000Z',
  ...r,
});
const facts = (records: PaymentRecord[], asOn = '2026-11-25'): MilestoneFactsFromRecord => ({
  asOn,
  quarterEvaluations: [],
  deliverablesSubmitted: [],
  deductionsFen: 493_500,
  records: new Map(records.map((r) => [r.milestoneId, r])),
});

describe('a payment milestone as the vendor and the hospital see it', () => {
  it('falls due 10 working days after the invoice is received and accrues 1% per 5 working days late', () => {
    // Prepare: received Tue 2026-03-03, due Tue 03-17; still unpaid 15 working days later (04-08)
    const first = record('first', { invoiceSentOn: '2026-03-02', invoiceReceivedOn: '2026-03-03' });
    // Act
    const view = milestoneView(terms, milestone('first'), facts([first], '2026-04-08'));
    // Assess
    expect(view.dueOn).toBe('2026-03-17');
    expect(view.liquidatedDamages).toMatchObject({ blocks: 3, rateBp: 300, amountFen: 564_000 });
    expect(view.eligibility.status).toBe('eligible');
  });

  it('accrues nothing on a payment made by the due date', () => {
    const first = record('first', {
      invoiceReceivedOn: '2026-03-03',
      paidOn: '2026-03-17',
      paidFen: 5_640_000,
    });
    expect(milestoneView(terms, milestone('first'), facts([first])).liquidatedDamages).toBeNull();
  });

  it('takes the deductions and what was paid off the final payment once the audited total is recorded', () => {
    // Prepare
    const paid = [
      record('first', { paidFen: 5_640_000 }),
      record('progress', { paidFen: 5_640_000 }),
    ];
    const audited = record('final', {
      audit: {
        auditedTotalFen: 18_800_000,
        auditedOn: '2027-01-20',
        recordedBy: { sub: 'a', email: null, role: 'auditor' },
      },
    });
    // Act
    const before = milestoneView(terms, milestone('final'), facts(paid));
    const after = milestoneView(terms, milestone('final'), facts([...paid, audited]));
    // Assess
    expect(before.amount).toBeNull();
    expect(before.amountNote).toBe('验收款按审定总额支付：审计确认审定总额后方可计算');
    expect(after.amount?.amountFen).toBe(18_800_000 - 2 * 5_640_000 - 493_500);
  });
});
