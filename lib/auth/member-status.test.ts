import { describe, expect, it } from 'vitest';
import { memberStatus } from './member-status';

const now = new Date('2026-12-02T12:00:00Z');

describe('a member’s status in the Users table', () => {
  it('says Invited, with the link’s expiry, while an invited person has not set a password', () => {
    expect(memberStatus({ disabledAt: null, passwordSet: false, linkExpiresAt: new Date('2026-12-09T12:00:00Z') }, now))
      .toEqual({ kind: 'invited', label: 'Invited', detail: 'Link works until 2026-12-09 12:00 UTC' });
  });

  it('says the invitation expired once the link has lapsed, or when there is none, and offers a new one', () => {
    expect(memberStatus({ disabledAt: null, passwordSet: false, linkExpiresAt: new Date('2026-12-02T11:59:00Z') }, now))
      .toEqual({ kind: 'invitation_expired', label: 'Invitation expired', detail: 'On 2026-12-02 11:59 UTC. Make a new link to invite them again.' });
    expect(memberStatus({ disabledAt: null, passwordSet: false, linkExpiresAt: null }, now).kind).toBe('invitation_expired');
  });

  it('says Active once a password is set, even with an unused reset link, and Disabled before anything else', () => {
    expect(memberStatus({ disabledAt: null, passwordSet: true, linkExpiresAt: new Date('2026-12-03T00:00:00Z') }, now).label).toBe('Active');
    expect(memberStatus({ disabledAt: now, passwordSet: false, linkExpiresAt: new Date('2026-12-09T00:00:00Z') }, now).label).toBe('Disabled');
  });
});
