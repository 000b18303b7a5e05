// How a payload format version is named on screen.
const labels: Record<string, string> = { '2.0.0': '2.0.0 (JSON, recommended)', '1.0.0': '1.0.0 (legacy form-encoded)' };

export const versionLabel = (version: string): string => labels[version] ?? version;
