/** The note a view shows in place of its plot when the result file lacks its data (`html` is trusted markup). */
export function missing(html: string): string {
  return `<p class="missing">${html}</p>`;
}
