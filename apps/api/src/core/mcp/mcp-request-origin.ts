/**
 * DNS-rebinding protection for `/mcp`: a page on an attacker's domain that resolves to 127.0.0.1
 * reaches the hub with its own Host (and Origin), so both are checked against allow-lists.
 */

/** Whether a Host header (`name[:port]`) names an allowed host; ports are ignored. */
export function isAllowedHost(hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  if (allowedHosts.includes('*')) return true;
  if (!hostHeader) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname;
  } catch {
    return false;
  }
  return allowedHosts.some((allowed) => allowed.toLowerCase() === hostname.toLowerCase());
}

/**
 * Whether an Origin header is allowed. No Origin means a non-browser client (desktop assistants,
 * SDKs, curl), which DNS rebinding cannot drive. An allow-list entry without a port allows any port.
 */
export function isAllowedOrigin(originHeader: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (originHeader === undefined) return true;
  if (allowedOrigins.includes('*')) return true;
  let origin: URL;
  try {
    origin = new URL(originHeader);
  } catch {
    return false;
  }
  return allowedOrigins.some((entry) => {
    let allowed: URL;
    try {
      allowed = new URL(entry);
    } catch {
      return false;
    }
    if (allowed.protocol !== origin.protocol || allowed.hostname !== origin.hostname) return false;
    return allowed.port === '' || allowed.port === origin.port;
  });
}
