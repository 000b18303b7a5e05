// An error message for a form or an action, announced as soon as it appears.
export function ErrorText({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return <p className="error-text" role="alert">{message}</p>;
}
