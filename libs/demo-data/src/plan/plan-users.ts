import type { Random } from '../core/random';
import { asciiSlug, personName } from '../catalog/people';
import type { SizeProfile } from '../demo-options';
import type { UserPlan } from './plan-types';

/** The vendor's own domain; `.example` is reserved, so no real mailbox is ever named. */
export const VENDOR_DOMAIN = 'syntroph.example';
export const SALES_TEAMS = ['SMB', 'Mid-Market', 'Enterprise'] as const;
export const SUCCESS_TEAM = 'Customer Success';

/** The vendor is a European company with a US office: its staff's names mix accordingly. */
const STAFF_LOCALES = ['en_US', 'en_US', 'en_GB', 'de', 'en_IN', 'fr', 'nl', 'es'] as const;

export function planUsers(rng: Random, profile: SizeProfile): UserPlan[] {
  const users: UserPlan[] = [];
  const emails = new Set<string>();
  const add = (role: UserPlan['role'], team: string | null) => {
    const name = personName(rng, rng.pick(STAFF_LOCALES));
    let local = `${asciiSlug(name.firstName)}.${asciiSlug(name.lastName)}`;
    for (let n = 2; emails.has(local); n += 1) local = `${asciiSlug(name.firstName)}.${asciiSlug(name.lastName)}${n}`;
    emails.add(local);
    users.push({
      id: users.length + 1,
      firstName: name.firstName,
      lastName: name.lastName,
      email: `${local}@${VENDOR_DOMAIN}`,
      role,
      team,
      skill: role === 'rep' ? rng.normal(0, 0.6) : 0,
    });
  };
  add('admin', null);
  for (const team of [...SALES_TEAMS, SUCCESS_TEAM] as const) {
    add('manager', team);
    for (let i = 0; i < profile.reps[team]; i += 1) add('rep', team);
  }
  return users;
}

export function fullName(user: { firstName: string; lastName: string }): string {
  return `${user.firstName} ${user.lastName}`;
}

export function repsOf(users: readonly UserPlan[], team: string): UserPlan[] {
  return users.filter((user) => user.role === 'rep' && user.team === team);
}
