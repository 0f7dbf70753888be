import { describe, expect, it } from 'vitest';
import { fieldOfPath, hospitalFieldOfPath } from './field-paths.ts';

describe('problem+json paths placed at form fields', () => {
  it('places the contract’s name and each contact field', () => {
    expect(fieldOfPath('terms.name')).toEqual(['name']);
    expect(fieldOfPath('terms.escalationContacts.2.email')).toEqual([
      'escalationContacts',
      2,
      'email',
    ]);
  });

  it('leaves fields the form does not show to the alert above it', () => {
    expect(fieldOfPath('terms.totalFen')).toBeNull();
    expect(fieldOfPath('terms.escalationContacts')).toBeNull();
    expect(fieldOfPath('version')).toBeNull();
    expect(fieldOfPath('terms.escalationContacts.x.email')).toBeNull();
  });

  it('places the new hospital’s fields, campuses as one field', () => {
    expect(hospitalFieldOfPath('id')).toEqual(['id']);
    expect(hospitalFieldOfPath('campuses.3')).toEqual(['campuses']);
    expect(hospitalFieldOfPath('colour')).toBeNull();
  });
});
