import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A page's frame: its heading takes the focus on arrival, so keyboard and screen-reader users
 * start where the content starts after a navigation.
 */
export function Page({ title, intro, actions, children }: { title: string; intro?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Syntroph Hub`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <article className="page">
      <header className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>{title}</h1>
          {intro && <p className="muted">{intro}</p>}
        </div>
        {actions && <div className="row">{actions}</div>}
      </header>
      {children}
    </article>
  );
}

/** A titled block of a page. */
export function Panel({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`panel ${className ?? ''}`} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
