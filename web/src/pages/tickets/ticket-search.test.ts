import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../api/ticket-queries.ts';
import {
  searchFromParams,
  searchToParams,
  ticketMatches,
  type TicketSearch,
} from './ticket-search.ts';

/** The fields a search reads; the rest of a ticket does not matter to it. */
const ticket = (over: Partial<Ticket>): Ticket =>
  ({
    number: 'WHZX-2026-0042',
    title: '门诊医生站无法开立处方',
    description: '全院门诊医生站报错，处方无法保存。',
    reporter: { name: '陈静', email: 'dept@whch.example', phone: '027-88886666', sub: null },
    hospitalId: 'whzx',
    reportedAt: '2026-11-30T16:30:00.000Z', // 2026-12-01 00:30 北京时间
    status: 'closed',
    severity: 'serious',
    subsystemId: 's1',
    assignee: { sub: 'u-engineer', email: 'engineer@vendor.example', name: '李强' },
    ...over,
  }) as Ticket;

const finds = (s: TicketSearch, over: Partial<Ticket> = {}) => ticketMatches(ticket(over), s);

describe('searching a hospital’s tickets', () => {
  it('finds a closed ticket by words of its title, description, number or reporter, every word somewhere', () => {
    expect(finds({ q: '处方' })).toBe(true);
    expect(finds({ q: 'whzx-2026-0042' })).toBe(true);
    expect(finds({ q: '陈静 保存' })).toBe(true);
    expect(finds({ q: '88886666' })).toBe(true);
    expect(finds({ q: '陈静 检验' })).toBe(false);
    expect(finds({ q: '处方', status: 'closed' })).toBe(true);
    expect(finds({ q: '处方', status: 'new' })).toBe(false);
  });

  it('counts the report day in 北京时间: a report at 00:30 on 1 December is not one of 30 November', () => {
    expect(finds({ from: '2026-12-01', to: '2026-12-01' })).toBe(true);
    expect(finds({ to: '2026-11-30' })).toBe(false);
    expect(finds({ from: '2026-12-02' })).toBe(false);
  });

  it('narrows by severity, subsystem and assignee, and finds the tickets nobody has taken', () => {
    expect(finds({ severity: 'serious', subsystemId: 's1', assignee: 'u-engineer' })).toBe(true);
    expect(finds({ severity: 'fatal' })).toBe(false);
    expect(finds({ subsystemId: 's2' })).toBe(false);
    expect(finds({ assignee: 'someone-else' })).toBe(false);
    expect(finds({ assignee: 'none' })).toBe(false);
    expect(finds({ assignee: 'none' }, { assignee: null })).toBe(true);
  });

  it('narrows 工单查询 across hospitals to one hospital', () => {
    expect(finds({ hospitalId: 'whzx', q: '处方' })).toBe(true);
    expect(finds({ hospitalId: 'jcey', q: '处方' })).toBe(false);
  });

  it('keeps a search in the address and reads back only values of the shapes it writes', () => {
    const s: TicketSearch = {
      hospitalId: 'jcey',
      q: '处方 陈静',
      status: 'closed',
      from: '2026-12-01',
      to: '2026-12-04',
    };
    expect(searchFromParams(searchToParams(s))).toEqual(s);
    expect(
      searchFromParams(
        new URLSearchParams(
          'status=gone&severity=<b>&from=yesterday&subsystemId=a%20b&q=%20%20&hospitalId=../x',
        ),
      ),
    ).toEqual({});
  });

  it('narrows to change requests, in one state of approval and progress, and keeps it in the address', () => {
    const change = (progress: NonNullable<Ticket['change']>['progress']) => ({
      kind: 'change-request' as const,
      change: { dueOn: '2026-12-20', progress, decision: null, completedAt: null },
    });
    expect(finds({ change: 'any' }, { kind: 'fault' })).toBe(false);
    expect(finds({ change: 'any' }, change('declined'))).toBe(true);
    expect(finds({ change: 'declined' }, change('declined'))).toBe(true);
    expect(finds({ change: 'declined' }, change('approved'))).toBe(false);
    // A template change opened before approval was kept reads as 待审批
    expect(finds({ change: 'pending' }, { kind: 'template-change' })).toBe(true);
    expect(searchFromParams(new URLSearchParams('change=in-progress')).change).toBe('in-progress');
    expect(searchFromParams(new URLSearchParams('change=whatever')).change).toBeUndefined();
    expect(searchToParams({ change: 'done' }).toString()).toBe('change=done');
  });
});
