import { Tooltip } from 'antd';
import { personName, type PersonLike } from '../format/person.ts';

/** A person by name, their e-mail on hover; the e-mail itself where no name is known. */
export function PersonName({
  who,
  fallback,
}: {
  who: PersonLike | null | undefined;
  fallback: string;
}) {
  const name = personName(who, fallback);
  return who?.email && name !== who.email ? (
    <Tooltip title={who.email}>
      <span>{name}</span>
    </Tooltip>
  ) : (
    <>{name}</>
  );
}
