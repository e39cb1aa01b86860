'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { ActionInput } from '@/lib/auth/action-core';
import type { testExternalAction, saveExternalAction, saveQualtricsEvent, testQualtricsEvent } from '@/lib/dal/connector-actions';
import type { runConnectorIntegrationNow } from '@/lib/dal/connector-integrations';
import type { revealQualtricsHeader, saveHttpConnector } from '@/lib/dal/connectors';
import type { createInboundTrigger, rotateInboundCredentials } from '@/lib/dal/inbound-triggers';
import type { ActionResult } from '@/lib/errors';

/** A server action as the forms call it (through useActionState or directly). */
type ServerAction<T = void> = (prev: unknown, input: ActionInput) => Promise<ActionResult<T>>;
type Returned<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** The Connectors page's server actions; the page passes them in, so components do not import routes. */
export interface ConnectorActions {
  saveQualtricsConnection: ServerAction;
  revealQualtricsHeader: ServerAction<Returned<typeof revealQualtricsHeader>>;
  setUpDemoQualtrics: ServerAction;
  saveQualtricsEvent: ServerAction<Returned<typeof saveQualtricsEvent>>;
  testQualtricsEvent: ServerAction<Returned<typeof testQualtricsEvent>>;
  saveConnector: ServerAction<Returned<typeof saveHttpConnector>>;
  deleteConnector: ServerAction;
  saveAction: ServerAction<Returned<typeof saveExternalAction>>;
  testAction: ServerAction<Returned<typeof testExternalAction>>;
  deleteAction: ServerAction;
  createTrigger: ServerAction<Returned<typeof createInboundTrigger>>;
  rotateTrigger: ServerAction<Returned<typeof rotateInboundCredentials>>;
  deleteTrigger: ServerAction;
  runConnectorIntegration: ServerAction<Returned<typeof runConnectorIntegrationNow>>;
}

const ConnectorActionsContext = createContext<ConnectorActions | null>(null);

export function ConnectorActionsProvider({ actions, children }: { actions: ConnectorActions; children: ReactNode }) {
  return <ConnectorActionsContext.Provider value={actions}>{children}</ConnectorActionsContext.Provider>;
}

/** The page's server actions; a form outside the provider is a programming error. */
export function useConnectorActions(): ConnectorActions {
  const actions = useContext(ConnectorActionsContext);
  if (!actions) throw new Error('Connector forms must be rendered inside ConnectorActionsProvider.');
  return actions;
}
