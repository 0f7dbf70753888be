import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { formatShanghai } from '../format/format.ts';
import { useT } from '../i18n/locale.tsx';

/**
 * 打印: the browser's print dialog on the page as the print stylesheet lays it out (no menu, no
 * actions, the content full width), for the paper file a hospital keeps of a ticket or a ledger.
 */
export function PrintButton() {
  const t = useT();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
      {t.common.print}
    </Button>
  );
}

/** On paper only: what was printed, of whom, and when in Beijing time (read when printing). */
export function PrintStamp({ subject }: { subject: string }) {
  const t = useT();
  // Re-rendered in beforeprint, so a page left open for hours stamps the time it was printed.
  usePrinting();
  return (
    <div className="print-only print-stamp" data-testid="print-stamp">
      {subject} · {t.common.printedAt(formatShanghai(new Date().toISOString()))}
    </div>
  );
}

/**
 * True while the browser prints (Ctrl+P as well as 打印), so a paged table can lay out every row on
 * paper: the state changes synchronously in beforeprint, before the browser lays out the pages.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}
