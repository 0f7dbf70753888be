import { Select, Spin, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useState } from 'react';
import { useHospitalNames, useHospitalSearch, useSettled } from '../api/queries.ts';
import { useT } from '../i18n/locale.tsx';

/** Hospitals offered at a time: the first of the list, or of those the words find. */
const offered = 20;

type Common = {
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  allowClear?: boolean;
  'data-testid'?: string;
  id?: string;
};

/**
 * A hospital picker that searches on the server as one types (name, campus, code or intake
 * address) and offers 20 at a time, so it stays quick at a thousand hospitals; the chosen ones are
 * named by id. Single or multiple, inside a Form.Item or on its own.
 */
export function HospitalSelect(
  props: Common &
    (
      | { mode?: undefined; value?: string; onChange?: (value: string | undefined) => void }
      | { mode: 'multiple'; value?: string[]; onChange?: (value: string[]) => void }
    ),
) {
  const t = useT();
  const [words, setWords] = useState('');
  const [open, setOpen] = useState(false);
  const settled = useSettled(words);
  const search = useHospitalSearch(settled, { limit: offered, enabled: open });
  const chosenIds =
    props.value === undefined ? [] : Array.isArray(props.value) ? props.value : [props.value];
  const chosen = useHospitalNames(chosenIds);
  const options = new Map<string, string>();
  for (const id of chosenIds) options.set(id, chosen.nameOf(id));
  for (const h of search.data?.items ?? []) options.set(h.id, h.name);
  // Still typing (the words have not settled) or the search for them is under way.
  const searching = open && (search.isFetching || settled !== words);
  const more = Boolean(search.data?.next);
  const { mode, value, onChange, ...common } = props;
  return (
    <Select<string | string[]>
      {...common}
      mode={mode}
      value={value}
      onChange={(v) => {
        setWords('');
        (onChange as ((v: unknown) => void) | undefined)?.(v);
      }}
      onOpenChange={setOpen}
      showSearch={{ filterOption: false, searchValue: words, onSearch: setWords }}
      loading={chosen.isPending && chosenIds.length > 0}
      options={[...options].map(([id, name]) => ({ value: id, label: name }))}
      notFoundContent={searching ? <Spin size="small" /> : t.hospitals.noMatch}
      popupRender={(menu) => (
        <>
          {menu}
          {more ? (
            <Typography.Text
              type="secondary"
              style={{ display: 'block', padding: '4px 12px', fontSize: 12 }}
              data-testid="hospital-select-more"
            >
              {t.hospitals.pickerMore(offered)}
            </Typography.Text>
          ) : null}
        </>
      )}
    />
  );
}
