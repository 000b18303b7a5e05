// Preformatted code or data with a copy button; scrolls inside itself, never the page.
import { CopyButton } from './CopyButton.tsx';

export function CodeBlock({ code, label, maxHeight }: { code: string; label: string; maxHeight?: number }) {
  return (
    <div className="code-block">
      <div className="code-toolbar"><span>{label}</span><CopyButton value={code} label={label} /></div>
      <pre tabIndex={0} aria-label={label} style={maxHeight ? { maxHeight } : undefined}><code>{code}</code></pre>
    </div>
  );
}
