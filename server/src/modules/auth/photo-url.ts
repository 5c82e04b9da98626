/**
 * A staff photo's address for views and the rating pad: the picture itself is never in a view,
 * and its address changes with it (a short fingerprint), so caches follow a new picture.
 */
export function photoUrlOf(user: { id: string; photo?: string | null }): string | null {
  return user.photo ? `/api/v1/users/${user.id}/photo?v=${photoVersion(user.photo)}` : null;
}

function photoVersion(photo: string): string {
  let h = 0;
  for (let i = 0; i < photo.length; i += 7) h = (h * 31 + photo.charCodeAt(i)) >>> 0;
  return `${photo.length.toString(36)}${h.toString(36)}`;
}
