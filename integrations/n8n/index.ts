// The package's entry point for Node (`main`): the node and its credentials, for code that requires the package by
// name. n8n itself loads the compiled files listed in package.json's `n8n` section.
export { PostbackApi } from './credentials/PostbackApi.credentials';
export { PostbackTrigger } from './nodes/PostbackTrigger/PostbackTrigger.node';
