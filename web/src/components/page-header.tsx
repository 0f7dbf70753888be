import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  title: string;
  to?: string;
}

/** Breadcrumb, title and the page's actions; wraps under the title on a phone. */
export function PageHeader({
  title,
  crumbs = [],
  tags,
  extra,
}: {
  title: ReactNode;
  crumbs?: Crumb[];
  tags?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div className="page-header-main">
        {crumbs.length > 0 ? (
          <Breadcrumb
            items={crumbs.map((c) => ({
              key: c.to ?? c.title,
              title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title,
            }))}
          />
        ) : null}
        <div className="page-header-title">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tags}
        </div>
      </div>
      {extra ? <div className="page-header-extra">{extra}</div> : null}
    </div>
  );
}
