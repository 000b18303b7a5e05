// Show every time in UTC instead of the browser's zone (receivers and logs speak UTC); the zone in use is named.
import { useFormat } from './useFormat.ts';
import { useSettings } from './I18nProvider.tsx';
import { useT } from './useT.ts';

export function TimeZoneToggle() {
  const t = useT();
  const format = useFormat();
  const { zone, setZone } = useSettings();
  return (
    <label className="switch preference" title={t('preferences.zoneNow', { zone: format.zoneName() })}>
      <input type="checkbox" role="switch" checked={zone === 'utc'} onChange={(event) => setZone(event.target.checked ? 'utc' : 'local')} />
      <span className="switch-text">{t('preferences.utc')}</span>
    </label>
  );
}
