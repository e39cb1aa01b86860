export * from './workspaces';
export * from './insights';
export * from './salesforce';
export * from './integrations';
export * from './connectors';
export * from './sync';
export * from './sessions';
export * from './rate-limits';
