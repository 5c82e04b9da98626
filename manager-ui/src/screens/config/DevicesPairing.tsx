import { DAY_MINUTE } from '@guichet/server/kit';
import { useMemo } from 'preact/hooks';
import qrcode from 'qrcode-generator';
import { tb } from '../../strings/config-b';

/** The dark modules of a QR code for `text` as one SVG path (error correction M). */
function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col} ${row}h1v1h-1z`;
  return { size: n, d };
}

/** Date and time in the reader's own zone: a pairing code's expiry, a device last seen. */
export const dateTime = (at: number) => new Intl.DateTimeFormat('en-GB', DAY_MINUTE).format(at);

export interface Pairing {
  name: string;
  pairingUrl: string;
  pairingCode: string;
  expiresAt: number;
}

/** A pairing link as the person at the device needs it: QR code, link, the code, its expiry. */
export function PairingCard({ pairing }: { pairing: Pairing }) {
  const { size, d } = useMemo(() => qrPath(pairing.pairingUrl), [pairing.pairingUrl]);
  const box = size + 8;
  return (
    <section
      class="pairing-card"
      data-testid="pairing-card"
      aria-label={tb('pairingTitle', { name: pairing.name })}
    >
      <svg
        class="pairing-qr"
        role="img"
        aria-label={tb('pairingQr', { name: pairing.name })}
        viewBox={`-4 -4 ${box} ${box}`}
        shape-rendering="crispEdges"
      >
        <rect x={-4} y={-4} width={box} height={box} fill="#fff" />
        <path d={d} fill="#000" />
      </svg>
      <div class="pairing-facts">
        <h3>{tb('pairingTitle', { name: pairing.name })}</h3>
        <p class="hint">{tb('pairingHow')}</p>
        <p>
          {tb('pairingCode')}:{' '}
          <strong class="pairing-code mono" data-testid="pairing-code">
            {pairing.pairingCode.replace(/^(\d{4})(\d{4})$/, '$1 $2')}
          </strong>
        </p>
        <p class="pairing-url">
          {tb('pairingUrl')}:{' '}
          <a
            href={pairing.pairingUrl}
            class="mono"
            data-testid="pairing-url"
            target="_blank"
            rel="noreferrer"
          >
            {pairing.pairingUrl}
          </a>
        </p>
        <p class="strong">{tb('pairingExpires', { time: dateTime(pairing.expiresAt) })}</p>
      </div>
    </section>
  );
}
