// A URL as logs, the audit log and screens show it: a password inside it (https://user:password@host/...) is masked.
const userInfo = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i;

export function displayUrl(url: string): string {
  return userInfo.test(url) ? url.replace(userInfo, '$1•••@') : url;
}
