import { describe, expect, it } from 'vitest';
import { contentTypeOf } from './content-type.ts';

describe('the type an uploaded deliverable declares', () => {
  it('keeps the browser’s MIME type when it has one', () => {
    expect(contentTypeOf({ name: '巡检报告.pdf', type: 'application/pdf' })).toBe(
      'application/pdf',
    );
  });

  it('falls back to the extension when the browser gives none, and to octet-stream last', () => {
    expect(contentTypeOf({ name: '会议纪要.DOCX', type: '' })).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(contentTypeOf({ name: 'records', type: '' })).toBe('application/octet-stream');
  });

  it('never passes on a type the API would refuse', () => {
    expect(contentTypeOf({ name: 'a.png', type: 'image/png; charset=x' })).toBe('image/png');
  });
});
