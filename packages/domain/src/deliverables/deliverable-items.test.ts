import { describe, expect, it } from 'vitest';
import { mayBeNone, packageStatus } from './deliverable-items.ts';

const file = (name: string) => ({
  state: 'attached' as const,
  fileKey: `k/${name}`,
  fileName: name,
});

describe('a quarter’s deliverables package (项目提交物)', () => {
  it('is complete with both reports in and every “where any” item attached or marked none', () => {
    // Act
    const status = packageStatus({
      'inspection-report': file('巡检报告.docx'),
      'evaluation-report': { state: 'generated', fileKey: 'k/e', fileName: '评价报告.docx' },
      'meeting-minutes': file('纪要.pdf'),
      'change-request-list': { state: 'none', reason: '本季度无需求变更' },
      'training-records': { state: 'none', reason: '本季度无培训' },
      'tuning-records': { state: 'none', reason: '本季度无调优' },
    });
    // Assess
    expect(status).toEqual({ complete: true, missing: [] });
  });

  it('lists what is still owed, and never lets the inspection report count as none', () => {
    // Act
    const status = packageStatus({
      'inspection-report': { state: 'none', reason: '忘了' },
      'meeting-minutes': { state: 'none', reason: '无会议' },
    });
    // Assess
    expect(status.missing).toEqual([
      'inspection-report',
      'evaluation-report',
      'change-request-list',
      'training-records',
      'tuning-records',
    ]);
    expect([mayBeNone('inspection-report'), mayBeNone('tuning-records')]).toEqual([false, true]);
  });
});
