import { useSession } from '../../lib/session';
import { Page } from '../../ui/page';
import { ApiKeysSection } from './api-keys-section';
import { ModelVersionsSection } from './model-versions-section';
import { WebhooksSection } from './webhooks-section';

/** Keys and webhooks (admin keys), and model versions. */
export default function SettingsPage() {
  const { can } = useSession();
  return (
    <Page title="Settings">
      {can('admin') && <ApiKeysSection />}
      {can('admin') && <WebhooksSection />}
      <ModelVersionsSection />
    </Page>
  );
}
