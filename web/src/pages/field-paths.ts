export type ContractField =
  ['name'] | ['number'] | ['escalationContacts', number, 'name' | 'title' | 'email' | 'phone'];
export type HospitalField = ['id' | 'name' | 'code' | 'campuses' | 'intakeLocalPart'];

const contactFields = ['name', 'title', 'email', 'phone'] as const;
const hospitalFields = ['id', 'name', 'code', 'intakeLocalPart'] as const;

/**
 * Where a problem+json error path lands in the contract edit form: terms.name → ['name'],
 * terms.escalationContacts.1.email → ['escalationContacts', 1, 'email']; null when the form has
 * no such field (the message then shows above the form).
 */
export function fieldOfPath(path: string): ContractField | null {
  const parts = path.split('.');
  if (parts[0] !== 'terms') return null;
  const [, field, index, sub] = parts;
  if (field === 'name' && parts.length === 2) return ['name'];
  if (field === 'number' && parts.length === 2) return ['number'];
  if (field !== 'escalationContacts' || parts.length !== 4 || !/^\d+$/.test(index ?? '')) {
    return null;
  }
  const known = contactFields.find((f) => f === sub);
  return known ? ['escalationContacts', Number(index), known] : null;
}

/** The same for the new-hospital form, whose body is the form itself: id, name, campuses.0 … */
export function hospitalFieldOfPath(path: string): HospitalField | null {
  const [field] = path.split('.');
  if (field === 'campuses') return ['campuses'];
  const known = hospitalFields.find((f) => f === field);
  return known ? [known] : null;
}

export type NewContractField =
  | ['name' | 'number' | 'total' | 'signedOn' | 'startsOn' | 'endsOn' | 'coveredSystem']
  | ['subsystems', number, 'name' | 'amount']
  | ['serviceManager', 'name' | 'email']
  | ['escalationContacts', number, 'name' | 'title' | 'email' | 'phone'];

const newContractTop: Record<string, NewContractField> = {
  'terms.name': ['name'],
  'terms.number': ['number'],
  'terms.totalFen': ['total'],
  'terms.signedOn': ['signedOn'],
  'terms.term.startsOn': ['startsOn'],
  'terms.term.endsOn': ['endsOn'],
  'terms.coveredSystem': ['coveredSystem'],
  'terms.serviceManager.name': ['serviceManager', 'name'],
  'terms.serviceManager.email': ['serviceManager', 'email'],
};

/**
 * The same for the new-contract form, which shows more of the terms: terms.totalFen → ['total'],
 * terms.subsystems.2.amountFen → ['subsystems', 2, 'amount'], the contacts as in the edit form.
 */
export function newContractFieldOfPath(path: string): NewContractField | null {
  const top = newContractTop[path];
  if (top) return top;
  const sub = /^terms\.subsystems\.(\d+)\.(name|amountFen)$/.exec(path);
  if (sub) return ['subsystems', Number(sub[1]), sub[2] === 'name' ? 'name' : 'amount'];
  const contact = fieldOfPath(path);
  return contact && contact[0] === 'escalationContacts' ? contact : null;
}
