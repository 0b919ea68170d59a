"""Shows a Markdown export as a wiki page does, in a real browser, and measures what a reader sees:
cmark-gfm (GitHub's parser, through `cmarkgfm`) makes the HTML, GitHub's Markdown CSS lays it out
in a column as a wiki would, and the real Mermaid (tests/data/wiki) draws every diagram, in
Debian's Chromium driven by Playwright. Skips, saying why, where Chromium cannot run, except on
CI (CI=true), where that is a failure."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chromium import playwright_or_skip, started, unavailable

ASSETS = Path(__file__).resolve().parents[1] / "data" / "wiki"
PAGE_WIDTH, SCREEN_HEIGHT = 920, 1000
"""A wiki page at 920 px: GitHub's column then holds 830 px of text; the first screen is 1,000 px."""

_AZURE = re.compile(r"^::: mermaid\n(.*?)\n:::$", re.MULTILINE | re.DOTALL)
_FENCED = re.compile(r'<pre(?: lang="mermaid")?><code(?: class="language-mermaid")?>(.*?)</code></pre>', re.DOTALL)


def gfm(markdown: str, *, unsafe: bool = True) -> str:
    """HTML as GitHub's parser makes it (raw HTML kept, as GitHub's sanitiser would mostly keep it,
    or with `unsafe=False` dropped, as a safe-mode wiki does)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE if unsafe else 0)


def page_html(markdown: str) -> str:
    """The body of the wiki page: Mermaid blocks (``` fences and Azure's ::: blocks) as the
    `<pre class="mermaid">` that Mermaid draws, the rest as cmark-gfm renders it."""
    azure: list[str] = []

    def keep(match: re.Match[str]) -> str:
        azure.append(match.group(1))
        return f"\n\nAZURE-MERMAID-{len(azure) - 1}\n\n"

    body = gfm(_AZURE.sub(keep, markdown))
    for i, source in enumerate(azure):
        body = body.replace(f"<p>AZURE-MERMAID-{i}</p>", f'<pre class="mermaid">{html.escape(source)}</pre>')

    def mermaid(match: re.Match[str]) -> str:
        whole = match.group(0)
        if 'lang="mermaid"' in whole or 'class="language-mermaid"' in whole:
            return f'<pre class="mermaid">{match.group(1)}</pre>'
        return whole

    return _FENCED.sub(mermaid, body)


@dataclass
class Diagram:
    kind: str
    natural_width: float
    shown_width: float
    text: str
    """Every piece of text in the SVG, one a line."""
    clipped: list[str]
    """Labels drawn wider than their box, or outside the drawing."""
    error: bool


@dataclass
class Page:
    diagrams: list[Diagram]
    column: float
    tables: list[dict[str, Any]]
    """Each table's heading, width, scroll width and right edge."""
    glance_bottom: float | None
    text: str
    widest: float
    """How far the widest element reaches past the column's right edge (0 or less: nothing does)."""


_MEASURE = """
() => {
  const body = document.querySelector('.markdown-body');
  const column = body.clientWidth - parseFloat(getComputedStyle(body).paddingLeft)
                 - parseFloat(getComputedStyle(body).paddingRight);
  const diagrams = [...document.querySelectorAll('pre.mermaid')].map(pre => {
    const svg = pre.querySelector('svg');
    if (!svg) return {kind: 'none', natural_width: 0, shown_width: 0, text: pre.textContent, clipped: [], error: true};
    const vb = (svg.getAttribute('viewBox') || '0 0 0 0').split(/[\\s,]+/).map(Number);
    const box = svg.getBoundingClientRect();
    const scale = box.width / (vb[2] || 1);
    const clipped = [];
    // Journey labels: a div in a foreignObject of the box's size; it must not be wider.
    for (const div of svg.querySelectorAll('foreignObject div.label')) {
      const fo = div.closest('foreignObject');
      if (div.scrollWidth > fo.getBoundingClientRect().width / scale + 0.5) clipped.push(div.textContent);
    }
    // Any text must lie inside the drawing, and no two texts may overlap (axis labels crowding).
    const seen = [];
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (!r.width || !t.textContent.trim() || getComputedStyle(t).display === 'none' || t.closest('switch')) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1) clipped.push(t.textContent);
      for (const [other, o] of seen) {
        const overlap = Math.min(r.right, o.right) - Math.max(r.left, o.left);
        const rows = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
        if (overlap > 1 && rows > 1) clipped.push(`${other} / ${t.textContent}`);
      }
      seen.push([t.textContent, r]);
    }
    const texts = [...svg.querySelectorAll('text, div.label')].map(t => t.textContent);
    return {kind: svg.getAttribute('aria-roledescription') || '', natural_width: vb[2], shown_width: box.width,
            text: texts.join('\\n'), clipped, error: /Syntax error|Parse error/i.test(svg.textContent)};
  });
  const tables = [...body.querySelectorAll('table')].map(t => {
    let h = t.previousElementSibling;
    while (h && !/^H[1-6]$/.test(h.tagName)) h = h.previousElementSibling;
    return {heading: h ? h.textContent : '', width: t.clientWidth, scroll: t.scrollWidth,
            right: t.getBoundingClientRect().right, header: [...t.querySelectorAll('th')].map(th => th.textContent)};
  });
  const glance = [...body.querySelectorAll('p')].find(p => p.textContent === 'At a glance');
  const list = glance ? glance.nextElementSibling : null;
  let widest = 0;
  for (const el of body.querySelectorAll('*')) widest = Math.max(widest, el.getBoundingClientRect().right);
  return {diagrams, column, tables, text: body.innerText, widest,
          glance_bottom: list ? list.getBoundingClientRect().bottom + window.scrollY : null,
          body_right: body.getBoundingClientRect().right - parseFloat(getComputedStyle(body).paddingRight)};
}
"""


class Wiki:
    """One browser page that shows Markdown as a wiki page."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def show(self, markdown: str) -> Page:
        page = self.page
        page.set_content(
            '<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff}'
            ".markdown-body{box-sizing:border-box;max-width:1012px;margin:0 auto;padding:45px}</style></head>"
            f'<body><article class="markdown-body">{page_html(markdown)}</article></body></html>')
        page.add_style_tag(path=str(ASSETS / "github-markdown-light.css"))
        page.add_script_tag(path=str(ASSETS / "mermaid.min.js"))
        page.evaluate("""async () => {
            mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
            await mermaid.run({querySelector: 'pre.mermaid', suppressErrors: true});
            await document.fonts.ready;
        }""")
        data = page.evaluate(_MEASURE)
        return Page(diagrams=[Diagram(**d) for d in data["diagrams"]], column=data["column"],
                    tables=data["tables"], glance_bottom=data["glance_bottom"], text=data["text"],
                    widest=data["widest"] - data["body_right"])


@contextmanager
def wiki_browser() -> Iterator[Wiki]:
    """Chromium with a page of 920 × 1,000 px, or a skip (a failure on CI) saying why not."""
    sync_playwright = playwright_or_skip()
    try:
        import cmarkgfm  # noqa: F401
    except ImportError:
        unavailable("cmarkgfm is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = started(playwright.chromium.launch)
        page = browser.new_page(viewport={"width": PAGE_WIDTH, "height": SCREEN_HEIGHT})
        try:
            yield Wiki(page)
        finally:
            browser.close()
