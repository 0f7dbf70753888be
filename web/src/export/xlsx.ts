import { saveBlob } from '../api/record-queries.ts';

export type Cell = string | number | null;

export interface SheetColumn {
  header: string;
  /** Characters; Chinese text counts about double. */
  width?: number;
  /** Money in fen shown as yuan with two decimals (¥#,##0.00). */
  money?: boolean;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: Cell[][];
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The rows a page shows, as an .xlsx a person opens in Excel or WPS: a bold header row frozen at
 * the top, money as numbers in yuan (so they add up), text as text. exceljs loads only when a
 * person exports, not with the page.
 */
export async function workbookBytes(sheet: Sheet): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'weibao 维保';
  const ws = workbook.addWorksheet(sheet.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = sheet.columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    ...(c.money ? { style: { numFmt: '¥#,##0.00' } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of sheet.rows)
    ws.addRow(row.map((v, i) => (sheet.columns[i]?.money && typeof v === 'number' ? v / 100 : v)));
  return workbook.xlsx.writeBuffer() as Promise<ArrayBuffer>;
}

/** Exports and saves: 武汉市中心医院-扣款台账-2026-12-05.xlsx. */
export async function downloadXlsx(fileName: string, sheet: Sheet): Promise<void> {
  const bytes = await workbookBytes(sheet);
  saveBlob(new Blob([bytes], { type: xlsxType }), fileName);
}
