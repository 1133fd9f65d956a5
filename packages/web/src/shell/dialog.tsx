import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from './icons.tsx';

/** A side panel over the page; Escape closes it and focus moves into it. */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    panel.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.close)')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={panel} className={`panel${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={title}>
        <header className="panel-header">
          <h2>{title}</h2>
          <button type="button" className="icon-button close" onClick={onClose} aria-label="Close">
            <Icon name="close" />
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
