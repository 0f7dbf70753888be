import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../calendar/working-day-calendar.ts';
import type { PaymentMilestone } from '../contract.ts';
import { seedDemoContract } from '../test-fixtures.ts';
import { milestoneAmount } from './milestone-amount.ts';
import { milestoneEligibility, type MilestoneFacts } from './milestone-eligibility.ts';
import { paymentDueOn } from './payment-due.ts';

const terms = seedDemoContract();
const milestone = (kind: PaymentMilestone['kind']) =>
  terms.paymentMilestones.find((m) => m.kind === kind) as PaymentMilestone;

const progressFacts: MilestoneFacts = {
  asOn: '2026-07-06',
  quarterEvaluations: [
    { quarter: 1, overall: 'good' },
    { quarter: 2, overall: 'qualified' },
  ],
  deliverablesSubmitted: [1, 2],
  auditDone: false,
  manualDecision: null,
};

describe('payments (首付款 / 进度款 / 验收款)', () => {
  it('falls due 10 working days after an invoice received the day before 国庆, after the holiday and counting the 调休 Saturday', () => {
    // Prepare: Wed 2026-09-30; 10-01..10-07 off; Sat 10-10 is a make-up working day.
    // Act
    const due = paymentDueOn('2026-09-30', milestone('progress'), chinaCalendar);
    // Assess
    expect(due).toBe('2026-10-20');
  });

  it('lets the progress payment be invoiced after six months when both quarters were qualified and delivered', () => {
    // Act
    const result = milestoneEligibility(terms, milestone('progress'), progressFacts);
    // Assess
    expect(result).toEqual({ status: 'eligible', invoiceableFrom: '2026-07-05', basis: 'rules' });
  });

  it('says why the progress payment is not yet eligible: too early, an evaluation and a deliverables package missing', () => {
    // Act
    const result = milestoneEligibility(terms, milestone('progress'), {
      ...progressFacts,
      asOn: '2026-06-30',
      quarterEvaluations: [{ quarter: 1, overall: 'excellent' }],
      deliverablesSubmitted: [1],
    });
    // Assess
    expect(result.status).toBe('not-eligible');
    expect(result.status !== 'eligible' && result.reasons.map((r) => r.code)).toEqual([
      'not-yet-invoiceable',
      'evaluation-missing',
      'deliverables-missing',
    ]);
  });

  it('waits for the supervisor’s and auditor’s decision when a quarter was unqualified (按监理和审计出具报告执行)', () => {
    // Prepare
    const facts = {
      ...progressFacts,
      quarterEvaluations: [
        { quarter: 1, overall: 'unqualified' as const },
        { quarter: 2, overall: 'good' as const },
      ],
    };
    const decision = {
      amountFen: 4_000_000,
      decidedOn: '2026-07-20',
      reportReference: '监理审计报告 2026-07',
    };
    // Act
    const waiting = milestoneEligibility(terms, milestone('progress'), facts);
    const decided = milestoneEligibility(terms, milestone('progress'), {
      ...facts,
      manualDecision: decision,
    });
    const amount = milestoneAmount(terms, milestone('progress'), {
      auditedTotalFen: null,
      paidFen: 5_640_000,
      deductionsFen: 0,
      manualDecision: decision,
    });
    // Assess
    expect(waiting.status).toBe('awaiting-manual-decision');
    expect(decided).toMatchObject({ status: 'eligible', basis: 'manual-decision' });
    expect(amount).toEqual({
      amountFen: 4_000_000,
      computedFen: 5_640_000,
      basis: 'manual-decision',
      uncoveredDeductionsFen: 0,
    });
  });

  it('holds the final payment until the audit is done and every quarter is evaluated', () => {
    // Act
    const result = milestoneEligibility(terms, milestone('final'), {
      ...progressFacts,
      asOn: '2027-01-20',
      quarterEvaluations: [1, 2, 3, 4].map((quarter) => ({ quarter, overall: 'good' as const })),
      deliverablesSubmitted: [1, 2, 3, 4],
    });
    // Assess
    expect(result.status !== 'eligible' && result.reasons.map((r) => r.code)).toEqual([
      'audit-pending',
    ]);
  });

  it('pays 30% of the total first', () => {
    // Act
    const amount = milestoneAmount(terms, milestone('first'), {
      auditedTotalFen: null,
      paidFen: 0,
      deductionsFen: 0,
      manualDecision: null,
    });
    // Assess
    expect(amount.amountFen).toBe(5_640_000);
  });

  it('pays the audited total less what was paid and less the deductions at the end', () => {
    // Prepare: 60% paid; three late responses and one fatal vendor fault deducted.
    // Act
    const amount = milestoneAmount(terms, milestone('final'), {
      auditedTotalFen: 18_800_000,
      paidFen: 11_280_000,
      deductionsFen: 3 * 188_000 + 117_500,
      manualDecision: null,
    });
    // Assess
    expect(amount).toEqual({
      amountFen: 6_838_500,
      computedFen: 6_838_500,
      basis: 'audited-remainder',
      uncoveredDeductionsFen: 0,
    });
  });

  it('never pays a negative final amount, and shows the deductions it could not absorb', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (audited, paid, deductions) => {
          const a = milestoneAmount(terms, milestone('final'), {
            auditedTotalFen: audited,
            paidFen: paid,
            deductionsFen: deductions,
            manualDecision: null,
          });
          expect(a.amountFen).toBeGreaterThanOrEqual(0);
          expect(a.uncoveredDeductionsFen).toBeGreaterThanOrEqual(0);
          expect(a.uncoveredDeductionsFen).toBeLessThanOrEqual(deductions);
          if (paid + deductions <= audited) expect(a.amountFen).toBe(audited - paid - deductions);
        },
      ),
      { numRuns: 300 },
    );
  });
});
