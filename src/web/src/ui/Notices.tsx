// Short confirmations ("Copied", "Test sent") in a polite live region: screen readers hear them, nothing moves.
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';

type Notice = { id: number; text: string; tone: 'ok' | 'error' };
type Notify = (text: string, tone?: Notice['tone']) => void;

const NoticeContext = createContext<Notify>(() => {});

export const useNotify = (): Notify => useContext(NoticeContext);

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const notify = useCallback<Notify>((text, tone = 'ok') => {
    const id = nextId.current++;
    setNotices((list) => [...list.slice(-2), { id, text, tone }]);
    window.setTimeout(() => setNotices((list) => list.filter((notice) => notice.id !== id)), tone === 'error' ? 8000 : 4000);
  }, []);
  const value = useMemo(() => notify, [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((notice) => <p key={notice.id} className={`notice notice-${notice.tone}`}>{notice.text}</p>)}
      </div>
    </NoticeContext.Provider>
  );
}
