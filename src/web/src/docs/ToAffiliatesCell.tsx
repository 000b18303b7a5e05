// Whether a documented field reaches affiliates' webhooks (when the producer does not share buyer data).
export function ToAffiliatesCell({ sent }: { sent: boolean }) {
  return <td data-label="To affiliates">{sent ? 'Yes' : <span className="no-affiliate">No (withheld)</span>}</td>;
}
