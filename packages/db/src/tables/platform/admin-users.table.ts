import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export const ADMIN_ROLES = ['admin', 'viewer'] as const;
/** `admin` may change things; `viewer` reads everything and changes nothing. */
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** `platform.admin_users`: admin-gateway accounts. Usernames are unique case-insensitively; disabled, never deleted. */
export interface AdminUserTable {
  id: Generated<string>;
  username: string;
  /** argon2id PHC string; never selected outside the login path. */
  password_hash: string;
  role: AdminRole;
  disabled: Generated<boolean>;
  last_login_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type AdminUser = Selectable<AdminUserTable>;
export type NewAdminUser = Insertable<AdminUserTable>;
export type AdminUserUpdate = Updateable<AdminUserTable>;
