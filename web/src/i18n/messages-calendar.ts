import type { Widen } from './messages.ts';

/** Texts of the statutory calendar page (法定节假日), where vendor admins enter a year. */
export const calendarZh = {
  calendar: {
    nav: '节假日',
    title: '法定节假日与调休',
    hint: '国务院办公厅每年秋季发布次年的放假安排。录入后立即生效：涉及该年的合同会马上重新排期，到期日、提醒和付款日期按新日历计算。未录入的年份使用内置日历（至 2026 年）。',
    enter: '录入年度安排',
    edit: '修改',
    year: '年份',
    notice: '通知标题',
    noticePlaceholder: (year: number) => `国务院办公厅关于${year}年部分节假日安排的通知`,
    noticeDate: '发布日期',
    holidays: '放假日期',
    makeUpWorkdays: '调休上班日期',
    daysHelp: '每行一天：日期和节日名称，如 “2027-01-01 元旦”。放假期间的周末也要列出。',
    file: '从文件导入',
    fileHelp: '日历文件（.ics，调休上班日的标题含“班”）或 JSON 文件，读入后可在下方核对。',
    fileRead: (holidays: number, workdays: number) =>
      `已读入 ${holidays} 天放假、${workdays} 天调休上班，请核对后保存。`,
    fileUnreadable: (reason: string) => `无法读取该文件：${reason}`,
    lineWrong: (line: number, text: string) =>
      `第 ${line} 行“${text}”应为“日期 名称”，如 2027-01-01 元旦`,
    lineError: (line: number, message: string) => `第 ${line} 行：${message}`,
    saved: (year: number, contracts: number, changed: number) =>
      `已录入 ${year} 年的安排；${contracts} 份合同已重新排期，${changed} 项义务随之更新。`,
    days: (n: number) => `${n} 天`,
    updatedAt: '录入时间',
    version: '版本',
    empty: '尚未录入任何年份，正在使用内置日历。',
    missing: (year: number, contracts: number | undefined) =>
      `${year}年的放假安排尚未录入：${contracts === undefined ? '有' : `${contracts} 份`}合同的到期日、提醒或付款日期要用到它，录入前只显示估计日期。`,
  },
};

export const calendarEn: Widen<typeof calendarZh> = {
  calendar: {
    nav: 'Holidays',
    title: 'Public holidays and make-up working days',
    hint: 'Each autumn the State Council publishes next year’s holidays. An entered year applies at once: contracts reaching into it are planned again, and due dates, reminders and payment dates follow the new calendar. Years not entered use the built-in calendar (to 2026).',
    enter: 'Enter a year',
    edit: 'Edit',
    year: 'Year',
    notice: 'Notice title',
    noticePlaceholder: (year: number) => `State Council notice on the ${year} holidays`,
    noticeDate: 'Published on',
    holidays: 'Days off',
    makeUpWorkdays: 'Make-up working days',
    daysHelp:
      'One day a line: the date and the holiday, e.g. “2027-01-01 元旦”. List the weekend days inside a holiday too.',
    file: 'Import from a file',
    fileHelp:
      'An iCalendar file (.ics; a make-up working day has 班 in its title) or a JSON file; check what it read below.',
    fileRead: (holidays: number, workdays: number) =>
      `Read ${holidays} days off and ${workdays} make-up working days; check them, then save.`,
    fileUnreadable: (reason: string) => `The file cannot be read: ${reason}`,
    lineWrong: (line: number, text: string) =>
      `Line ${line} “${text}” should be “date name”, e.g. 2027-01-01 元旦`,
    lineError: (line: number, message: string) => `Line ${line}: ${message}`,
    saved: (year: number, contracts: number, changed: number) =>
      `${year} entered; ${contracts} contracts planned again, ${changed} obligations changed.`,
    days: (n: number) => `${n} days`,
    updatedAt: 'Entered',
    version: 'Version',
    empty: 'No year entered yet: the built-in calendar is in use.',
    missing: (year: number, contracts: number | undefined) =>
      `The ${year} public holidays are not entered: ${contracts === undefined ? 'contracts' : `${contracts} contracts`} need them for due dates, reminders or payment dates, which show estimates until then.`,
  },
};
