import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/api-error.ts';
import { useMe } from './api/queries.ts';
import { AuthProvider, useAuth } from './auth/auth-context.tsx';
import type { RuntimeConfig } from './auth/runtime-config.ts';
import { ProblemAlert } from './components/page-states.tsx';
import { LocaleProvider, useLocale } from './i18n/locale.tsx';
import { AppShell } from './layout/app-shell.tsx';
import { landingPath } from './layout/nav.ts';
import { AuditPage } from './pages/audit-page.tsx';
import { CallbackPage } from './pages/callback-page.tsx';
import { ContractNewPage } from './pages/contract-new/contract-new-page.tsx';
import { ContractEditPage } from './pages/contract-edit-page.tsx';
import { ContractPage } from './pages/contract-page.tsx';
import { PeoplePage } from './pages/people/people-page.tsx';
import { CalendarYearsPage } from './pages/calendar-years-page.tsx';
import { VendorProfilePage } from './pages/vendor-profile-page.tsx';
import { CreateHospitalPage } from './pages/create-hospital-page.tsx';
import { HospitalListPage } from './pages/hospital-list-page.tsx';
import { HospitalPage } from './pages/hospital-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { EvaluationLinkPage } from './pages/evaluation-link-page.tsx';
import { InspectionLinkPage } from './pages/inspection-link-page.tsx';
import { QrReportPage } from './pages/qr-report-page.tsx';
import { FeedbackLinkPage } from './pages/feedback-link-page.tsx';
import { FeedbackPage } from './pages/feedback/feedback-page.tsx';
import { InspectionPage } from './pages/inspections/inspection-page.tsx';
import { InspectionsPage } from './pages/inspections/inspections-page.tsx';
import { SignedLinkPage } from './pages/signed-link-page.tsx';
import { LedgerPage } from './pages/ledger-page.tsx';
import { NoticesPage } from './pages/notices-page.tsx';
import { HospitalTicketsPage } from './pages/tickets/hospital-tickets-page.tsx';
import { QueuePage } from './pages/tickets/queue-page.tsx';
import { AllTicketsPage } from './pages/tickets/all-tickets-page.tsx';
import { ReportFaultPage } from './pages/tickets/report-fault-page.tsx';
import { TicketPage } from './pages/tickets/ticket-page.tsx';
import { PageLoading } from './components/page-states.tsx';
import { DeliverablesPage } from './pages/deliverables/deliverables-page.tsx';
import { EvaluationPage } from './pages/evaluations/evaluation-page.tsx';
import { EvaluationsPage } from './pages/evaluations/evaluations-page.tsx';
import { QuarantinePage } from './pages/mail/quarantine-page.tsx';
import { ObligationsPage } from './pages/obligations/obligations-page.tsx';
import { PaymentsPage } from './pages/payments/payments-page.tsx';

// The overview carries ECharts: loaded only when opened, so other pages stay light.
const OverviewPage = lazy(() =>
  import('./pages/overview/overview-page.tsx').then((m) => ({ default: m.OverviewPage })),
);

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a network hiccup or a 5xx may.
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
    },
  });
}

export const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif";

function FullPageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

/** Everything behind sign-in waits for /api/me: role and hospital decide what is shown. */
function SignedIn() {
  const { token, signOut } = useAuth();
  const { t } = useLocale();
  const me = useMe();
  const location = useLocation();
  if (!token) {
    return (
      <Navigate
        to="/sign-in"
        replace
        state={{ returnTo: `${location.pathname}${location.search}` }}
      />
    );
  }
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Result
        status="error"
        title={t.errors.generic}
        extra={[
          <Button key="retry" type="primary" onClick={() => void me.refetch()}>
            {t.common.retry}
          </Button>,
          <Button key="out" onClick={() => void signOut()}>
            {t.header.signOut}
          </Button>,
        ]}
      >
        <ProblemAlert error={me.error} />
      </Result>
    );
  }
  return <AppShell />;
}

function Landing() {
  const me = useMe();
  return me.data ? <Navigate to={landingPath(me.data)} replace /> : null;
}

function Themed({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1d5fc9', borderRadius: 4, fontFamily, fontSize: 13 },
        components: {
          Layout: {
            headerBg: '#ffffff',
            headerHeight: 48,
            headerPadding: '0 16px',
            bodyBg: '#f3f5f8',
          },
          Card: { headerHeightSM: 38 },
          Table: { cellPaddingBlockSM: 6 },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App({ config }: { config: RuntimeConfig }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <LocaleProvider>
      <Themed>
        <QueryClientProvider client={queryClient}>
          <AuthProvider config={config}>
            <BrowserRouter>
              <Routes>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route path="/auth/callback" element={<CallbackPage />} />
                <Route path="/links/:token" element={<SignedLinkPage />} />
                <Route path="/links/evaluation/:token" element={<EvaluationLinkPage />} />
                <Route path="/links/inspection/:token" element={<InspectionLinkPage />} />
                <Route path="/links/feedback/:token" element={<FeedbackLinkPage />} />
                <Route path="/r/:token" element={<QrReportPage />} />
                <Route element={<SignedIn />}>
                  <Route index element={<Landing />} />
                  <Route
                    path="overview"
                    element={
                      <Suspense fallback={<PageLoading />}>
                        <OverviewPage />
                      </Suspense>
                    }
                  />
                  <Route path="queue" element={<QueuePage />} />
                  <Route path="tickets" element={<AllTicketsPage />} />
                  <Route path="tickets/new" element={<ReportFaultPage />} />
                  <Route path="hospitals" element={<HospitalListPage />} />
                  <Route path="hospitals/new" element={<CreateHospitalPage />} />
                  <Route path="hospitals/:hospitalId" element={<HospitalPage />} />
                  <Route path="hospitals/:hospitalId/audit" element={<AuditPage />} />
                  <Route path="hospitals/:hospitalId/tickets" element={<HospitalTicketsPage />} />
                  <Route path="hospitals/:hospitalId/tickets/:ticketId" element={<TicketPage />} />
                  <Route path="hospitals/:hospitalId/notices" element={<NoticesPage />} />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/ledger"
                    element={<LedgerPage />}
                  />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/evaluations"
                    element={<EvaluationsPage />}
                  />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/evaluations/:evaluationId"
                    element={<EvaluationPage />}
                  />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/deliverables"
                    element={<DeliverablesPage />}
                  />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/payments"
                    element={<PaymentsPage />}
                  />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/obligations"
                    element={<ObligationsPage />}
                  />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/inspections"
                    element={<InspectionsPage />}
                  />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/inspections/:inspectionId"
                    element={<InspectionPage />}
                  />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/feedback"
                    element={<FeedbackPage />}
                  />
                  <Route path="mail/quarantine" element={<QuarantinePage />} />
                  <Route path="calendar" element={<CalendarYearsPage />} />
                  <Route path="vendor-profile" element={<VendorProfilePage />} />
                  <Route path="people" element={<PeoplePage />} />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId"
                    element={<ContractPage />}
                  />
                  <Route path="hospitals/:hospitalId/contracts/new" element={<ContractNewPage />} />
                  <Route
                    path="hospitals/:hospitalId/contracts/:contractId/edit"
                    element={<ContractEditPage />}
                  />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </Themed>
    </LocaleProvider>
  );
}

/** When /config.json cannot be read, nothing else can work: say so plainly. */
export function ConfigFailure({ error }: { error: unknown }) {
  return (
    <LocaleProvider>
      <Themed>
        <ConfigFailureBody error={error} />
      </Themed>
    </LocaleProvider>
  );
}

function ConfigFailureBody({ error }: { error: unknown }) {
  const { t } = useLocale();
  return (
    <Result
      status="error"
      title={t.errors.config}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t.common.retry}
        </Button>
      }
    />
  );
}
