import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { invalidateHospitalLists, queryKeys, type Hospital } from '../api/queries.ts';
import { useApi } from '../auth/auth-context.tsx';
import { ProblemAlert } from '../components/page-states.tsx';
import { loadIntoUntouched } from '../components/untouched-fields.ts';
import { useT } from '../i18n/locale.tsx';
import { hospitalFieldOfPath, type HospitalField } from './field-paths.ts';
import { campusesOfText, HospitalFieldItems } from './hospital-fields.tsx';

interface FormValues {
  name: string;
  code: string;
  campuses?: string;
  intakeLocalPart: string;
}

const valuesOf = (h: Hospital): FormValues => ({
  name: h.name,
  code: h.code,
  campuses: h.campuses.join('\n'),
  intakeLocalPart: h.intakeLocalPart,
});

/**
 * 编辑医院 (vendor admin): name, ticket prefix, intake mailbox and campuses, saved on the version
 * read. When someone changed the hospital meanwhile (409) the latest is loaded: fields left alone
 * take the other's values, what was typed stays, to be saved again; the API's 400s show at their fields.
 */
export function EditHospitalModal({
  hospital,
  onClose,
}: {
  hospital: Hospital;
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [version, setVersion] = useState(hospital.version);
  const [problem, setProblem] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);

  const save = async (v: FormValues) => {
    setSaving(true);
    setProblem(null);
    setConflict(false);
    try {
      const saved = await api.call('updateHospital', {
        params: { hospitalId: hospital.id },
        body: {
          version,
          name: v.name.trim(),
          code: v.code.trim(),
          intakeLocalPart: v.intakeLocalPart.trim(),
          campuses: campusesOfText(v.campuses),
        },
      });
      queryClient.setQueryData(queryKeys.hospital(saved.id), saved);
      invalidateHospitalLists(queryClient);
      message.success(t.hospitals.saved(saved.name));
      onClose();
    } catch (err) {
      // A 409 of the version (not of a field, like a mailbox another hospital holds).
      const staleVersion =
        err instanceof ApiError &&
        err.isConflict &&
        err.fieldErrors.every((e) => e.path === 'version');
      if (staleVersion) {
        // Someone saved first: take their version, keep what was typed.
        const latest = await api.call('getHospital', { params: { hospitalId: hospital.id } });
        queryClient.setQueryData(queryKeys.hospital(latest.id), latest);
        setVersion(latest.version);
        loadIntoUntouched(form, valuesOf(latest));
        setConflict(true);
        return;
      }
      const fields =
        err instanceof ApiError
          ? err.fieldErrors.map((e) => ({ name: hospitalFieldOfPath(e.path), errors: [e.message] }))
          : [];
      // An edit has no id field: an error about it (or any other) goes to the alert.
      const bound = fields.flatMap((f) =>
        f.name !== null && f.name[0] !== 'id'
          ? [{ name: [f.name[0]] as [Exclude<HospitalField[0], 'id'>], errors: f.errors }]
          : [],
      );
      form.setFields(bound);
      if (bound.length === 0 || bound.length < fields.length) setProblem(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t.hospitals.editTitle}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(save)}
      okButtonProps={{ 'data-testid': 'save-hospital' } as Record<`data-${string}`, string>}
      width={640}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {conflict ? <Alert type="warning" showIcon title={t.hospitals.conflict} /> : null}
        {problem ? <ProblemAlert error={problem} /> : null}
        <Form<FormValues>
          form={form}
          name="edit-hospital"
          layout="vertical"
          initialValues={valuesOf(hospital)}
        >
          <HospitalFieldItems />
        </Form>
      </Space>
    </Modal>
  );
}
