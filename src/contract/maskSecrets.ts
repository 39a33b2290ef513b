/**
 * Replaces every secret in a text with `***`: tokens, client secrets and service-account keys
 * never reach the console, a JSON report or a JUnit file.
 */
export function maskSecrets(text: string, secrets: (string | undefined)[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) masked = masked.split(secret).join('***');
  }
  return masked.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, '$1***');
}
