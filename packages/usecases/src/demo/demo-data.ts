import {
  addDays,
  contractFromTemplate,
  yearOf,
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

export interface DemoContract {
  id: string;
  hospitalId: string;
  terms: ContractTerms;
}

/**
 * The seed's CPOE contract (188,000.00 CNY, one year from signing). The seed gives no
 * per-subsystem amounts, so the demo splits the total evenly over the eight subsystems.
 */
function demoContractsSigned(signedOn: { whzx: string; jcey: string }): DemoContract[] {
  return [
    {
      id: '01KAW00000000000000000WHZX',
      hospitalId: 'whzx',
      terms: contractFromTemplate(seedCpoeTemplate, {
        number: `WHZX-WB-${yearOf(signedOn.whzx)}-001`,
        totalFen: 18_800_000,
        signedOn: signedOn.whzx,
        serviceManager: { name: '王芳', email: 'manager@vendor.example' },
        escalationContacts: [
          {
            name: '信息中心主任',
            email: 'it-director@whch.example',
            phone: null,
            title: '信息中心主任',
          },
          { name: '厂商服务经理', email: 'manager@vendor.example', phone: null, title: '服务经理' },
        ],
        // They receive the signed links that enter their part of each 维保服务评价报告.
        evaluators: {
          department: { name: '陈静', email: 'dept@whch.example', title: '使用科室评价人' },
          itCenter: { name: '刘洋', email: 'it@whch.example', title: '信息中心评价人' },
        },
      }),
    },
    {
      id: '01KAW00000000000000000JCEY',
      hospitalId: 'jcey',
      terms: contractFromTemplate(seedCpoeTemplate, {
        name: `${yearOf(signedOn.jcey)}年电子病历系统售后维保`,
        number: `JCEY-WB-${yearOf(signedOn.jcey)}-003`,
        totalFen: 9_600_000,
        signedOn: signedOn.jcey,
        serviceManager: { name: '王芳', email: 'manager@vendor.example' },
        escalationContacts: [
          { name: '信息科科长', email: 'it@second.example', phone: null, title: '信息科科长' },
        ],
      }),
    },
  ];
}

/** The demo contracts as the tests know them: signed on fixed days of 2026. */
export const demoContracts: DemoContract[] = demoContractsSigned({
  whzx: '2026-01-05',
  jcey: '2026-03-01',
});

/**
 * The demo contracts for a person's first `npm start`: signed shortly before `today` (YYYY-MM-DD,
 * 北京时间), so the demo shows contracts in their first quarter with the first inspection ahead,
 * not a year of overdue obligations; the seed's whzx contract 20 days ago, jcey's 40.
 */
export function demoContractsDatedFrom(today: string): DemoContract[] {
  return demoContractsSigned({ whzx: addDays(today, -20), jcey: addDays(today, -40) });
}
