import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/locale.tsx';
import { downloadXlsx, type Sheet } from './xlsx.ts';

/** 导出 Excel: the rows the page shows now, as an .xlsx named for what it is. */
export function ExportButton({
  fileName,
  sheet,
  disabled,
}: {
  fileName: string;
  sheet: () => Sheet;
  disabled?: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      disabled={disabled}
      data-testid="export-xlsx"
      onClick={() => {
        setBusy(true);
        downloadXlsx(fileName, sheet())
          .catch(() => message.error(t.common.exportFailed))
          .finally(() => setBusy(false));
      }}
    >
      {t.common.exportXlsx}
    </Button>
  );
}

/** Today in Beijing for a file name: 2026-12-05. */
export const todayInBeijing = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
