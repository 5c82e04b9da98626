import { useEffect, useState } from 'preact/hooks';
import { getConfig, type HallConfig } from '../../config-api';
import { branchId, session } from '../../store';
import { configFailure } from '../../strings/config-a';

/**
 * The branch's configuration document (settings, services with their limits, counters with
 * their profiles), loaded once and again after each save.
 */
export function useConfig(): { config: HallConfig | null; error: string | null; reload(): Promise<void> } {
  const [config, setConfig] = useState<HallConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    const token = session.value?.token;
    const id = branchId.value;
    if (!token || !id) return;
    try {
      setConfig(await getConfig(token, id));
      setError(null);
    } catch (e) {
      setError(configFailure(e));
    }
  };
  useEffect(() => {
    void reload();
  }, [branchId.value]);
  return { config, error, reload };
}
