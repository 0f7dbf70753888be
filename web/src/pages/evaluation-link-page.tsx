import { useMutation, useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result } from 'antd';
import { useParams } from 'react-router';
import { useApi } from '../auth/auth-context.tsx';
import { LinkLoading, LinkRefused } from '../components/link-states.tsx';
import { ProblemAlert } from '../components/page-states.tsx';
import { formatCny, formatShanghai } from '../format/format.ts';
import { useLocale } from '../i18n/locale.tsx';
import { OverallPreview, ratedPart } from './evaluations/overall-preview.tsx';
import { PartForm, partBody, type PartValues } from './evaluations/part-form.tsx';

/**
 * The page an evaluation link opens (no account needed): the quarter's figures from the record,
 * and the evaluator's own section to fill in. Nothing is entered until they submit; the rating
 * shows as they type (the domain's rule, the contract's thresholds) and the server's after.
 */
export function EvaluationLinkPage() {
  const { token = '' } = useParams();
  const api = useApi();
  const { t } = useLocale();
  const described = useQuery({
    queryKey: ['evaluation-link', token],
    queryFn: () => api.call('describeEvaluationLink', { query: { token } }),
    retry: false,
  });
  const enter = useMutation({
    mutationFn: (v: PartValues) =>
      api.call('enterEvaluationPartByLink', { body: { token, ...partBody(v) } }),
  });

  if (described.isPending) return <LinkLoading />;
  if (described.isError)
    return (
      <LinkRefused
        error={described.error}
        used={t.evaluationLink.used}
        expired={t.evaluationLink.expired}
      />
    );
  const d = described.data;
  if (enter.isSuccess) {
    const saved = enter.data.evaluation;
    const rating = saved.rating;
    const mine = ratedPart(saved[d.section], d.thresholds);
    return (
      <Result
        status="success"
        title={t.evaluationLink.done}
        data-testid="evaluation-link-done"
        subTitle={
          rating
            ? `${t.evaluationLink.overall}: ${t.evaluationLink.ratings[rating.overall]}`
            : mine.state === 'rated'
              ? `${t.evaluations.sectionRating}: ${t.evaluationLink.ratings[mine.rating.rating]}`
              : ''
        }
      />
    );
  }
  if (d.evaluation.signatures.length > 0)
    return <Result status="info" title={t.evaluationLink.used} />;
  const f = d.evaluation.figures;
  const faults = f.vendorFaultsWithoutNotice;
  return (
    <div className="signed-link-page">
      <Card
        title={
          d.section === 'serviceLevel'
            ? t.evaluationLink.titleServiceLevel
            : t.evaluationLink.titleServiceQuality
        }
      >
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t.signedLink.hospital}>{d.hospitalName}</Descriptions.Item>
          <Descriptions.Item label={t.evaluationLink.period}>
            {d.evaluation.period.startsOn} – {d.evaluation.period.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t.evaluationLink.lateResponses}>
            {f.lateResponses} ({formatCny(f.lateResponseDeductionFen)})
          </Descriptions.Item>
          <Descriptions.Item label={t.evaluationLink.vendorFaults}>
            {faults.fatal} / {faults.serious} / {faults.minor} (
            {formatCny(f.vendorFaultDeductionFen)})
          </Descriptions.Item>
          <Descriptions.Item label={t.signedLink.recipient}>{d.email}</Descriptions.Item>
          <Descriptions.Item label={t.signedLink.expiresAt}>
            {formatShanghai(d.expiresAt)}
          </Descriptions.Item>
        </Descriptions>
        <div style={{ marginTop: 16 }}>
          <PartForm
            thresholds={d.thresholds}
            submitting={enter.isPending}
            submitText={t.evaluationLink.submit}
            onSubmit={(v) => enter.mutate(v)}
            error={enter.isError ? <ProblemAlert error={enter.error} /> : null}
            overall={(live) => (
              <OverallPreview
                live={live}
                other={ratedPart(
                  d.section === 'serviceLevel'
                    ? d.evaluation.serviceQuality
                    : d.evaluation.serviceLevel,
                  d.thresholds,
                )}
              />
            )}
          />
        </div>
      </Card>
    </div>
  );
}
