'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap, type WizardActions } from './types';

/**
 * The account's objects and the chosen object's describe, cached by react-query on top of the server's
 * per-account cache; `refresh()` asks Salesforce again for both.
 */
export function useSalesforceMetadata(actions: Pick<WizardActions, 'listObjects' | 'describeObject'>, accountId: string, objectName: string) {
  const queryClient = useQueryClient();
  const [refreshing, setRefreshing] = useState(false);
  const objects = useQuery({
    queryKey: ['sf-objects', accountId],
    queryFn: async () => unwrap(await actions.listObjects({ accountId })),
    enabled: accountId !== '',
    staleTime: Infinity,
    retry: false,
  });
  const describe = useQuery({
    queryKey: ['sf-describe', accountId, objectName],
    queryFn: async () => unwrap(await actions.describeObject({ accountId, objectName })),
    enabled: accountId !== '' && objectName !== '',
    staleTime: Infinity,
    retry: false,
  });
  const refresh = async () => {
    setRefreshing(true);
    try {
      const [list, fields] = await Promise.all([
        actions.listObjects({ accountId, refresh: true }),
        objectName ? actions.describeObject({ accountId, objectName, refresh: true }) : Promise.resolve(null),
      ]);
      if (list.ok) queryClient.setQueryData(['sf-objects', accountId], list.data);
      if (fields?.ok) queryClient.setQueryData(['sf-describe', accountId, objectName], fields.data);
      return [list, fields].find((r) => r && !r.ok)?.message ?? null;
    } finally {
      setRefreshing(false);
    }
  };
  /** After "+ New field": show the created field without another round trip. */
  const addField = (field: NonNullable<typeof describe.data>['fields'][number]) => {
    queryClient.setQueryData(['sf-describe', accountId, objectName], (old: typeof describe.data) =>
      old ? { ...old, fields: [...old.fields.filter((f) => f.name !== field.name), field] } : old);
  };
  return { objects, describe, refresh, refreshing, addField };
}
