import type { FormInstance } from 'antd';

/**
 * After a 409: the fields this person left alone take what the other saved; what was typed stays,
 * to be saved again on the latest version.
 */
export function loadIntoUntouched<V extends object>(form: FormInstance<V>, fresh: V): void {
  const untouched = (Object.keys(fresh) as (keyof V & string)[]).filter(
    (k) => !(form.isFieldTouched as (name: string) => boolean)(k),
  );
  form.setFieldsValue(
    Object.fromEntries(untouched.map((k) => [k, fresh[k]])) as Parameters<
      FormInstance<V>['setFieldsValue']
    >[0],
  );
}
