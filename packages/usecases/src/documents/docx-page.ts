import {
  AlignmentType,
  Document,
  Packer,
  PageBreak,
  Paragraph,
  TextRun,
  type FileChild,
  type IRunOptions,
} from 'docx';
import { dateZh } from './document-format.ts';

/**
 * 宋体 for the body and 黑体 for headings, as Chinese official documents are set. Every script slot
 * is named and the language is zh-CN, so Word and LibreOffice both take the East Asian font for the
 * Chinese text (LibreOffice falls back to an installed CJK font, e.g. Noto CJK, when SimSun is absent).
 */
const fontOf = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
export const bodyFont = fontOf('SimSun');
export const headingFont = fontOf('SimHei');
const zhCn = { value: 'zh-CN', eastAsia: 'zh-CN' };

/** Half-points: 小四 (12 pt) body, 小二 (18 pt) title, 四号 (14 pt) headings, 五号 (10.5 pt) notes. */
export const sizes = { body: 24, title: 36, heading: 28, small: 21 } as const;

/** A4 in twips (1/1440 inch), margins 2.54 cm top and bottom, 2.2 cm left and right. */
const a4 = { width: 11906, height: 16838 };
const margin = { top: 1440, bottom: 1440, left: 1247, right: 1247 };
/** Text width of the page, for tables that fill it. */
export const textWidthTwips = a4.width - margin.left - margin.right;

export function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text, ...options });
}

export function paragraph(
  children: string | TextRun | (string | TextRun)[],
  options: {
    align?: 'left' | 'center' | 'right';
    bold?: boolean;
    size?: number;
    spacingAfter?: number;
  } = {},
): Paragraph {
  const list = Array.isArray(children) ? children : [children];
  return new Paragraph({
    alignment:
      options.align === 'center'
        ? AlignmentType.CENTER
        : options.align === 'right'
          ? AlignmentType.RIGHT
          : AlignmentType.LEFT,
    spacing: { after: options.spacingAfter ?? 60 },
    children: list.map((c) =>
      typeof c === 'string'
        ? run(c, {
            ...(options.bold ? { bold: true } : {}),
            ...(options.size ? { size: options.size } : {}),
          })
        : c,
    ),
  });
}

/**
 * The head of a contract's quarterly list: the hospital, the heading, the project, the contract's
 * number as signed (never its id) and the dates the list covers.
 */
export function quarterListHead(
  d: {
    hospital: { name: string };
    contract: { title: string; number?: string | null };
    period: { startsOn: string; endsOn: string };
  },
  heading: string,
  periodLabel = '服务期间',
): Paragraph[] {
  return [
    title(d.hospital.name),
    title(heading),
    paragraph(`项目名称：${d.contract.title}`),
    paragraph(`合同编号：${d.contract.number ?? '（未填写）'}`),
    paragraph(`${periodLabel}：${dateZh(d.period.startsOn)} 至 ${dateZh(d.period.endsOn)}`),
  ];
}

export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 240 },
    children: [run(text, { font: headingFont, size: sizes.title, bold: true })],
  });
}

export function heading(text: string, align: 'left' | 'center' = 'left'): Paragraph {
  return new Paragraph({
    alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: 120, after: 120 },
    children: [run(text, { font: headingFont, size: sizes.heading })],
  });
}

export function note(text: string): Paragraph {
  return paragraph(run(text, { size: sizes.small }));
}

export function pageBreak(): Paragraph {
  return new Paragraph({ children: [new PageBreak()] });
}

/** One A4 document: the body in 宋体 小四, zh-CN, with the title and subject in its properties. */
export async function docxBytes(meta: { title: string; subject: string }, children: FileChild[]) {
  const doc = new Document({
    creator: 'weibao',
    title: meta.title,
    subject: meta.subject,
    styles: {
      default: {
        document: { run: { font: bodyFont, size: sizes.body, language: zhCn } },
      },
    },
    sections: [{ properties: { page: { size: a4, margin } }, children }],
  });
  return Packer.toBuffer(doc);
}
