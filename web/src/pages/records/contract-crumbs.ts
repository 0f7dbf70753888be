import type { Crumb } from '../../components/page-header.tsx';
import { useContract, useCurrentUser, useHospital } from '../../api/queries.ts';
import { useT } from '../../i18n/locale.tsx';
import { hospitalCrumbs } from '../hospital-page.tsx';

export const contractPath = (hospitalId: string, contractId: string) =>
  `/hospitals/${encodeURIComponent(hospitalId)}/contracts/${encodeURIComponent(contractId)}`;

/** 医院 › 武汉市中心医院 › 合同名: the trail above every page of one contract. */
export function useContractCrumbs(hospitalId: string, contractId: string): Crumb[] {
  const t = useT();
  const me = useCurrentUser();
  const hospital = useHospital(hospitalId);
  const contract = useContract(hospitalId, contractId);
  return [
    ...hospitalCrumbs(me.hospitalId === null, t, hospital.data),
    ...(contract.data
      ? [{ title: contract.data.terms.name, to: contractPath(hospitalId, contractId) }]
      : []),
  ];
}
