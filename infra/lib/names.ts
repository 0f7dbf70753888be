/**
 * vendor-admin → VendorAdmin, createHospital → CreateHospital: construct ids derived from names
 * that are already stable (roles, operationIds), so logical ids never depend on list order.
 */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
