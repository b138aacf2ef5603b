/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/; over https it is Secure and `__Host-`
 * prefixed, so no subdomain or plain-http page can set or read it.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { SessionSubjectKind } from '../storage/schema.js';

export interface SessionCookie {
  readonly name: string;
  readonly options: CookieSerializeOptions;
}

export function sessionCookie(kind: SessionSubjectKind, https: boolean): SessionCookie {
  const base = kind === 'client' ? 'egec_session' : 'egec_staff_session';
  return {
    name: https ? `__Host-${base}` : base,
    options: { path: '/', httpOnly: true, sameSite: 'lax', secure: https },
  };
}
