import { sameText } from '../text/sameText';

/** Whether an Authorization header carries `Bearer <token>`, compared without a timing leak. */
export function isAuthorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && sameText(match[1]!, token);
}
