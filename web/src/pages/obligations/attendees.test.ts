import { describe, expect, it } from 'vitest';
import { parseAttendees } from './attendees.ts';

describe('the attendees of a training typed one per line', () => {
  it('reads a name and a department split by a Chinese or Latin comma', () => {
    expect(parseAttendees('张三，信息中心\nLi Si, Radiology\n')).toEqual([
      { name: '张三', department: '信息中心' },
      { name: 'Li Si', department: 'Radiology' },
    ]);
  });

  it('keeps a name without a department and skips blank lines', () => {
    expect(parseAttendees('\n  王五  \n\n，只有科室')).toEqual([
      { name: '王五', department: null },
    ]);
  });
});
