/**
 * jsdom lays nothing out, so a virtual list would show no line: give every element the sizes a
 * browser would (a 420 px window, 58 px lines), as the pane's lists are sized.
 */
export function fakeLayout(): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 420 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 400 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 58 });
}
