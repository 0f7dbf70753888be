import { describe, expect, it } from 'vitest';
import { contractTermsSchema } from '../contract.ts';
import { contractTemplates } from './contract-templates.ts';
import { hisOutpatient24mTemplate } from './his-outpatient-24m.ts';
import { seedCpoeTemplate } from './seed-cpoe.ts';
import { contractFromTemplate } from './template.ts';

describe('contract templates', () => {
  it('offers the seed’s contract first and a second, different one', () => {
    // Act
    const ids = contractTemplates.map((t) => t.id);
    // Assess
    expect(ids).toEqual(['seed-cpoe', 'his-outpatient-24m']);
  });

  it('fills the seed template into valid terms: 188,000 yuan over eight even subsystems for one year', () => {
    // Act
    const terms = contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-05' });
    // Assess
    expect(contractTermsSchema.safeParse(terms).success).toBe(true);
    expect(terms.totalFen).toBe(18_800_000);
    expect(terms.term).toEqual({ startsOn: '2026-01-05', endsOn: '2027-01-04' });
    expect(terms.subsystems.map((s) => s.amountFen)).toEqual(Array(8).fill(2_350_000));
    expect(terms.renewal).toMatchObject({ count: 0, limit: 2 });
  });

  it.each(contractTemplates.map((t) => [t.id, t] as const))(
    '%s: the monthly clean-up archives and rotates logs and never deletes one younger than six months (网络安全法 art. 21)',
    (_id, t) => {
      // Prepare
      const cleanUps = t.obligations.filter((o) => o.kind === 'clean-up');
      // Assess
      expect(cleanUps).not.toHaveLength(0);
      for (const o of cleanUps) {
        expect(o.reading).toMatch(/归档/);
        expect(o.reading).toMatch(/轮转/);
        expect(o.reading).toMatch(/不删除未满六个月（180天）的日志/);
      }
    },
  );

  it('keeps the seed’s figures beside their Chinese clauses', () => {
    // Prepare
    const t = seedCpoeTemplate;
    const sla = Object.fromEntries(t.slaTargets.map((s) => [s.severity, s]));
    // Assess
    expect(sla.fatal).toMatchObject({
      responseMinutes: 60,
      onSiteMinutes: 120,
      resolutionMinutes: 120,
    });
    expect(sla.fatal?.sourceText).toContain('1个小时');
    expect(sla.serious).toMatchObject({
      responseMinutes: 120,
      onSiteMinutes: 120,
      resolutionMinutes: 240,
    });
    expect(sla.serious?.sourceText).toContain('4小时内解决问题');
    expect(sla.minor).toMatchObject({
      responseMinutes: 240,
      onSiteMinutes: null,
      resolutionMinutes: null,
    });
    expect(t.deductionRules.map((r) => [r.id, r.rateBp])).toEqual([
      ['late-response', 100],
      ['vendor-fault-fatal', 500],
      ['vendor-fault-serious', 300],
      ['vendor-fault-minor', 100],
    ]);
    expect(t.paymentMilestones.map((m) => [m.kind, m.shareBp, m.payWithinWorkingDays])).toEqual([
      ['first', 3000, 10],
      ['progress', 3000, 10],
      ['final', 10_000, 10],
    ]);
    expect(t.liquidatedDamages).toMatchObject({ rateBp: 100, perWorkingDays: 5, capBp: 1000 });
    expect(t.liquidatedDamages.sourceText).toContain('违约金每5个工作日为合同总价的1%');
    expect(t.renewalLimit).toBe(2);
  });

  it('keeps every reading apart from the quoted clause it reads', () => {
    // Act
    const mixed = seedCpoeTemplate.obligations.filter((o) => o.sourceText.includes('解读'));
    // Assess
    expect(mixed).toEqual([]);
    expect(seedCpoeTemplate.obligations.filter((o) => o.reading).map((o) => o.kind)).toEqual([
      'clean-up',
      'backup-restore-test',
      'system-analysis',
      'training',
      'feedback',
      'annual-evaluation',
    ]);
  });

  it('fills the 24-month template with per-subsystem amounts that add up to the total exactly', () => {
    // Act
    const terms = contractFromTemplate(hisOutpatient24mTemplate, {
      signedOn: '2026-03-01',
      totalFen: 33_333_333,
    });
    // Assess
    expect(contractTermsSchema.safeParse(terms).success).toBe(true);
    expect(terms.term).toEqual({ startsOn: '2026-03-01', endsOn: '2028-02-29' });
    expect(terms.subsystems.map((s) => s.amountFen)).toEqual([
      10_000_000, 8_333_333, 6_666_667, 5_000_000, 3_333_333,
    ]);
    expect(terms.subsystems.reduce((sum, s) => sum + s.amountFen, 0)).toBe(33_333_333);
    expect(terms.emailDateHeaderToleranceMinutes).toBe(10);
  });

  it('refuses amounts for a different number of subsystems', () => {
    expect(() =>
      contractFromTemplate(seedCpoeTemplate, {
        signedOn: '2026-01-05',
        subsystemAmountsFen: [1, 2],
      }),
    ).toThrow(/8 subsystems/);
  });
});
