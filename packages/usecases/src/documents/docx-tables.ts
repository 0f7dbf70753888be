import {
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  VerticalAlign,
  WidthType,
  type TextRun,
} from 'docx';
import { paragraph, textWidthTwips } from './docx-page.ts';

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = {
  top: line,
  bottom: line,
  left: line,
  right: line,
  insideHorizontal: line,
  insideVertical: line,
};

/** What a cell holds: a line of text, runs, or ready paragraphs (one per line). */
export type CellContent = string | TextRun | Paragraph | (string | TextRun | Paragraph)[];

export interface CellSpec {
  content: CellContent;
  span?: number;
  rowSpan?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
}

function paragraphsOf(content: CellContent, spec: Omit<CellSpec, 'content'>): Paragraph[] {
  const list = Array.isArray(content) ? content : [content];
  return list.map((c) =>
    c instanceof Paragraph
      ? c
      : paragraph(c, {
          ...(spec.bold ? { bold: true } : {}),
          ...(spec.align ? { align: spec.align } : {}),
          spacingAfter: 0,
        }),
  );
}

export function cell(spec: CellSpec | CellContent, widthTwips?: number): TableCell {
  const s: CellSpec =
    typeof spec === 'object' && !Array.isArray(spec) && 'content' in spec
      ? spec
      : { content: spec as CellContent };
  return new TableCell({
    children: paragraphsOf(s.content, s),
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(s.span ? { columnSpan: s.span } : {}),
    ...(s.rowSpan ? { rowSpan: s.rowSpan } : {}),
    ...(widthTwips ? { width: { size: widthTwips, type: WidthType.DXA } } : {}),
  });
}

/**
 * A bordered table over the page's text width. `columns` are relative widths; each row lists its
 * cells left to right (a cell under a row span is simply left out, as Word does).
 */
export function table(columns: number[], rows: (CellSpec | CellContent)[][]): Table {
  const sum = columns.reduce((a, b) => a + b, 0);
  const widths = columns.map((c) => Math.round((c / sum) * textWidthTwips));
  return new Table({
    width: { size: textWidthTwips, type: WidthType.DXA },
    columnWidths: widths,
    borders,
    rows: rows.map((cells) => new TableRow({ children: cells.map((c) => cell(c)) })),
  });
}

/** A header row in bold, centred. */
export function headerRow(labels: string[]): CellSpec[] {
  return labels.map((content) => ({ content, bold: true, align: 'center' }));
}
