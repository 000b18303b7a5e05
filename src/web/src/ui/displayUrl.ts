// A URL as the screen shows it: a password inside it (https://user:password@host/...) is masked, so it never shows
// in a list, a history or a screenshot. The edit form still holds the real URL.
const userInfo = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i;

export function displayUrl(url: string): string {
  return userInfo.test(url) ? url.replace(userInfo, '$1•••@') : url;
}
