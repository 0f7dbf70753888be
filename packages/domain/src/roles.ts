/** Who works in weibao; the Cognito group names are these values. */
export const vendorRoles = ['vendor-admin', 'service-manager', 'support-engineer'] as const;
export const hospitalRoles = ['hospital-it', 'hospital-dept'] as const;
export const thirdPartyRoles = ['supervisor', 'auditor'] as const;
export const roles = [...vendorRoles, ...hospitalRoles, ...thirdPartyRoles] as const;
export type Role = (typeof roles)[number];
export type VendorRole = (typeof vendorRoles)[number];

export function isVendorRole(role: Role): role is VendorRole {
  return (vendorRoles as readonly string[]).includes(role);
}

/** Chinese names of the roles, as the SPA and the emails show them. */
export const roleNamesZh: Record<Role, string> = {
  'vendor-admin': '厂商管理员',
  'service-manager': '服务经理',
  'support-engineer': '技术支持工程师',
  'hospital-it': '信息中心',
  'hospital-dept': '使用科室',
  supervisor: '监理',
  auditor: '审计',
};
