import { NotFound } from '../components/page-states.tsx';

export function NotFoundPage() {
  return <NotFound />;
}
