import {
  contractFromTemplate,
  seedCpoeTemplate,
  type ContractTerms,
  type HospitalFields,
} from '@weibao/domain';

/** The seed's hospital and a second one that exists to prove isolation. Ids are fixed so loading is idempotent. */
export const demoHospitals: (HospitalFields & { id: string })[] = [
  {
    id: 'whzx',
    name: '武汉市中心医院',
    code: 'WHZX',
    campuses: ['南京路院区', '后湖院区', '杨春湖院区'],
    intakeLocalPart: 'whzx',
  },
  {
    id: 'jcey',
    name: '江城第二人民医院',
    code: 'JCEY',
    campuses: ['主院区'],
    intakeLocalPart: 'jcey',
  },
];

/**
 * The seed's CPOE contract (188,000.00 CNY, one year from signing). The seed gives no
 * per-subsystem amounts, so the demo splits the total evenly over the eight subsystems.
 */
export const demoContracts: { id: string; hospitalId: string; terms: ContractTerms }[] = [
  {
    id: '01KAW00000000000000000WHZX',
    hospitalId: 'whzx',
    terms: contractFromTemplate(seedCpoeTemplate, {
      totalFen: 18_800_000,
      signedOn: '2026-01-05',
      serviceManager: { name: '王芳', email: 'manager@vendor.example' },
      evaluators: {
        department: { name: '医务处评价人', email: 'dept@whch.example' },
        itCenter: { name: '信息中心评价人', email: 'it@whch.example' },
      },
      escalationContacts: [
        {
          name: '信息中心主任',
          email: 'it-director@whch.example',
          phone: null,
          title: '信息中心主任',
        },
        { name: '厂商服务经理', email: 'manager@vendor.example', phone: null, title: '服务经理' },
      ],
    }),
  },
  {
    id: '01KAW00000000000000000JCEY',
    hospitalId: 'jcey',
    terms: contractFromTemplate(seedCpoeTemplate, {
      name: '2026年电子病历系统售后维保',
      totalFen: 9_600_000,
      signedOn: '2026-03-01',
      serviceManager: { name: '王芳', email: 'manager@vendor.example' },
      escalationContacts: [
        { name: '信息科科长', email: 'it@second.example', phone: null, title: '信息科科长' },
      ],
    }),
  },
];
