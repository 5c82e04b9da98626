import { PHOTO_MAX_BYTES } from '../../protocol/admin-routes.js';

/**
 * A staff photo for the rating pad: a small JPEG or PNG sent as a data URL. The declared type
 * must match the file's own first bytes, so a renamed file or a script is refused, and the
 * decoded size is capped so the users table (read at every sign-in) stays small.
 */

const TYPES = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
} as const;
export type PhotoType = keyof typeof TYPES;

export type PhotoCheck = { ok: true; type: PhotoType; bytes: Buffer } | { ok: false; problem: string };

export function checkPhoto(dataUrl: string): PhotoCheck {
  const m = /^data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!m) return { ok: false, problem: 'photo must be a data URL: data:image/jpeg;base64,… or image/png' };
  const type = m[1] as string;
  if (!(type in TYPES)) return { ok: false, problem: `photo type ${type} is not accepted: JPEG or PNG only` };
  const bytes = Buffer.from(m[2] as string, 'base64');
  if (bytes.length === 0) return { ok: false, problem: 'photo is empty' };
  if (bytes.length > PHOTO_MAX_BYTES)
    return { ok: false, problem: `photo is ${bytes.length} bytes; at most ${PHOTO_MAX_BYTES}` };
  const magic = TYPES[type as PhotoType];
  if (!magic.every((b, i) => bytes[i] === b))
    return { ok: false, problem: `photo says ${type} but its content is not` };
  return { ok: true, type: type as PhotoType, bytes };
}
