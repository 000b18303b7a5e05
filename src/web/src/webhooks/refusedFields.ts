// The fields of a test's data the API refused, named as the dialog's payload names them. The API gives each as a
// path in its request ("body.data.product.id"), and the dialog edits `data` itself: "product.id". Paths are the
// payload's own keys, not prose, so they are shown as they are.
import { ApiError } from '../api/client.ts';

export function refusedFields(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  // "data" alone (the whole payload) names no field: the generic message says it better
  const paths = error.fieldErrors.map(({ path }) => path.replace(/^body\./, '').replace(/^data(\.|$)/, '')).filter(Boolean);
  return [...new Set(paths)];
}
