import { describe, expect, it } from 'vitest';
import { proposedSeverity } from './proposed-severity.ts';

describe('proposedSeverity', () => {
  it.each([
    ['致命错误：医嘱系统', null],
    ['紧急！住院医生站', null],
    ['HIS 停机', null],
    ['服务器宕机', null],
    ['护士站瘫痪', null],
    ['医嘱系统', '全院无法使用，请立即处理'],
  ])('proposes fatal for "%s" / "%s"', (subject, text) => {
    expect(proposedSeverity(subject, text)).toBe('fatal');
  });

  it.each([
    ['严重问题：临床路径', null],
    ['重要：质控报表', null],
  ])('proposes serious for "%s"', (subject, text) => {
    expect(proposedSeverity(subject, text)).toBe('serious');
  });

  it.each([
    ['一般问题：模板字体', null],
    ['咨询：如何导出病历', null],
  ])('proposes minor for "%s"', (subject, text) => {
    expect(proposedSeverity(subject, text)).toBe('minor');
  });

  it('proposes the highest severity mentioned, as missing a fatal fault costs the most', () => {
    expect(proposedSeverity('咨询', '现在整个系统宕机了')).toBe('fatal');
    expect(proposedSeverity('一般问题', '但影响严重')).toBe('serious');
  });

  it('does not count a negated word', () => {
    expect(proposedSeverity('不紧急：模板字体偏小', null)).toBeNull();
    expect(proposedSeverity('非致命，不严重，一般问题', null)).toBe('minor');
  });

  it('proposes nothing when no word suggests a severity', () => {
    expect(proposedSeverity('医嘱打印格式', '请帮忙调整页边距')).toBeNull();
    expect(proposedSeverity(null, null)).toBeNull();
  });
});
