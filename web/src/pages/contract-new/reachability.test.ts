import { describe, expect, it } from 'vitest';
import { missingRecipients } from './reachability.ts';

const contact = { name: '李主任', email: 'li@whch.example', phone: null, title: null };

describe('whom a contract’s reminders cannot reach', () => {
  it('names a missing service manager and missing escalation contacts apart', () => {
    expect(missingRecipients({ serviceManager: null, escalationContacts: [] })).toEqual({
      serviceManager: true,
      escalationContacts: true,
    });
    expect(
      missingRecipients({
        serviceManager: { name: '王芳', email: 'manager@vendor.example' },
        escalationContacts: [],
      }),
    ).toEqual({ serviceManager: false, escalationContacts: true });
    expect(missingRecipients({ escalationContacts: [contact] })).toEqual({
      serviceManager: true,
      escalationContacts: false,
    });
  });
});
