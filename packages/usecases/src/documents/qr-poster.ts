import { AlignmentType, ImageRun, Paragraph } from 'docx';
import QRCode from 'qrcode';
import { docxBytes, headingFont, note, paragraph, run, title } from './docx-page.ts';

export interface QrPosterData {
  hospitalName: string;
  department: string;
  campus: string | null;
  /** The signed link the QR code carries: the report form of this department. */
  url: string;
}

/** The QR code as a PNG, 600 px square (about 8 cm printed), error correction M. */
async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
}

/**
 * 扫码报修 poster for a ward's wall: the hospital, 扫码报修 in large type, the department and
 * campus, the QR code of the link, and what to do. No address is printed: the link is long and
 * only the code is meant to be used.
 */
export async function renderQrPoster(d: QrPosterData): Promise<Buffer> {
  const where = [d.campus, d.department].filter(Boolean).join(' · ');
  return docxBytes({ title: `${d.hospitalName} 扫码报修`, subject: where }, [
    title(d.hospitalName),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [run('扫码报修', { font: headingFont, size: 96, bold: true })],
    }),
    paragraph(run(where, { font: headingFont, size: 40 }), { align: 'center', spacingAfter: 360 }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [
        new ImageRun({
          type: 'png',
          data: await qrPng(d.url),
          transformation: { width: 300, height: 300 },
          altText: { name: '报修二维码', title: '报修二维码', description: `${where} 报修二维码` },
        }),
      ],
    }),
    paragraph(run('电脑、系统出现故障？用微信或手机相机扫一扫', { size: 32 }), {
      align: 'center',
    }),
    paragraph(run('填写姓名、电话和故障情况，可拍照上传，无需登录', { size: 32 }), {
      align: 'center',
      spacingAfter: 480,
    }),
    note('紧急故障请同时电话报修。本二维码由医院信息中心管理，停用后扫码将提示已停用。'),
  ]);
}
