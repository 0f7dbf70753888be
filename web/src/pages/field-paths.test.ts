import { describe, expect, it } from 'vitest';
import { fieldOfPath, hospitalFieldOfPath, newContractFieldOfPath } from './field-paths.ts';

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

  it('places the new contract’s total, term, each subsystem’s amount and every contact field', () => {
    expect(newContractFieldOfPath('terms.totalFen')).toEqual(['total']);
    expect(newContractFieldOfPath('terms.term.endsOn')).toEqual(['endsOn']);
    expect(newContractFieldOfPath('terms.subsystems.3.amountFen')).toEqual([
      'subsystems',
      3,
      'amount',
    ]);
    expect(newContractFieldOfPath('terms.serviceManager.email')).toEqual([
      'serviceManager',
      'email',
    ]);
    expect(newContractFieldOfPath('terms.escalationContacts.0.phone')).toEqual([
      'escalationContacts',
      0,
      'phone',
    ]);
  });

  it('leaves the sum of the subsystems and rules the new-contract form does not edit to the alert', () => {
    expect(newContractFieldOfPath('terms.subsystems')).toBeNull();
    expect(newContractFieldOfPath('terms.slaTargets.0.responseMinutes')).toBeNull();
    expect(newContractFieldOfPath('terms.subsystems.x.amountFen')).toBeNull();
  });
});
