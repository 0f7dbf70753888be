import { routes, type RouteDef } from '@weibao/api';
import { describe, expect, it, vi } from 'vitest';
import { useTestStack } from '../support/stack.ts';

// The local stack gives each route's handler only the environment its `uses` grants on AWS. Here
// two routes of the real table get a twin that runs the same handler file but forgets one grant;
// the twin must fail locally, as it would on AWS, while the original keeps working.

function route(operationId: string): RouteDef {
  const found = routes.find((r) => r.operationId === operationId);
  if (!found) throw new Error(`no route ${operationId}`);
  return found;
}

const upload = route('createDeliverableUpload');
const createTicket = route('createTicket');
/** The same handler without `uses.files`: no FILES_BUCKET, as on AWS. */
const uploadWithoutFiles: RouteDef = {
  ...upload,
  operationId: 'createDeliverableUploadWithoutFiles',
  path: upload.path.replace(/\/uploads$/, '/uploads-without-files'),
  uses: {},
};
/** The same handler without `mail: 'send'`: timers, but no MAIL_FROM. */
const createTicketWithoutMail: RouteDef = {
  ...createTicket,
  operationId: 'createTicketWithoutMail',
  path: `${createTicket.path}-without-mail`,
  uses: { timers: 'replace' },
};

const stack = await useTestStack({
  routes: [...routes, uploadWithoutFiles, createTicketWithoutMail],
});

const contractPath = '/api/hospitals/whzx/contracts/01KAW00000000000000000WHZX';
const manager = 'manager@vendor.example';

function post(path: string, body: unknown) {
  return stack.fetchAs(manager, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
const requestUpload = (suffix: string) =>
  post(`${contractPath}/deliverables/1/inspection-report/${suffix}`, {
    fileName: '巡检单.pdf',
    contentType: 'application/pdf',
    sizeBytes: 1024,
  });
const reportFault = (path: string) =>
  post(path, {
    kind: 'fault',
    severity: 'minor',
    title: '检验科打印机无法出单',
    description: '检验科报告打印失败',
  });

/** What the handlers logged (Powertools writes JSON lines): the reason a 500 had. */
function captureLog() {
  const spies = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation(() => true),
  );
  return {
    text: () => spies.flatMap((spy) => spy.mock.calls.map((call) => String(call[0]))).join('\n'),
    mockRestore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

describe('a route gets only the environment its uses grants, as on AWS', () => {
  it('a deliverable upload without uses.files answers 500 (no FILES_BUCKET); with it, 201', async () => {
    const logged = captureLog();
    try {
      // The granted function first: its handler module and adapters are loaded and warm.
      expect((await requestUpload('uploads')).status).toBe(201);
      const refused = await requestUpload('uploads-without-files');
      expect(refused.status).toBe(500);
      expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
      expect(logged.text()).toMatch(/FILES_BUCKET is not set/);
      expect((await requestUpload('uploads')).status).toBe(201);
    } finally {
      logged.mockRestore();
    }
  });

  it('a ticket report without mail: send answers 500 (no MAIL_FROM); with it, 201', async () => {
    const logged = captureLog();
    try {
      expect((await reportFault('/api/hospitals/whzx/tickets')).status).toBe(201);
      expect((await reportFault('/api/hospitals/whzx/tickets-without-mail')).status).toBe(500);
      expect(logged.text()).toMatch(/MAIL_FROM is not set/);
    } finally {
      logged.mockRestore();
    }
  });

  it('concurrent requests to both functions each see their own environment', async () => {
    const logged = captureLog();
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          requestUpload(i % 2 === 0 ? 'uploads' : 'uploads-without-files'),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([201, 500, 201, 500, 201, 500]);
    } finally {
      logged.mockRestore();
    }
  });

  it('outside any function the process keeps the whole local environment (the tests read it)', () => {
    expect(process.env.FILES_BUCKET).toBe(stack.env.filesBucket);
    expect(process.env.MAIL_FROM).toBe(stack.env.mailFrom);
  });
});
