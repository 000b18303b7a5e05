// A URL as the screen shows it (a password inside it masked), by the same rule the server's logs and audit log use.
export { displayUrl } from '../../../security/display-url.ts';
