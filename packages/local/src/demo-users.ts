import type { Role } from '@weibao/domain';

export interface DemoUser {
  /** Stable across restarts, as a Cognito user's sub is. */
  sub: string;
  email: string;
  name: string;
  role: Role;
  /** Hospital users only: becomes the token's custom:tenantId. */
  hospitalId?: string;
  /** Support engineers only: limited to these hospitals (seeded as their assignment). */
  assignedHospitals?: readonly string[];
  /** Supervisors and auditors only: the contracts they oversee (in the directory). */
  oversees?: readonly { hospitalId: string; contractId: string }[];
}

/** The hospital most demo data belongs to. */
export const demoHospitalId = 'whzx';
/** A second hospital, there to prove one hospital never sees another's data. */
export const secondHospitalId = 'jcey';

export { demoHospitals } from '@weibao/usecases';

export const demoUsers: readonly DemoUser[] = [
  {
    sub: '6f1c2a3e-0001-4a6b-9c1d-7e2f3a4b5c01',
    email: 'admin@vendor.example',
    name: '张伟',
    role: 'vendor-admin',
  },
  {
    sub: '6f1c2a3e-0002-4a6b-9c1d-7e2f3a4b5c02',
    email: 'engineer@vendor.example',
    name: '李强',
    role: 'support-engineer',
    // Assigned to one hospital: jcey answers this engineer 404, as it would another hospital's user.
    assignedHospitals: [demoHospitalId],
  },
  {
    sub: '6f1c2a3e-0003-4a6b-9c1d-7e2f3a4b5c03',
    email: 'manager@vendor.example',
    name: '王芳',
    role: 'service-manager',
  },
  {
    sub: '6f1c2a3e-0004-4a6b-9c1d-7e2f3a4b5c04',
    email: 'it@whch.example',
    name: '刘洋',
    role: 'hospital-it',
    hospitalId: demoHospitalId,
  },
  {
    sub: '6f1c2a3e-0005-4a6b-9c1d-7e2f3a4b5c05',
    email: 'dept@whch.example',
    name: '陈静',
    role: 'hospital-dept',
    hospitalId: demoHospitalId,
  },
  {
    sub: '6f1c2a3e-0006-4a6b-9c1d-7e2f3a4b5c06',
    email: 'it@second.example',
    name: '赵磊',
    role: 'hospital-it',
    hospitalId: secondHospitalId,
  },
  {
    sub: '6f1c2a3e-0007-4a6b-9c1d-7e2f3a4b5c07',
    email: 'supervisor@jianli.example',
    name: '孙监理',
    role: 'supervisor',
    hospitalId: demoHospitalId,
    oversees: [{ hospitalId: demoHospitalId, contractId: '01KAW00000000000000000WHZX' }],
  },
  {
    sub: '6f1c2a3e-0008-4a6b-9c1d-7e2f3a4b5c08',
    email: 'auditor@shenji.example',
    name: '周审计',
    role: 'auditor',
    hospitalId: demoHospitalId,
    oversees: [{ hospitalId: demoHospitalId, contractId: '01KAW00000000000000000WHZX' }],
  },
];

export function demoUserByEmail(email: string): DemoUser | undefined {
  const wanted = email.trim().toLowerCase();
  return demoUsers.find((u) => u.email === wanted);
}
