/**
 * The phone's "it's your turn" alert: a short chime through WebAudio and a vibration where the
 * browser allows them. Phones block audio until the page was touched, so `unlockSound` is called
 * from the first tap; if it never is, the vibration and the screen still tell.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor =
    globalThis.AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

export function unlockSound(): boolean {
  const ctx = audio();
  if (!ctx) return false;
  void ctx.resume().catch(() => {});
  return true;
}

export function soundReady(): boolean {
  return context?.state === 'running';
}

/** Three rising beeps. Returns whether a sound could be scheduled. */
export function beep(): boolean {
  const ctx = audio();
  if (!ctx) return false;
  void ctx.resume().catch(() => {});
  const start = ctx.currentTime + 0.05;
  [660, 880, 1100].forEach((frequency, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const at = start + i * 0.3;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.28);
  });
  return true;
}

export function vibrate(): boolean {
  if (typeof navigator === 'undefined' || typeof navigator.vibrate !== 'function') return false;
  try {
    return navigator.vibrate([400, 200, 400, 200, 400]);
  } catch {
    return false;
  }
}
