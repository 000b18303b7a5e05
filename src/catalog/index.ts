// The event catalogue: the single source of truth for event names, payload schemas, field docs and samples.
export { eventNames, formatVersions, isEventName } from './event-names.ts';
export type { EventFamily, EventName, FormatVersion } from './event-names.ts';
export type { FieldIssue } from './issues.ts';
export { validateEventData } from './validate.ts';
export type { DataValidation } from './validate.ts';
export { validateEnvelope } from './envelope.ts';
export type { EnvelopeValidation } from './envelope.ts';
export { purchaseStatusOf, sampleData } from './definitions.ts';
export type { PurchaseStatus } from './definitions.ts';
export { productIdOf, subscriberCodeOf, transactionOf } from './extract.ts';
export { describeCatalog } from './describe.ts';
export type { CatalogEvent } from './describe.ts';
export type { CatalogField } from './fields.ts';
export { checkPayloadFiles } from './check-files.ts';
export type { FileCheck } from './check-files.ts';
export { redactForAffiliates } from './redact.ts';
