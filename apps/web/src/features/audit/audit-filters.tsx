import type { FormEvent } from 'react';
import type { AuditOutcome } from '@hub/contracts';
import type { AuditFilters } from './api/get-audit';

const OUTCOMES: AuditOutcome[] = ['ok', 'error', 'denied'];

/** `datetime-local` is the user's own zone; the API wants an instant with an offset. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function AuditFilterForm({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    onApply({
      operation: text('operation'),
      keyId: text('keyId'),
      outcome: text('outcome') as AuditOutcome | undefined,
      from: toInstant(String(form.get('from') ?? '')),
      to: toInstant(String(form.get('to') ?? '')),
    });
  }
  return (
    <form className="filters" onSubmit={submit} aria-label="Audit filters" onReset={() => onApply({})}>
      <label>Operation <input name="operation" placeholder="bundle.import" /></label>
      <label>Key id <input name="keyId" placeholder="env:admin" /></label>
      <label>Outcome
        <select name="outcome" defaultValue="">
          <option value="">any</option>
          {OUTCOMES.map((outcome) => <option key={outcome} value={outcome}>{outcome}</option>)}
        </select>
      </label>
      <label>From <input name="from" type="datetime-local" /></label>
      <label>To <input name="to" type="datetime-local" /></label>
      <div className="row">
        <button type="submit">Apply filters</button>
        <button type="reset">Clear</button>
      </div>
    </form>
  );
}
