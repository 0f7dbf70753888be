/**
 * One hospital-month, the workload the cost figure is priced at. Counts per month; each API
 * operation priced with what the benchmark measured for it. Change the numbers here, not in code.
 */
export const hospitalMonth = {
  description:
    '200 tickets a month, 200 users; each ticket: a response and 3 further events, read 10 times with its timeline, 3 timer deliveries, 3 emails in and 4 out',
  users: 200,
  tickets: 200,
  /** API operations per month, by the operation measured in the dynamodb case. */
  operations: {
    createTicket: 200,
    postResponse: 200,
    postComment: 600,
    getTicket: 2_000,
    listTicketEvents: 2_000,
    listTickets: 4_000,
    getVendorQueue: 1_000,
    getHospital: 200,
    getContract: 100,
    listContracts: 100,
    listLedger: 50,
    listHospitals: 50,
    // Timer deliveries: one in five records a breach or at-risk point, the rest find nothing new.
    slaTimerBreach: 120,
    slaTimerRepeat: 480,
  } as Record<string, number>,
  /** Deliveries that are not HTTP requests (no API Gateway charge). */
  nonHttp: ['slaTimerBreach', 'slaTimerRepeat'],
  email: {
    /** 60% of tickets come by email, 3 messages each (report, replies). */
    inbound: 360,
    /** Mean size of an incoming message with its attachments, KiB. */
    inboundKiB: 120,
    /** Acknowledgements, escalations, notices. */
    outbound: 800,
    /**
     * The intake Lambda's duration per message (ms): the mail case's handler p50 of the last full
     * run. A run that includes the mail case prices with its own measurement instead.
     */
    intakeMs: 89.8,
  },
  lambdaMemoryGb: 1,
  /** Bytes stored per ticket: ticket, events, audit records, number item (measured items ~1–2 KB). */
  storedBytesPerTicket: 20_000,
} as const;
