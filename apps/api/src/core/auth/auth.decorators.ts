import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { ApiScope } from '@hub/contracts';

export const REQUIRED_SCOPE = 'hub:required-scope';
export const PUBLIC_ROUTE = 'hub:public-route';
/** The name of the bearer scheme in the OpenAPI document. */
export const API_KEY_SCHEME = 'api-key';

/**
 * The scope a route needs (on a handler, or on a controller for all its handlers). A route that
 * declares none needs `admin`: forgetting the decorator fails closed, never open.
 */
export function RequireScope(scope: ApiScope): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    ApiBearerAuth(API_KEY_SCHEME),
    ApiUnauthorizedResponse({ description: 'No API key, or a wrong or revoked one (WWW-Authenticate: Bearer).' }),
    ApiForbiddenResponse({ description: `The key lacks the "${scope}" scope.` }),
    ApiTooManyRequestsResponse({ description: 'The key\'s rate limit is spent; see Retry-After.' }),
  );
}

/** A route anyone may call without a key (health). */
export function Public(): ClassDecorator & MethodDecorator {
  return SetMetadata(PUBLIC_ROUTE, true);
}

export const RECORD_SCOPED = 'hub:record-scoped';

/**
 * A route that accepts tokens bound to one record because it checks the binding itself (the embed
 * API). Every other route refuses them with 403, so a panel's token cannot export the store.
 */
export function RecordScoped(): ClassDecorator & MethodDecorator {
  return SetMetadata(RECORD_SCOPED, true);
}
