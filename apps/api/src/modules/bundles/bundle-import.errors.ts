import type { BundleImportProblem, BundleLineError } from '@hub/contracts';

/** A bundle refused as a whole: nothing of it was written. */
export class BundleRejectedError extends Error {
  constructor(readonly errors: BundleLineError[], readonly errorCount: number) {
    super(`The bundle was refused: ${errorCount} problem${errorCount === 1 ? '' : 's'} found, nothing was written.`);
  }

  toProblem(): BundleImportProblem {
    return {
      type: 'https://syntroph.dev/problems/invalid-bundle',
      title: 'Invalid bundle',
      status: 422,
      detail: this.message + (this.errors.length < this.errorCount ? ` The first ${this.errors.length} are listed.` : ''),
      errors: this.errors,
      errorCount: this.errorCount,
      truncated: this.errors.length < this.errorCount,
    };
  }
}

/** Collects line errors, keeping the first `cap` and counting the rest. */
export class BundleErrorList {
  readonly kept: BundleLineError[] = [];
  count = 0;

  constructor(private readonly cap: number) {}

  add(errors: readonly BundleLineError[]): void {
    for (const error of errors) {
      this.count += 1;
      if (this.kept.length < this.cap) this.kept.push(error);
    }
  }

  toError(): BundleRejectedError {
    const sorted = [...this.kept].sort((a, b) => a.line - b.line);
    return new BundleRejectedError(sorted, this.count);
  }
}
