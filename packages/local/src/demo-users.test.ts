import { isVendorRole } from '@weibao/domain';
import { describe, expect, it } from 'vitest';
import { demoUserByEmail, demoUsers } from './demo-users.ts';

describe('the demo users', () => {
  it('have unique emails and subs', () => {
    expect(new Set(demoUsers.map((u) => u.email)).size).toBe(demoUsers.length);
    expect(new Set(demoUsers.map((u) => u.sub)).size).toBe(demoUsers.length);
  });

  it('name a hospital exactly when the role is a hospital role', () => {
    for (const u of demoUsers)
      expect(u.hospitalId === undefined, u.email).toBe(isVendorRole(u.role));
  });

  it('include a second hospital’s user to prove isolation', () => {
    expect(new Set(demoUsers.map((u) => u.hospitalId).filter(Boolean))).toEqual(
      new Set(['whzx', 'jcey']),
    );
  });

  it('include an engineer assigned to whzx only, and only engineers carry assignments', () => {
    const limited = demoUsers.filter((u) => u.assignedHospitals);
    expect(limited.map((u) => [u.email, u.assignedHospitals])).toEqual([
      ['engineer@vendor.example', ['whzx']],
    ]);
    expect(limited.every((u) => u.role === 'support-engineer')).toBe(true);
  });

  it('are found by email regardless of case and surrounding spaces', () => {
    expect(demoUserByEmail(' Admin@Vendor.example ')?.role).toBe('vendor-admin');
    expect(demoUserByEmail('nobody@vendor.example')).toBeUndefined();
  });
});
