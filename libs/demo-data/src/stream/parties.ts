import type { EmailParty } from '../text/email-writer';
import type { Speaker } from '../text/meeting-transcripts';
import type { ContactPlan, UserPlan } from '../plan/plan-types';
import { SUCCESS_TEAM } from '../plan/plan-users';

const VENDOR = 'Syntroph';

function staffTitle(user: UserPlan): string {
  if (user.role === 'admin') return 'Revenue Operations';
  if (user.team === SUCCESS_TEAM) return user.role === 'manager' ? 'Head of Customer Success' : 'Customer Success Manager';
  return user.role === 'manager' ? `Sales Director, ${user.team}` : `Account Executive, ${user.team}`;
}

export function userParty(user: UserPlan): EmailParty {
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    title: staffTitle(user),
    organisation: VENDOR,
    phone: `+44 20 7946 ${String(1000 + user.id).slice(-4)}`,
  };
}

export function contactParty(contact: ContactPlan): EmailParty {
  return {
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    title: contact.title,
    organisation: contact.company.name,
    phone: contact.phone,
  };
}

export function userSpeaker(user: UserPlan): Speaker {
  return { name: `${user.firstName} ${user.lastName}`, firstName: user.firstName, side: 'vendor' };
}

export function contactSpeaker(contact: ContactPlan): Speaker {
  return { name: `${contact.firstName} ${contact.lastName}`, firstName: contact.firstName, side: 'customer' };
}
