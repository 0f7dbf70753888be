import type { HospitalRecord } from '@weibao/store';
import { AppError } from '../errors.ts';

/** Where a report says the fault is (院区, 病区/房间) and a phone to call the reporter back on. */
export interface ReportWhere {
  campus?: string | undefined;
  place?: string | undefined;
  contactPhone?: string | undefined;
  /** Uploads (requestTicketUpload) the report names; checked by attachmentsOnRecord. */
  attachments?: { key: string; filename: string }[] | undefined;
}

/** The campus as the hospital's record names it; a name the hospital does not have is refused. */
export function campusOnRecord(
  hospital: Pick<HospitalRecord, 'campuses'>,
  campus: string | undefined,
): string | null {
  if (!campus) return null;
  if (!hospital.campuses.includes(campus))
    throw new AppError('invalid', '该医院没有这个院区', { path: 'campus' });
  return campus;
}
