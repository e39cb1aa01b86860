import type { Member } from '@/db/queries/users';
import { formatUtc } from '@/lib/format';

/** What the Users table says of a person, with a line of detail for an invitation. */
export interface MemberStatus {
  kind: 'active' | 'disabled' | 'invited' | 'invitation_expired';
  label: string;
  detail?: string;
}

/**
 * A member's status as of `now`: Disabled; Invited while they have not set a password and their link still
 * works (with its expiry); Invitation expired once it has lapsed (an admin makes a new link); otherwise Active.
 */
export function memberStatus(member: Pick<Member, 'disabledAt' | 'passwordSet' | 'linkExpiresAt'>, now: Date): MemberStatus {
  if (member.disabledAt) return { kind: 'disabled', label: 'Disabled' };
  if (member.passwordSet) return { kind: 'active', label: 'Active' };
  if (member.linkExpiresAt && member.linkExpiresAt.getTime() > now.getTime()) {
    return { kind: 'invited', label: 'Invited', detail: `Link works until ${formatUtc(member.linkExpiresAt)} UTC` };
  }
  return {
    kind: 'invitation_expired', label: 'Invitation expired',
    detail: member.linkExpiresAt ? `On ${formatUtc(member.linkExpiresAt)} UTC. Make a new link to invite them again.` : 'Make a new link to invite them again.',
  };
}
