import { PlusOutlined } from '@ant-design/icons';
import { calendarDaysFromIcs } from '@weibao/domain/calendar/calendar-file';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { useMayCall } from '../api/queries.ts';
import type { ResponseOf } from '../api/types.ts';
import { useApi } from '../auth/auth-context.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { NotFound, PageLoading, ProblemAlert, QueryError } from '../components/page-states.tsx';
import { formatShanghai } from '../format/format.ts';
import { useT } from '../i18n/locale.tsx';

type CalendarYear = ResponseOf<'listCalendarYears'>['items'][number];
type Day = { date: string; name: string };
const yearsKey = ['calendar-years'] as const;

interface Values {
  year: number;
  notice: string;
  noticeDate?: Dayjs | null;
  holidays: string;
  makeUpWorkdays: string;
}

const linesOf = (days: readonly Day[]) => days.map((d) => `${d.date} ${d.name}`).join('\n');

/** "2027-01-01 元旦" per line; a line that is not one comes back with its number. */
function daysOf(text: string): { days: Day[]; wrong: { line: number; text: string } | null } {
  const days: Day[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^(\d{4}-\d{2}-\d{2})[\s,，、]+(.+)$/.exec(line);
    if (!m) return { days, wrong: { line: i + 1, text: line } };
    days.push({ date: m[1] as string, name: (m[2] as string).trim() });
  }
  return { days, wrong: null };
}

/** The textarea line of `days[index]` (blank lines are skipped when reading). */
function lineOfIndex(text: string, index: number): number {
  let seen = -1;
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() !== '') seen += 1;
    if (seen === index) return i + 1;
  }
  return index + 1;
}

function EnterYearModal({ before, onClose }: { before: CalendarYear | null; onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [read, setRead] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const initialYear = before?.year ?? dayjs().year() + 1;
  const [year, setYear] = useState(initialYear);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const holidays = daysOf(v.holidays);
      const workdays = daysOf(v.makeUpWorkdays ?? '');
      const wrong = holidays.wrong
        ? { field: 'holidays' as const, ...holidays.wrong }
        : workdays.wrong
          ? { field: 'makeUpWorkdays' as const, ...workdays.wrong }
          : null;
      if (wrong) {
        form.setFields([
          { name: wrong.field, errors: [t.calendar.lineWrong(wrong.line, wrong.text)] },
        ]);
        return null;
      }
      const current = client.getQueryData<CalendarYear[]>(yearsKey)?.find((y) => y.year === v.year);
      return api.call('putCalendarYear', {
        params: { year: v.year },
        body: {
          notice: v.notice.trim(),
          noticeDate: v.noticeDate ? v.noticeDate.format('YYYY-MM-DD') : null,
          holidays: holidays.days,
          makeUpWorkdays: workdays.days,
          version: current?.version ?? 0,
        },
      });
    },
    onMutate: () => setProblem(null),
    onSuccess: (out) => {
      if (!out) return;
      void client.invalidateQueries({ queryKey: yearsKey });
      message.success(
        t.calendar.saved(out.year.year, out.replanned.contracts, out.replanned.changed),
      );
      onClose();
    },
    onError: (err) => {
      const v = form.getFieldsValue();
      type Field = { name: keyof Values; errors: string[] };
      const fields: Field[] =
        err instanceof ApiError
          ? err.fieldErrors.flatMap((e): Field[] => {
              const m = /^(holidays|makeUpWorkdays)\.(\d+)/.exec(e.path);
              if (m) {
                const field = m[1] as 'holidays' | 'makeUpWorkdays';
                const line = lineOfIndex(v[field] ?? '', Number(m[2]));
                return [{ name: field, errors: [t.calendar.lineError(line, e.message)] }];
              }
              if (e.path === 'notice' || e.path === 'noticeDate')
                return [{ name: e.path as 'notice' | 'noticeDate', errors: [e.message] }];
              return [];
            })
          : [];
      form.setFields(fields);
      if (fields.length === 0) setProblem(err);
    },
  });

  const readFile = async (file: File) => {
    try {
      const text = await file.text();
      const days = /^\s*BEGIN:VCALENDAR/i.test(text)
        ? calendarDaysFromIcs(text, year)
        : (JSON.parse(text) as { notice?: string; holidays?: Day[]; makeUpWorkdays?: Day[] });
      form.setFieldsValue({
        holidays: linesOf(days.holidays ?? []),
        makeUpWorkdays: linesOf(days.makeUpWorkdays ?? []),
        ...('notice' in days && typeof days.notice === 'string' ? { notice: days.notice } : {}),
      });
      setRead(t.calendar.fileRead(days.holidays?.length ?? 0, days.makeUpWorkdays?.length ?? 0));
    } catch (err) {
      setRead(t.calendar.fileUnreadable((err as Error).message));
    }
    return false;
  };

  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  return (
    <Modal
      open
      title={before ? `${t.calendar.edit} ${before.year}` : t.calendar.enter}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'save-calendar-year' } as never}
      width={640}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {problem ? <ProblemAlert error={problem} /> : null}
        <Form<Values>
          form={form}
          name="calendar-year"
          layout="vertical"
          initialValues={{
            year: initialYear,
            notice: before?.notice ?? '',
            noticeDate: before?.noticeDate ? dayjs(before.noticeDate) : null,
            holidays: linesOf(before?.holidays ?? []),
            makeUpWorkdays: linesOf(before?.makeUpWorkdays ?? []),
          }}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.year) setYear(changed.year);
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Space wrap>
            <Form.Item
              name="year"
              label={t.calendar.year}
              rules={[{ required: true, message: t.contracts.required }]}
            >
              <InputNumber
                min={2000}
                max={2200}
                disabled={before !== null}
                data-testid="calendar-year"
              />
            </Form.Item>
            <Form.Item name="noticeDate" label={t.calendar.noticeDate}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="notice" label={t.calendar.notice} rules={required}>
            <Input placeholder={t.calendar.noticePlaceholder(year)} data-testid="calendar-notice" />
          </Form.Item>
          <Form.Item label={t.calendar.file} extra={read ?? t.calendar.fileHelp}>
            <Upload
              accept=".ics,.json,text/calendar,application/json"
              showUploadList={false}
              beforeUpload={(file) => readFile(file)}
            >
              <Button data-testid="calendar-file">{t.calendar.file}</Button>
            </Upload>
          </Form.Item>
          <Form.Item
            name="holidays"
            label={t.calendar.holidays}
            rules={required}
            extra={t.calendar.daysHelp}
          >
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 10 }}
              data-testid="calendar-holidays"
            />
          </Form.Item>
          <Form.Item name="makeUpWorkdays" label={t.calendar.makeUpWorkdays}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="calendar-workdays" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}

/** 法定节假日: the years vendor admins entered from the State Council's notices, and entering one. */
export function CalendarYearsPage() {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const [editing, setEditing] = useState<CalendarYear | null | 'new'>(null);
  const years = useQuery({
    queryKey: yearsKey,
    queryFn: async ({ signal }) => (await api.call('listCalendarYears', { signal })).items,
    enabled: may('listCalendarYears'),
  });
  if (!may('listCalendarYears')) return <NotFound />;
  const days = (list: readonly Day[]) => (
    <span title={list.map((d) => `${d.date} ${d.name}`).join('\n')}>
      {t.calendar.days(list.length)}
    </span>
  );
  const columns: TableColumnsType<CalendarYear> = [
    { title: t.calendar.year, dataIndex: 'year', width: 80 },
    {
      title: t.calendar.notice,
      key: 'notice',
      render: (_, y) => (
        <Typography.Text>
          {y.notice}
          {y.noticeDate ? (
            <Typography.Text type="secondary">（{y.noticeDate}）</Typography.Text>
          ) : null}
        </Typography.Text>
      ),
    },
    { title: t.calendar.holidays, key: 'holidays', width: 110, render: (_, y) => days(y.holidays) },
    {
      title: t.calendar.makeUpWorkdays,
      key: 'workdays',
      width: 120,
      render: (_, y) => days(y.makeUpWorkdays),
    },
    {
      title: t.calendar.updatedAt,
      key: 'updated',
      width: 170,
      responsive: ['md'],
      render: (_, y) => formatShanghai(y.updatedAt),
    },
    ...(may('putCalendarYear')
      ? [
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_: unknown, y: CalendarYear) => (
              <Button size="small" onClick={() => setEditing(y)}>
                {t.calendar.edit}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={t.calendar.title}
        extra={
          may('putCalendarYear') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="enter-calendar-year"
            >
              {t.calendar.enter}
            </Button>
          ) : null
        }
      />
      <Alert type="info" showIcon title={t.calendar.hint} style={{ marginBottom: 12 }} />
      <Card size="small">
        {years.isPending ? (
          <PageLoading rows={3} />
        ) : years.isError ? (
          <QueryError error={years.error} onRetry={() => void years.refetch()} />
        ) : (
          <Table<CalendarYear>
            size="small"
            rowKey="year"
            columns={columns}
            dataSource={years.data}
            pagination={false}
            locale={{ emptyText: t.calendar.empty }}
            data-testid="calendar-year-table"
          />
        )}
      </Card>
      {editing ? (
        <EnterYearModal
          before={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
