// "Find a sale": one box for a buyer's e-mail or name, a transaction (any case, its start is enough) or a product;
// the API searches its index (GET /api/v1/deliveries?q=). Always in view, on a phone too.
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';

export function SaleSearch({ query, onSearch }: { query: string; onSearch: (query: string) => void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  const submit = (event: FormEvent) => { event.preventDefault(); onSearch(text.trim()); };
  return (
    <form role="search" className="sale-search" onSubmit={submit} aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id} className="sale-search-label">{t('search.label')}</label>
      <div className="sale-search-row">
        <input id={id} type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder={t('search.placeholder')}
          aria-describedby={`${id}-hint`} autoComplete="off" spellCheck={false} maxLength={200} />
        <Button type="submit" variant="primary">{t('search.submit')}</Button>
        {query && <Button variant="ghost" onClick={() => onSearch('')}>{t('search.clear')}</Button>}
      </div>
      <p id={`${id}-hint`} className="hint">{t('search.hint')}</p>
    </form>
  );
}
