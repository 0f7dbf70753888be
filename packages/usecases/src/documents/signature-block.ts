import type { Paragraph } from 'docx';
import { blank, shanghaiTime } from './document-format.ts';
import { paragraph, run, sizes } from './docx-page.ts';

/** A signature as recorded: who signed, when (UTC ISO), and the hash of what was signed. */
export interface RecordedSignature {
  name: string | null;
  email: string | null;
  signedAt: string;
  /** Hash of the signed content (hex), so a printed copy can be checked against the record. */
  hash: string;
}

export interface SignatureLabels {
  /** e.g. 监理单位（盖章）: left blank for the physical seal. */
  seal?: string;
  /** e.g. 评价人, 监理工程师, 单位代表. */
  signer: string;
  /** e.g. 评价日期, 日期. */
  date: string;
}

function signerText(s: RecordedSignature): string {
  if (s.name && s.email) return `${s.name}（${s.email}）`;
  return s.name ?? s.email ?? '（已签署）';
}

/**
 * One signature block: the recorded signer and time (Asia/Shanghai) when signed, blank lines for
 * pen and seal when not. A seal line stays blank either way: the seal is stamped on paper.
 */
export function signatureBlock(labels: SignatureLabels, s: RecordedSignature | null): Paragraph[] {
  const lines: Paragraph[] = [];
  if (labels.seal) {
    lines.push(paragraph(`${labels.seal}：`), paragraph(''));
  }
  lines.push(
    paragraph(`${labels.signer}：${s ? signerText(s) : blank}`),
    paragraph(`${labels.date}：${s ? shanghaiTime(s.signedAt) : blank}`),
  );
  if (s) {
    lines.push(paragraph(run(`签署记录：${s.hash.slice(0, 16)}`, { size: sizes.small })));
  }
  return lines;
}
