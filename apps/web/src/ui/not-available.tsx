/** A capability that has not landed: said plainly, with no invented figures. */
export function NotAvailable({ capability, detail }: { capability: string; detail?: string }) {
  return (
    <div className="not-available" data-testid="not-available">
      <p>
        <strong>{capability}</strong> is not available yet.
      </p>
      {detail && <p>{detail}</p>}
    </div>
  );
}
