// What a screen shows when its data could not be loaded: what happened and a way to try again.
import { messageOf } from '../api/client.ts';
import { Button } from './Button.tsx';

export function LoadError({ error, what, onRetry }: { error: unknown; what: string; onRetry: () => void }) {
  return (
    <div className="load-error" role="alert">
      <p><strong>Could not load {what}.</strong> {messageOf(error)}</p>
      <Button onClick={onRetry}>Try again</Button>
    </div>
  );
}
