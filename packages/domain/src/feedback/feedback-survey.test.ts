import { describe, expect, it } from 'vitest';
import {
  averageHundredths,
  feedbackAnswerProblems,
  feedbackSummary,
  hundredthsText,
  normalisedRatings,
} from './feedback-survey.ts';

const subsystems = ['住院医生医嘱系统', '临床路径系统'];
const answer = (ratings: { subsystem: string; score: number; comment?: string | null }[]) => ({
  name: '王护士长',
  role: '护士长',
  ratings,
});

describe('a department’s satisfaction answer', () => {
  it('is valid when every subsystem of the contract is rated once from 1 to 5', () => {
    // Prepare
    const input = answer([
      { subsystem: '住院医生医嘱系统', score: 5 },
      { subsystem: '临床路径系统', score: 1, comment: '  路径入径太慢  ' },
    ]);
    // Act
    const problems = feedbackAnswerProblems(subsystems, input);
    // Assess
    expect(problems).toEqual([]);
    expect(normalisedRatings(subsystems, input)).toEqual([
      { subsystem: '住院医生医嘱系统', score: 5, comment: null },
      { subsystem: '临床路径系统', score: 1, comment: '路径入径太慢' },
    ]);
  });

  it('names in Chinese each missing, repeated, foreign or out-of-range rating with its path', () => {
    const problems = feedbackAnswerProblems(subsystems, {
      name: ' ',
      role: '科主任',
      ratings: [
        { subsystem: '住院医生医嘱系统', score: 6 },
        { subsystem: '住院医生医嘱系统', score: 2.5 },
        { subsystem: '财务系统', score: 3, comment: '长'.repeat(501) },
      ],
    });
    expect(problems).toEqual([
      { path: 'name', message: '请填写姓名' },
      { path: 'ratings.0.score', message: '满意度请选择 1 至 5 分' },
      { path: 'ratings.1.subsystem', message: '“住院医生医嘱系统”重复评价' },
      { path: 'ratings.1.score', message: '满意度请选择 1 至 5 分' },
      { path: 'ratings.2.subsystem', message: '该子系统不在本合同运维范围内' },
      { path: 'ratings.2.comment', message: '意见不能超过500个字' },
      { path: 'ratings', message: '请为“临床路径系统”选择满意度' },
    ]);
  });
});

describe('the quarter’s satisfaction per subsystem', () => {
  it('averages in whole hundredths, rounding half up, with integers only', () => {
    expect(averageHundredths([])).toBeNull();
    expect(averageHundredths([4, 5])).toBe(450);
    // 13 / 3 = 4.3333… → 433; 14 / 3 = 4.6666… → 467
    expect(averageHundredths([4, 4, 5])).toBe(433);
    expect(averageHundredths([4, 5, 5])).toBe(467);
    // 0.005 exactly rounds up: (4+4+4+4+4+4+4+5)/8 = 4.125 → 413
    expect(averageHundredths([4, 4, 4, 4, 4, 4, 4, 5])).toBe(413);
    expect(hundredthsText(413)).toBe('4.13');
    expect(hundredthsText(null)).toBe('—');
  });

  it('counts answers and the distribution of scores per subsystem and over all', () => {
    const rated = (a: number, b: number) =>
      normalisedRatings(
        subsystems,
        answer([
          { subsystem: '住院医生医嘱系统', score: a },
          { subsystem: '临床路径系统', score: b },
        ]),
      );
    const summary = feedbackSummary(subsystems, [
      { ratings: rated(5, 2) },
      { ratings: rated(4, 2) },
      { ratings: rated(4, 3) },
    ]);
    expect(summary.subsystems).toEqual([
      {
        subsystem: '住院医生医嘱系统',
        count: 3,
        averageHundredths: 433,
        distribution: [0, 0, 0, 2, 1],
      },
      {
        subsystem: '临床路径系统',
        count: 3,
        averageHundredths: 233,
        distribution: [0, 2, 1, 0, 0],
      },
    ]);
    expect(summary.overall).toMatchObject({ count: 6, averageHundredths: 333 });
  });
});
