import * as z from 'zod';

/** 故障报告 / 咨询 / 需求变更 / 病历模板修改或新增 / 重大维护保障 */
export const ticketKinds = [
  'fault',
  'consultation',
  'change-request',
  'template-change',
  'major-maintenance',
] as const;
export const ticketKindSchema = z.enum(ticketKinds);
export type TicketKind = z.infer<typeof ticketKindSchema>;

/** 电话 / 传真 / 电子邮件 / 在线 / 现场: the channels of the seed's 服务方式. */
/** `qr`: 扫码报修, a report through a department's QR poster (no account). */
export const ticketChannels = ['phone', 'fax', 'email', 'web', 'on-site', 'qr'] as const;
export const ticketChannelSchema = z.enum(ticketChannels);
export type TicketChannel = z.infer<typeof ticketChannelSchema>;

/** new → responded → on-site → resolved → closed; a reopened ticket goes back to responded. */
export const ticketStatuses = ['new', 'responded', 'on-site', 'resolved', 'closed'] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const openTicketStatuses: readonly TicketStatus[] = ['new', 'responded', 'on-site'];

/** Who caused a fault, as the post-incident review (事后分析) decides. */
export const faultCauses = ['vendor', 'hospital', 'third-party', 'unknown'] as const;

/** The human ticket number, e.g. WHZX-2026-00042: hospital code, year of the report, sequence. */
export function ticketNumber(hospitalCode: string, year: number, sequence: number): string {
  return `${hospitalCode}-${year}-${String(sequence).padStart(5, '0')}`;
}

export const ticketNumberPattern = /\b([A-Z][A-Z0-9]{1,9})-(\d{4})-(\d{5,})\b/;
