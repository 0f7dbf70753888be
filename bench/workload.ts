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
  /**
   * The table stream's rollups (the overview's figures): each operation named here writes a ticket
   * or a ledger entry, a stream record the rollups function takes (one invocation each at one
   * hospital's pace). Per change: the rollups case's figures at a year of tickets (2,400) of the
   * last run that had it (2026-12-06 19:15: 3.5 RRU and 4 WRU, as at 240 tickets; the handler
   * 18.5 ms, median of 10 changes, in-process against DynamoDB Local, 25.4 ms at 240 tickets); a
   * run that includes the rollups case prices with its own.
   */
  rollups: {
    changingOperations: ['createTicket', 'postResponse', 'postComment', 'slaTimerBreach'],
    perChange: { rru: 3.5, wru: 4, ms: 18.5 },
  },
  lambdaMemoryGb: 1,
  /** Bytes stored per ticket: ticket, events, audit records, number item (measured items ~1–2 KB). */
  storedBytesPerTicket: 20_000,
  /**
   * Months of tickets the table holds: a contract year and two renewals, as long as the mail is
   * kept (context mailRetentionDays). The table, its PITR and its backups are priced at this size.
   */
  retainedMonths: 36,
  /**
   * The web app's lists refetch every 60 s while their tab is visible (refetchInterval in
   * web/src/api/ticket-queries.ts; TanStack Query pauses hidden tabs). Assumed: 40 visible tabs
   * of a hospital's 200 users through 10 working hours on 22 days; each poll priced as the
   * ticket list the dynamodb case measures.
   */
  polling: {
    visibleTabs: 40,
    perTabPerMinute: 1,
    workingHoursPerMonth: 220,
    operation: 'listTickets',
  },
  /**
   * The web app through CloudFront (assumed): each user opens it 4 times a working day; a load
   * asks for index.html and config.json (revalidated, no-cache) and gets the hashed bundle from
   * the browser's cache, except twice a month (a deploy) when it downloads the bundle.
   */
  web: {
    loadsPerUser: 88,
    requestsPerLoad: 2,
    bytesPerLoad: 4_000,
    bundleDownloadsPerUser: 2,
    bundleBytes: 1_500_000,
    /** Mean API answer (a list page of 50 tickets is the common one), bytes. */
    apiAnswerBytes: 10_000,
  },
  /** Log bytes (assumed from the formats: 13-field JSON access line, Powertools JSON, WAF record). */
  logBytes: { accessPerRequest: 450, functionPerInvocation: 1_000, wafPerRequest: 1_500 },
  /**
   * KMS requests: upper bound of one per function invocation (DynamoDB under the table's key),
   * plus one per S3 object written or read under SSE-KMS.
   */
  kmsPerInvocation: 1,
  /**
   * Lambda time per API call when no bench run measured it (the docs/performance.md cost table):
   * assumed 100 ms at 1 GB on AWS, more than the local medians (the ticket list's p50 is 8 ms).
   */
  assumedApiMs: 100,
} as const;
