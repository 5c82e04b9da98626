/**
 * Builds dist/voice/: one audio file per prompt clip and locale, and manifest.json, so the board
 * speaks on a kiosk PC that has no speech voice at all (Debian's Chromium has none).
 *
 * A hall's recorded voice pack (folder in GUICHET_VOICE_PACK, or display-ui/voice-pack/) is
 * taken for every clip it has; espeak-ng (Debian package `espeak-ng`) makes the others. A locale
 * with clips missing is left out of the manifest, loudly: the board then uses the browser's
 * voice if its config chooses it and one exists, or chimes and shows "voice unavailable".
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Locale } from '@guichet/server/protocol';
import { CLIP_SOURCES, type ClipSource, type VoiceManifest } from '../src/voice/clips.js';
import { readWav, trimSilence, writeWav } from './wav.js';

const run = promisify(execFile);
const HERE = resolve(import.meta.dirname, '..');
const OUT = join(HERE, 'dist/voice');
const CACHE = join(HERE, '.voice-cache');
/** Words per minute: a little slower than espeak-ng's 175, for a hall with an echo. */
const SPEED = '150';
const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

function espeakVersion(): string | null {
  const r = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return /espeak ng text-to-speech: ([\w.-]+)/i.exec(r.stdout)?.[1] ?? 'unknown';
}

interface Pack {
  dir: string;
  manifest: VoiceManifest;
}

function loadPack(): Pack | null {
  const dir = process.env.GUICHET_VOICE_PACK
    ? resolve(process.env.GUICHET_VOICE_PACK)
    : join(HERE, 'voice-pack');
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) {
    if (process.env.GUICHET_VOICE_PACK) throw new Error(`GUICHET_VOICE_PACK: no manifest.json in ${dir}`);
    return null;
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as VoiceManifest;
  if (manifest.format !== 1 || typeof manifest.locales !== 'object')
    throw new Error(`${file}: expected {"format": 1, "voice": …, "locales": {…}}`);
  return { dir, manifest };
}

/** One clip from espeak-ng, silence trimmed; cached by version, voice and text so rebuilds are quick. */
async function synthesize(version: string, src: ClipSource, out: string): Promise<void> {
  const key = createHash('sha256').update(`${version}|${src.voice}|${SPEED}|${src.text}`).digest('hex');
  const cached = join(CACHE, `${key.slice(0, 24)}.wav`);
  if (!existsSync(cached)) {
    const raw = `${cached}.raw`;
    await run('espeak-ng', ['-v', src.voice, '-s', SPEED, '-w', raw, src.text]);
    const pcm = trimSilence(readWav(readFileSync(raw)));
    rmSync(raw);
    if (pcm.samples.length === 0) throw new Error(`espeak-ng said nothing for "${src.text}" (${src.voice})`);
    writeFileSync(cached, writeWav(pcm));
  }
  copyFileSync(cached, out);
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const pack = loadPack();
  const version = espeakVersion();
  const manifest: VoiceManifest = { format: 1, voice: '', locales: {}, gapMs: pack?.manifest.gapMs ?? 40 };
  const voices = new Set<string>();
  let bytes = 0;
  for (const locale of Object.keys(CLIP_SOURCES) as Locale[]) {
    const dir = join(OUT, locale);
    mkdirSync(dir, { recursive: true });
    const clips: Record<string, string> = {};
    const todo: [string, ClipSource][] = [];
    for (const [id, src] of Object.entries(CLIP_SOURCES[locale])) {
      const recorded = pack?.manifest.locales[locale]?.[id];
      if (recorded && existsSync(join(pack.dir, recorded))) {
        const name = `${id}${extname(recorded)}`;
        copyFileSync(join(pack.dir, recorded), join(dir, name));
        clips[id] = `${locale}/${name}`;
        voices.add(pack.manifest.voice || 'recorded pack');
      } else todo.push([id, src]);
    }
    if (todo.length > 0 && version) {
      // espeak-ng is single-threaded: four at a time keeps a two-core build machine responsive.
      for (let i = 0; i < todo.length; i += 4) {
        await Promise.all(
          todo.slice(i, i + 4).map(async ([id, src]) => {
            await synthesize(version, src, join(dir, `${id}.wav`));
            clips[id] = `${locale}/${id}.wav`;
          }),
        );
      }
      voices.add(`espeak-ng ${version}`);
    }
    const missing = Object.keys(CLIP_SOURCES[locale]).filter((id) => !clips[id]);
    if (missing.length > 0) {
      warn(
        `voice: ${locale} left out — ${missing.length} clips missing (${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}).`,
      );
      continue;
    }
    manifest.locales[locale] = clips;
    for (const f of Object.values(clips)) bytes += statSync(join(OUT, f)).size;
  }
  manifest.voice = [...voices].join(' + ');
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  if (!version) {
    warn(
      [
        '',
        '  ┌─ VOICE ───────────────────────────────────────────────────────────────────────',
        '  │ espeak-ng is not installed, so the board has no built-in voice for the locales',
        '  │ above. Install it and build again:   apt-get install -y espeak-ng',
        '  │ or put a recorded voice pack in display-ui/voice-pack/ (see display-ui/README.md).',
        "  │ Until then the board uses the browser's voice only if its config says",
        "  │ voice.engine 'browser' and one exists; otherwise it chimes and shows a warning.",
        '  └───────────────────────────────────────────────────────────────────────────────',
        '',
      ].join('\n'),
    );
  }
  const locales = Object.keys(manifest.locales);
  say(
    `voice: ${locales.length ? locales.join(', ') : 'no locale'} from ${manifest.voice || 'nothing'} (${(bytes / 1024).toFixed(0)} kB)`,
  );
}

await main();
