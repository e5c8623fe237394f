import { CrmStore1732406400000 } from './1732406400000-crm-store';
import { BundleUploads1732406460000 } from './1732406460000-bundle-uploads';
import { AccessControl1732406600000 } from './1732406600000-access-control';
import { Webhooks1732406700000 } from './1732406700000-webhooks';
import { ModelRegistry1732406800000 } from './1732406800000-model-registry';
import { AccessTokens1732406930000 } from './1732406930000-access-tokens';
import { Forecasting1732407000000 } from './1732407000000-forecasting';
import { OverviewTimeIndexes1732407100000 } from './1732407100000-overview-time-indexes';

/** In order of application; never edit one that has shipped, add a new one. */
export const HUB_MIGRATIONS = [CrmStore1732406400000, BundleUploads1732406460000, AccessControl1732406600000, Webhooks1732406700000,
  ModelRegistry1732406800000, AccessTokens1732406930000, Forecasting1732407000000, OverviewTimeIndexes1732407100000];
