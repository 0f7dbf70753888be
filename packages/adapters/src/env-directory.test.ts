import { describe, expect, it } from 'vitest';
import { directoryFromEnv, vendorStaffDirectory } from './env-directory.ts';

describe('the directory of people the mail intake recognises (MAIL_DIRECTORY)', () => {
  it('finds an address whatever its case, with its role and hospital', () => {
    const d = directoryFromEnv(
      JSON.stringify([
        { email: 'IT@whch.example', role: 'hospital-it', hospitalId: 'whzx', name: '刘洋' },
      ]),
    );
    expect(d.byEmail(' it@WHCH.example ')).toMatchObject({
      email: 'it@whch.example',
      role: 'hospital-it',
      hospitalId: 'whzx',
      sub: 'mail:it@whch.example',
    });
    expect(d.byEmail('someone@else.example')).toBeUndefined();
  });

  it('knows nobody when unset', () => {
    expect(directoryFromEnv(undefined).byEmail('a@b.example')).toBeUndefined();
  });

  it('refuses an unknown role at start, so a typo cannot make someone vendor staff', () => {
    expect(() =>
      directoryFromEnv(JSON.stringify([{ email: 'x@vendor.example', role: 'vendor-boss' }])),
    ).toThrow(/needs an email and a role/);
  });
});

describe('the vendor staff on AWS, from the SSM parameter (addresses, comma-separated)', () => {
  it('knows each address as a support engineer, whatever its case and spacing', () => {
    // Prepare: 200 addresses, far beyond what a 4 KB environment could hold as MAIL_DIRECTORY.
    const list = Array.from({ length: 200 }, (_, i) => `Engineer${i}@Vendor.example`).join(', ');
    // Act
    const d = vendorStaffDirectory(list);
    // Assess
    expect(d.byEmail('engineer199@vendor.example')).toMatchObject({
      role: 'support-engineer',
      hospitalId: null,
      name: 'engineer199@vendor.example',
    });
    expect(d.byEmail('it@whch.example')).toBeUndefined();
    expect(vendorStaffDirectory(undefined).byEmail('engineer0@vendor.example')).toBeUndefined();
  });
});
