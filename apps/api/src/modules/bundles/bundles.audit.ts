import type { BundleImportResult, JobView } from '@hub/contracts';
import type { AuditedOptions } from '../audit/audited.decorator';

/** What the audit log keeps of an import over REST: the counts, or the job it was handed to. */
export const BUNDLE_IMPORT_AUDIT: AuditedOptions<BundleImportResult | JobView> = {
  subjectType: 'bundle',
  detail: (result) => 'entities' in result
    ? { lines: result.lines, records: result.records, deletes: result.deletes, entities: result.entities }
    : { jobId: result.id, queued: true },
};
