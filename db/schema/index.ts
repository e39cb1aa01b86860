export * from './workspaces';
export * from './insights';
