/**
 * Who may call each back-office route: `public` (sign-in, setup link) or the minimum staff role.
 * The guard refuses any /admin route missing from this table, so a new route is closed until it is
 * listed here; the access test walks this table for every role.
 */
import type { StaffRole } from './staff/staff-roles.js';

export type RouteAccess = 'public' | StaffRole;

export const BACK_OFFICE_ROUTES = {
  'GET /admin': 'public',
  'POST /admin/login': 'public',
  'GET /admin/setup/:token': 'public',
  'POST /admin/setup/:token': 'public',
  'POST /admin/logout': 'agent',
  'GET /admin/clients': 'agent',
  'GET /admin/clients/new': 'agent',
  'POST /admin/clients': 'agent',
  'GET /admin/clients/export.csv': 'agent',
  'GET /admin/clients/:identifiant': 'agent',
  'POST /admin/clients/:identifiant': 'agent',
  'POST /admin/clients/:identifiant/status': 'agent',
  'POST /admin/clients/:identifiant/end-sessions': 'it',
  'GET /admin/clients/:identifiant/diagnostic': 'it',
  'POST /admin/clients/:identifiant/unlock': 'it',
  'POST /admin/clients/:identifiant/new-password': 'it',
  'GET /admin/mail-queue': 'it',
  'POST /admin/mail-queue/:id/retry': 'it',
  'GET /admin/audit': 'admin',
  'GET /admin/import': 'agent',
  'POST /admin/import': 'agent',
  'GET /admin/staff': 'admin',
  'POST /admin/staff': 'admin',
  'POST /admin/staff/:id/disable': 'admin',
} as const satisfies Record<string, RouteAccess>;

export type BackOfficeRoute = keyof typeof BACK_OFFICE_ROUTES;

/** The access rule of a matched route; HEAD follows GET; a trailing slash does not matter. */
export function accessOf(method: string, url: string): RouteAccess | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url.length > 1 ? url.replace(/\/$/, '') : url}`;
  return (BACK_OFFICE_ROUTES as Record<string, RouteAccess>)[key];
}
