import type { PadIdentity } from '@guichet/server/protocol';
import { useEffect, useState } from 'preact/hooks';
import { STRINGS } from '../strings';

/**
 * Initials where the photo goes: a Chinese name shows its surname (the first character), a
 * Latin one the first letters of its first two words.
 */
export function initials(name: string): string {
  const n = name.trim();
  if (!n) return '?';
  if (/[\u3400-\u9fff]/.test(n[0] ?? '')) return n[0] ?? '?';
  const words = n.split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

/**
 * The clerk's photo, or her initials in a circle when there is none or it fails to load. A pad
 * has no staff session cookie: its request for the photo carries the device token, so the
 * picture is fetched with it and shown from a blob (an <img src> alone would be refused 401).
 */
export function Portrait({
  name,
  photoUrl,
  token,
}: {
  name: string;
  photoUrl: string | null;
  token?: string | null | undefined;
}) {
  const [broken, setBroken] = useState(false);
  const [blob, setBlob] = useState<string | null>(null);
  useEffect(() => {
    setBroken(false);
    setBlob(null);
    if (!photoUrl || !token) return;
    let live = true;
    let url: string | null = null;
    fetch(photoUrl, { headers: { Authorization: `Bearer ${token}` } })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`photo ${r.status}`))))
      .then((b) => {
        if (!live) return;
        url = URL.createObjectURL(b);
        setBlob(url);
      })
      .catch(() => live && setBroken(true));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [photoUrl, token]);
  const src = token ? blob : photoUrl;
  if (src && !broken) {
    return <img class="portrait" src={src} alt="" onError={() => setBroken(true)} data-portrait="photo" />;
  }
  return (
    <span class="portrait portrait-initials" aria-hidden="true" data-portrait="initials">
      {initials(name)}
    </span>
  );
}

/**
 * Whom the citizen is rating: photo (or initials), name, staff number (工号) and the window, in
 * Chinese with English beneath. `compact` is the strip above the faces while asking.
 */
export function ClerkCard({
  identity,
  compact = false,
  token,
}: {
  identity: PadIdentity;
  compact?: boolean;
  /** The pad's device token, to fetch the photo with. */
  token?: string | null;
}) {
  const { clerk, counter } = identity;
  const zh = STRINGS['zh-CN'];
  const en = STRINGS.en;
  const fill = (s: string, n: string | number) => s.replace('{n}', String(n));
  const label = clerk
    ? `${clerk.name}${clerk.staffNumber ? `, ${fill(en.padStaffNumber, clerk.staffNumber)}` : ''}, ${counter.name.en}`
    : counter.name.en;
  return (
    <section
      class={compact ? 'clerk-card compact' : 'clerk-card'}
      aria-label={label}
      data-testid="clerk-card"
    >
      {clerk && <Portrait name={clerk.name} photoUrl={clerk.photoUrl} token={token} />}
      <div class="clerk-lines">
        {clerk ? (
          <>
            <p class="clerk-name" data-testid="clerk-name">
              {clerk.name}
            </p>
            {clerk.staffNumber && (
              <p class="clerk-number" data-testid="clerk-number">
                <span class="zh">{fill(zh.padStaffNumber, clerk.staffNumber)}</span>
                <span class="en">{fill(en.padStaffNumber, clerk.staffNumber)}</span>
              </p>
            )}
          </>
        ) : (
          <p class="clerk-none">
            <span class="zh">{zh.padNoClerk}</span>
            <span class="en">{en.padNoClerk}</span>
          </p>
        )}
        <p class="clerk-window" data-testid="clerk-window">
          <span class="zh">{counter.name['zh-CN']}</span>
          <span class="en">{counter.name.en}</span>
        </p>
      </div>
    </section>
  );
}
