import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeFunctionMetrics } from './metrics.ts';

interface Emf {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** The EMF lines Powertools Metrics writes to stdout while `act` runs. */
function emfLines(act: () => void): Emf[] {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Emf);
}

afterEach(() => vi.unstubAllEnvs());

const powertools = () => new Metrics({ namespace: 'weibao-test', serviceName: 'weibao' });

describe('business metrics as CloudWatch EMF', () => {
  it('writes a ticket opened by email with its channel and severity as dimensions, and the service', () => {
    // Prepare
    const m = makeFunctionMetrics(powertools());
    // Act
    const lines = emfLines(() => {
      m.ticketOpened({ channel: 'email', severity: 'fatal' });
      m.flush();
    });
    // Assess
    expect(lines).toHaveLength(1);
    const [line] = lines as [Emf];
    const [declared] = line._aws.CloudWatchMetrics;
    expect(declared?.Namespace).toBe('weibao-test');
    expect(declared?.Dimensions[0]?.slice().sort()).toEqual(['channel', 'service', 'severity']);
    expect(declared?.Metrics).toEqual([{ Name: 'TicketsOpened', Unit: 'Count' }]);
    expect(line).toMatchObject({
      TicketsOpened: 1,
      channel: 'email',
      severity: 'fatal',
      service: 'weibao',
    });
  });

  it('writes a breach by clock and a deduction with its fen, one line per set of dimension values, once per flush', () => {
    // Prepare
    const m = makeFunctionMetrics(powertools());
    // Act
    const lines = emfLines(() => {
      m.ticketOpened({ channel: 'web', severity: 'serious' });
      m.slaPoint('breach', 'response');
      m.deductionBooked(188_000);
      m.flush();
      m.flush();
    });
    // Assess
    expect(lines).toHaveLength(3);
    const breach = lines.find((l) => 'SlaBreached' in l);
    expect(breach).toMatchObject({ SlaBreached: 1, clock: 'response' });
    expect(breach).not.toHaveProperty('channel');
    const deduction = lines.find((l) => 'DeductionsFen' in l);
    expect(deduction).toMatchObject({ DeductionsBooked: 1, DeductionsFen: 188_000 });
    expect(deduction?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
    expect(lines.find((l) => 'TicketsOpened' in l)).toMatchObject({
      channel: 'web',
      severity: 'serious',
    });
  });

  it('counts mail, reminders and link uses without dimensions', () => {
    const m = makeFunctionMetrics(powertools());
    const lines = emfLines(() => {
      m.mail('taken-in');
      m.mail('quarantined');
      m.mail('ignored');
      m.reminderSent();
      m.linkUsed();
      m.flush();
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      MailTakenIn: 1,
      MailQuarantined: 1,
      MailIgnored: 1,
      RemindersSent: 1,
      LinkUses: 1,
    });
  });

  it('writes nothing without a Powertools instance (no namespace: the local stack and tests)', () => {
    const m = makeFunctionMetrics(null);
    const lines = emfLines(() => {
      m.ticketOpened({ channel: 'web', severity: 'minor' });
      m.flush();
    });
    expect(lines).toEqual([]);
  });
});

describe('the HTTP middleware flushes what a route counted', () => {
  it('a link use counted through functionMetrics() is written when the invocation ends', async () => {
    // Prepare: a fresh module graph, so functionMetrics() is made (and registers) in this test
    vi.resetModules();
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'weibao-test');
    const { functionMetrics } = await import('./metrics.ts');
    const { flushCountedMetrics } = await import('./metrics-flush.ts');
    const middleware = flushCountedMetrics();

    // Act
    const lines = emfLines(() => {
      functionMetrics().linkUsed();
      void middleware.after?.({} as never);
    });

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ LinkUses: 1, service: 'weibao' });
  });
});
