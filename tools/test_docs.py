#!/usr/bin/env python
"""Test the built docs site (_docs/) in a real browser: Debian's Chromium, headless, kept off the network.

    python tools/test_docs.py [SITE] [--artifacts DIR]

Serves SITE on 127.0.0.1 and loads every page. Each page must show its title, prose, and images that
load and are not blank; the sidebar must link every notebook; no internal link may be broken; every
exported function and class must have an API entry on its module's page. Screenshots of the index and
the 03_ddpm page are written to the artefacts folder.
"""
import argparse, ast, functools, http.server, re, threading, urllib.request, urllib.error
from pathlib import Path
from urllib.parse import urljoin, urlparse
from playwright.sync_api import sync_playwright

def _published()->str:
    import configparser
    c = configparser.ConfigParser(); c.read(Path(__file__).resolve().parents[1] / 'settings.ini')
    return c['DEFAULT']['doc_host'].rstrip('/') + '/' + c['DEFAULT']['doc_baseurl'].strip('/') + '/'
PUBLISHED = _published()   # API links that still name the published site would leave the offline one

ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-features=OptimizationHints,MediaRouter']
# JavaScript run in each page: what a reader sees
PAGE_JS = """() => {
  const imgs = [...document.querySelectorAll('main img, #quarto-document-content img, article img')].map(im => {
    let std = -1;
    if (im.complete && im.naturalWidth > 0) {
      const c = document.createElement('canvas'); c.width = Math.min(im.naturalWidth, 200); c.height = Math.min(im.naturalHeight, 200);
      const g = c.getContext('2d'); g.drawImage(im, 0, 0, c.width, c.height);
      const d = g.getImageData(0, 0, c.width, c.height).data; let s = 0, s2 = 0, n = d.length / 4;
      for (let i = 0; i < d.length; i += 4) { const v = (d[i] + d[i+1] + d[i+2]) / 3; s += v; s2 += v * v; }
      std = Math.sqrt(Math.max(s2 / n - (s / n) ** 2, 0));
    }
    return {src: im.getAttribute('src'), w: im.naturalWidth, std: std};
  });
  const side = document.querySelector('#quarto-sidebar, nav.sidebar, .sidebar, aside');
  return {title: document.title, h1: (document.querySelector('h1') || {}).innerText || '',
          prose: [...document.querySelectorAll('p')].map(p => p.innerText).filter(t => t.length > 60).length,
          text: document.body.innerText, imgs: imgs,
          heads: [...document.querySelectorAll('h2, h3, h4')].map(h => h.innerText.trim()),
          sidebar: side ? [...side.querySelectorAll('a')].map(a => a.getAttribute('href')) : [],
          links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
          ids: [...document.querySelectorAll('[id]')].map(e => e.id),
          wide: [...document.querySelectorAll('main table, #quarto-document-content table, article table')].filter(t => {
            const box = (t.closest('main, article, #quarto-document-content') || document.body).getBoundingClientRect();
            return t.getBoundingClientRect().right > box.right + 2 && !(t.parentElement && getComputedStyle(t.parentElement).overflowX.match(/auto|scroll/)); })
            .map(t => (t.innerText || '').slice(0, 60)),
          overflow: [...document.querySelectorAll('pre')].filter(p => p.scrollWidth > p.clientWidth + 2).length};
}"""

def exported(root:Path)->dict:
    "Module name -> exported functions and classes (those in __all__, which nbdev documents with show_doc)."
    out = {}
    for f in sorted((root / 'ser_nb').glob('[a-z]*.py')):
        tree = ast.parse(f.read_text())
        alls = [ast.literal_eval(e) for n in tree.body if isinstance(n, ast.Assign) and any(getattr(t, 'id', '') == '__all__' for t in n.targets) for e in n.value.elts]
        defs = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        out[f.stem] = [s for s in alls if s in defs]
    return out

RAW_LINK = re.compile(r'\[`[^`\]]+`\]\([^)\s]+\)')   # a link nbdev wrote into a signature (code), where Markdown is not rendered
PLACEHOLDER = re.compile(r'^\s*(PROSE|TODO|TBD|FIXME|XXX|Lorem ipsum[^\n]*)\s*$', re.M)

def documented_methods(root:Path)->dict:
    "Module name -> `Class.method` for the public methods of the exported classes that carry their own docstring (the API a user calls)."
    out = {}
    for f in sorted((root / 'ser_nb').glob('[a-z]*.py')):
        tree = ast.parse(f.read_text())
        alls = {ast.literal_eval(e) for n in tree.body if isinstance(n, ast.Assign) and any(getattr(t, 'id', '') == '__all__' for t in n.targets) for e in n.value.elts}
        out[f.stem] = [f'{c.name}.{m.name}' for c in tree.body if isinstance(c, ast.ClassDef) and c.name in alls
                       for m in c.body if isinstance(m, ast.FunctionDef) and not m.name.startswith('_') and ast.get_docstring(m)]
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    root = Path(__file__).resolve().parents[1]
    ap.add_argument('site', nargs='?', default=str(root / '_docs')); ap.add_argument('--artifacts', default=str(root / '_artifacts'))
    a = ap.parse_args()
    site, arts = Path(a.site), Path(a.artifacts); arts.mkdir(parents=True, exist_ok=True)
    nbs = sorted(p.stem for p in (root / 'nbs').glob('[0-9]*.ipynb'))
    pages = ['index'] + nbs
    srv = _Server(('127.0.0.1', 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f'http://127.0.0.1:{srv.server_port}/'
    fails, passed, external = [], 0, set()
    def check(ok, what):
        nonlocal passed
        if ok: passed += 1
        else: fails.append(what); print('FAIL', what)
    import importlib.util
    spec = importlib.util.spec_from_file_location('docs', root / 'tools' / 'docs.py'); docs = importlib.util.module_from_spec(spec); spec.loader.exec_module(docs)
    for what in docs.readme_problems((root / 'README.md').read_text()): check(False, f'README.md shows {what}')
    with sync_playwright() as p:
        br = p.chromium.launch(executable_path='/usr/bin/chromium', headless=True, args=ARGS)
        pg = br.new_page(viewport={'width': 1280, 'height': 900})
        def route(r):
            if urlparse(r.request.url).hostname in ('127.0.0.1', 'localhost'): r.continue_()
            else: external.add(r.request.url); r.abort()
        pg.route('**/*', route)
        internal, anchors, ids = set(), set(), {}
        for name in pages:
            url = base + f'{name}.html'
            resp = pg.goto(url, wait_until='load')
            check(resp is not None and resp.ok, f'{name}: page loads ({resp.status if resp else "no response"})')
            pg.wait_for_timeout(300)
            info = pg.evaluate(PAGE_JS)
            check(bool(info['title'].strip()) and bool(info['h1'].strip()), f'{name}: has a title and a heading')
            check(info['prose'] >= 1, f'{name}: has prose')
            for ph in PLACEHOLDER.findall(info['text']): check(False, f'{name}: placeholder text {ph!r} where prose belongs')
            for t in info['wide']: check(False, f'{name}: a table wider than the page ({t!r}...)')
            for raw in RAW_LINK.findall(info['text']): check(False, f'{name}: a Markdown link shown as raw text ({raw[:60]})')
            if info['overflow']: print(f'note: {name}: {info["overflow"]} code blocks scroll sideways')
            for im in info['imgs']:
                check(im['w'] > 0, f'{name}: image {im["src"][:60]} loads')
                check(im['std'] > 2, f'{name}: image {im["src"][:60]} is not blank (pixel std {im["std"]:.1f})')
            for nb in nbs:
                check(any(h and nb in h for h in info['sidebar']), f'{name}: sidebar links {nb}')
            mod = re.sub(r'^\d+[a-z]?_', '', name)
            for sym in exported(root).get(mod, []):
                check(any(re.match(rf'{re.escape(sym)}\b', h) for h in info['heads']), f'{name}: API entry (heading) for {mod}.{sym}')
            for sym in documented_methods(root).get(mod, []):
                check(any(re.match(rf'{re.escape(sym)}\b', h) for h in info['heads']), f'{name}: API entry (heading) for the method {mod}.{sym}')
            ids[url] = set(info['ids'])
            for h in info['links']:
                u = urljoin(url, h)
                check(not h.startswith(PUBLISHED), f'{name}: link {h} points into this site, not to the published one')
                if urlparse(u).hostname == '127.0.0.1' and not h.startswith('#'): internal.add(u.split('#')[0])
                if urlparse(u).hostname == '127.0.0.1' and '#' in u and u.split('#')[0].endswith('.html'): anchors.add(u)
            if name in ('index', '03_ddpm'): pg.screenshot(path=str(arts / f'{name}.png'), full_page=False)
        br.close()
    for u in sorted(internal):
        try: ok = urllib.request.urlopen(u).status == 200
        except urllib.error.HTTPError: ok = False
        check(ok, f'internal link {u[len(base):]} resolves')
    for u in sorted(anchors):
        page, frag = u.split('#', 1)
        if page in ids: check(frag in ids[page], f'link {u[len(base):]}: its anchor exists')
    srv.shutdown()
    if external: print(f'{len(external)} requests to other hosts were blocked (the test stays off the network)')
    print(f'screenshots in {arts}')
    print(f'docs: {passed} passed, {len(fails)} failed')
    raise SystemExit(1 if fails else 0)

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass

class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address): pass   # the browser closing a connection early is not a failure

if __name__ == '__main__': main()
