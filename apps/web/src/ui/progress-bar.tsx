/** A labelled progress bar with its percentage in words beside it. */
export function ProgressBar({ label, percent, message }: { label: string; percent: number; message?: string }) {
  return (
    <div className="progress">
      <progress max={100} value={percent} aria-label={label} />
      <small>
        {Math.round(percent)}%{message ? ` ${message}` : ''}
      </small>
    </div>
  );
}
