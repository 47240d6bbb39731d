/** Web addresses written in an answer: http(s) URLs and bare `www.` hosts. */
const linkPattern = /\bhttps?:\/\/[^\s<>"'()[\]{}]+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"'()[\]{}]*/gi;

export function findLinks(text: string): string[] {
  return text.match(linkPattern) ?? [];
}

export function countLinks(text: string): number {
  return findLinks(text).length;
}
