import type { HubEventsService } from '../events/hub-events.service';
import type { McpResourceRegistry } from './mcp-resource.registry';
import type { McpSession } from './mcp-session';

/**
 * For a session held by this process (stdio): on every change event, sends
 * `notifications/resources/updated` for each subscribed URI the change touches. Returns the stop.
 * Listening starts in the background, so a missing Redis delays notifications, not the server.
 */
export function watchSubscriptions(
  events: HubEventsService, registry: McpResourceRegistry, session: McpSession, notify: (uri: string) => Promise<void>,
): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void events.subscribe(async (event) => {
    const subscribed = await session.subscriptions();
    if (subscribed.length === 0) return;
    for (const uri of await registry.affected(event, subscribed)) await notify(uri);
  }).then((unsubscribe) => {
    if (stopped) unsubscribe();
    else stop = unsubscribe;
  });
  return () => {
    stopped = true;
    stop?.();
  };
}
