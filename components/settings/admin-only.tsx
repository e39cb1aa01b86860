import { Alert } from '@/components/ui/alert';

/** Shown instead of an admin page to members. The actions behind the page refuse them too. */
export function AdminOnly({ what }: { what: string }) {
  return <Alert tone="error">Only workspace admins can {what}. Ask an admin of your workspace if you need access.</Alert>;
}
