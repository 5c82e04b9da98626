/** A drawn face (no emoji font needed): score 5 smiles widely, score 1 frowns. */
const COLORS: Record<number, string> = {
  5: '#1a9850',
  4: '#66bd63',
  3: '#d9a400',
  2: '#f46d43',
  1: '#d73027',
};
const MOUTHS: Record<number, string> = {
  5: 'M30 62 Q50 84 70 62',
  4: 'M32 64 Q50 76 68 64',
  3: 'M34 68 L66 68',
  2: 'M32 72 Q50 62 68 72',
  1: 'M30 76 Q50 56 70 76',
};

export function Face({ score }: { score: number }) {
  const color = COLORS[score] ?? '#888';
  return (
    <svg viewBox="0 0 100 100" class="face" aria-hidden="true">
      <circle cx="50" cy="50" r="46" fill={color} />
      <circle cx="35" cy="40" r="6" fill="#fff" />
      <circle cx="65" cy="40" r="6" fill="#fff" />
      <path
        d={MOUTHS[score] ?? MOUTHS[3]}
        stroke="#fff"
        stroke-width="6"
        fill="none"
        stroke-linecap="round"
      />
    </svg>
  );
}
