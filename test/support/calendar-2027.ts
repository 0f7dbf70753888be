// A year as a test enters it (the shape of a State Council notice: holidays with their weekend
// days, 调休 Saturdays and Sundays marked 班), not a claim about the real 2027 notice.
export const ics2027 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//weibao test//CN',
  ...[
    ['20270101', '20270104', '元旦 休'],
    ['20270205', '20270212', '春节 休'],
    ['20270213', null, '春节 补班'],
    ['20270403', '20270406', '清明节 休'],
    ['20270501', '20270506', '劳动节 休'],
    ['20270509', null, '劳动节 补班'],
    ['20270609', '20270612', '端午节 休'],
    ['20270915', '20270918', '中秋节 休'],
    ['20271001', '20271008', '国庆节 休'],
    ['20271009', null, '国庆节 补班'],
  ].flatMap(([start, end, summary], i) => [
    'BEGIN:VEVENT',
    `UID:test-2027-${i}@weibao`,
    `DTSTART;VALUE=DATE:${start}`,
    ...(end ? [`DTEND;VALUE=DATE:${end}`] : []),
    `SUMMARY:${summary}`,
    'END:VEVENT',
  ]),
  'END:VCALENDAR',
].join('\r\n');
