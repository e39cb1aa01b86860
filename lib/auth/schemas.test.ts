import { describe, expect, it } from 'vitest';
import { inviteUserSchema, signInSchema } from './schemas';

describe('email addresses', () => {
  const user = { name: 'Ana', role: 'member' };
  it('accepts the longest deliverable address and refuses longer ones with the limit', () => {
    const longest = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(longest).toHaveLength(254);
    expect(inviteUserSchema.safeParse({ ...user, email: longest }).success).toBe(true);
    const huge = inviteUserSchema.safeParse({ ...user, email: `${'a'.repeat(300_000)}@example.com` });
    expect(huge.success).toBe(false);
    expect(huge.error?.issues.map((i) => i.message)).toEqual(['Use at most 254 characters: no email address is longer.']);
    expect(signInSchema.safeParse({ email: `${'a'.repeat(255)}@example.com`, password: 'x' }).success).toBe(false);
  });
});
