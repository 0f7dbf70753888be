import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeLenientUtf8, decodeUnlabelled } from './charset.ts';

describe('decodeBytes', () => {
  it('reads GB2312-labelled text as GB18030, keeping characters GB2312 lacks', () => {
    // Prepare: 㑇 and 𠮷 exist only in GB18030 (the second as a four-byte sequence)
    const text = '患者㑇𠮷的医嘱无法保存';
    const bytes = iconv.encode(text, 'gb18030');

    // Act
    const decoded = ['GB2312', 'gbk', 'x-gbk', 'GB18030'].map((label) => decodeBytes(bytes, label));

    // Assess
    expect(decoded).toEqual([text, text, text, text]);
  });

  it('reads Big5 text, including Hong Kong characters', () => {
    const text = '醫院資訊系統當機';
    expect(decodeBytes(iconv.encode(text, 'big5hkscs'), 'big5')).toBe(text);
  });

  it('reads ISO-2022-JP, and Shift_JIS bytes sent under that label', () => {
    const iso = Buffer.from('1b244224522126241b2842', 'hex');
    const shiftJis = iconv.encode('ツール', 'shift_jis');
    expect(decodeBytes(iso, 'iso-2022-jp')).toBe(new TextDecoder('iso-2022-jp').decode(iso));
    expect(decodeBytes(shiftJis, 'ISO-2022-JP')).toBe('ツール');
  });

  it('reads UTF-7', () => {
    expect(decodeBytes(Buffer.from('Hi Mom -+Jjo--!'), 'utf-7')).toBe('Hi Mom -☺-!');
  });

  it('reads Latin-1 as Windows-1252, and an unknown label as UTF-8', () => {
    expect(decodeBytes(Buffer.from([0x80, 0x20, 0xe9]), 'iso-8859-1')).toBe('€ é');
    expect(decodeBytes(Buffer.from('维保', 'utf8'), 'x-no-such-charset')).toBe('维保');
  });
});

describe('decodeBytes with a label that does not fit the bytes', () => {
  it('reads Chinese UTF-8 labelled GB2312 or Big5 as UTF-8', () => {
    const text = '医嘱提交失败，请尽快处理。（后湖院区）';
    expect(decodeBytes(Buffer.from(text, 'utf8'), 'GB2312')).toBe(text);
    expect(decodeBytes(Buffer.from(text, 'utf8'), 'big5')).toBe(text);
  });

  it('keeps reading real GB text as GB, even a short one whose bytes happen to be valid UTF-8', () => {
    // 小 in GB2312 is D0 A1, which UTF-8 reads as the Cyrillic letter С; 谩 is C3 A1, UTF-8's á
    for (const text of ['小', '谩', '小王', '住院医生医嘱系统', '病历质控模块报错，详见附件'])
      expect(decodeBytes(iconv.encode(text, 'gb18030'), 'GB2312')).toBe(text);
  });
});

describe('decodeUnlabelled', () => {
  it('prefers UTF-8, then the declared charsets, then GB18030', () => {
    expect(decodeUnlabelled(Buffer.from('维保', 'utf8'), ['iso-8859-1'])).toBe('维保');
    expect(decodeUnlabelled(Buffer.from([0x67, 0xfc, 0x6e]), ['iso-8859-1'])).toBe('gün');
    expect(decodeUnlabelled(iconv.encode('系统宕机', 'gbk'), [])).toBe('系统宕机');
  });

  it('ignores a US-ASCII declaration, which says nothing about 8-bit bytes', () => {
    expect(decodeUnlabelled(iconv.encode('系统宕机', 'gbk'), ['us-ascii'])).toBe('系统宕机');
  });
});

describe('decodeLenientUtf8', () => {
  it('keeps valid UTF-8, reads GBK mislabelled as UTF-8, and a stray Latin-1 byte as Windows-1252', () => {
    expect(decodeLenientUtf8(Buffer.from('维保 ok', 'utf8'))).toBe('维保 ok');
    expect(decodeLenientUtf8(iconv.encode('病历系统', 'gbk'))).toBe('病历系统');
    expect(decodeLenientUtf8(Buffer.from([0x6c, 0x69, 0xee, 0x20, 0xe2, 0x82, 0xac]))).toBe(
      'liî €',
    );
  });
});

describe('decodeUnlabelled with the charsets a message declares', () => {
  const gb = (text: string) => iconv.encode(text, 'gb2312');

  it('reads raw GB2312 whose bytes are also valid UTF-8 in the declared charset', () => {
    // 医院系统 in GB2312 is D2BD D4BA CFB5 CDB3: as UTF-8 it reads ҽԺϵͳ
    expect(decodeUnlabelled(gb('医院系统'), ['gb2312'])).toBe('医院系统');
    expect(decodeUnlabelled(gb('系统'), ['us-ascii', 'GB2312'])).toBe('系统');
  });

  it('keeps real UTF-8: accented Latin and Chinese, even when a Chinese charset is declared', () => {
    expect(decodeUnlabelled(Buffer.from('Zoë Müller', 'utf8'), ['gb2312'])).toBe('Zoë Müller');
    expect(decodeUnlabelled(Buffer.from('医院系统', 'utf8'), ['gb2312'])).toBe('医院系统');
  });

  it('reads the same bytes as UTF-8 when no Chinese charset is declared', () => {
    expect(decodeUnlabelled(gb('系统'), [])).toBe('ϵͳ');
  });
});
