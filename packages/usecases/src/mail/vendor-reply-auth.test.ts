import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LinkKey } from '../ports.ts';
import {
  carriesVendorReplyToken,
  splitIntakeLocalPart,
  vendorReplyAuthentication,
  vendorReplyToken,
} from './vendor-reply-auth.ts';

const hmacKeyForTest = (): LinkKey => ({
  sign: async (data) => createHmac('sha256', Buffer.alloc(32, 7)).update(data).digest(),
});
const pass = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;

describe('vendorReplyAuthentication', () => {
  it('lets vendor staff with the signed reply address and SPF and DKIM passing act as the vendor', () => {
    expect(
      vendorReplyAuthentication({ senderIsVendorStaff: true, token: 'valid', verdicts: pass }),
    ).toEqual({ authenticated: true, reasons: [] });
  });

  it('refuses a GRAY SPF, a failed DKIM, a DMARC FAIL or a missing token, saying each reason', () => {
    const d = vendorReplyAuthentication({
      senderIsVendorStaff: true,
      token: 'absent',
      verdicts: { spf: 'GRAY', dkim: 'FAIL', dmarc: 'FAIL' },
    });
    expect(d.authenticated).toBe(false);
    expect(d.reasons).toEqual([
      'not sent to a signed reply address',
      'SPF GRAY',
      'DKIM FAIL',
      'DMARC FAIL',
    ]);
  });

  it('refuses a valid token from a sender who is not vendor staff', () => {
    expect(
      vendorReplyAuthentication({ senderIsVendorStaff: false, token: 'valid', verdicts: pass })
        .authenticated,
    ).toBe(false);
  });
});

describe('vendor reply tokens', () => {
  it('match only the ticket and recipient they were signed for', async () => {
    const key = hmacKeyForTest();
    const token = await vendorReplyToken(key, 'T1', 'Engineer@Vendor.example');
    expect(await carriesVendorReplyToken(key, [token], 'T1', 'engineer@vendor.example')).toBe(
      'valid',
    );
    expect(await carriesVendorReplyToken(key, [token], 'T2', 'engineer@vendor.example')).toBe(
      'invalid',
    );
    expect(await carriesVendorReplyToken(key, [token], 'T1', 'manager@vendor.example')).toBe(
      'invalid',
    );
    expect(await carriesVendorReplyToken(undefined, [token], 'T1', 'x@y.example')).toBe('no-key');
    expect(await carriesVendorReplyToken(key, [], 'T1', 'x@y.example')).toBe('absent');
  });

  it('split from the intake address after the first plus', () => {
    expect(splitIntakeLocalPart('whzx+ab-C_d')).toEqual({ localPart: 'whzx', token: 'ab-C_d' });
    expect(splitIntakeLocalPart('whzx')).toEqual({ localPart: 'whzx', token: null });
  });
});
