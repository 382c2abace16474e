#!/usr/bin/env python
"""Build the documentation site offline: nbdev's notebook processing, then smalldocs in place of Quarto.

    python tools/docs.py            # writes _docs/ (the folder `nbdev_docs` writes with Quarto)
    python tools/docs.py readme     # writes README.md from nbs/index.ipynb (what `nbdev_readme` does with Quarto)

nbdev_docs needs the Quarto binary, which only Quarto's own download server carries. This runs the same
steps nbdev_docs runs before calling Quarto (refresh nbdev.yml, the API index, sidebar.yml, and the
processed notebooks in _proc/ with show_doc rendered and directives applied), then renders _proc/ with
smalldocs, a pure-Python renderer that reads the same _quarto.yml.
"""
import json, re, shutil, subprocess, sys
from nbdev.config import get_config
from nbdev.quarto import refresh_quarto_yml, nbdev_sidebar
from nbdev.serve import proc_nbs
import nbdev.doclinks

def build():
    cfg = get_config()
    refresh_quarto_yml()
    nbdev.doclinks._build_modidx()
    nbdev_sidebar.__wrapped__(path=cfg.nbs_path)
    proc = proc_nbs(cfg.nbs_path, force=True)
    plain_signatures(proc)
    out = cfg.config_path / cfg.doc_path.name
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([shutil.which('smalldocs') or 'smalldocs', 'render', '--quiet', str(proc)], check=True)
    shutil.move(proc / cfg.doc_path.name, out)   # nbdev.yml's output-dir, relative to _proc as for Quarto
    local_links(out, cfg.doc_host.rstrip('/') + '/' + cfg.doc_baseurl.strip('/') + '/')
    print(f'site written to {out}')
    return out

def plain_signatures(proc):
    "Signatures are code: the Markdown links nbdev puts into their parameter comments would show as raw text there, so keep the names only."
    fence, link = re.compile(r'```python\n.*?```', re.S), re.compile(r'\[(`[^`\]]+`)\]\([^)\s]+\)')
    for f in proc.glob('*.ipynb'):
        nb = json.loads(f.read_text())
        for c in nb['cells']:
            for o in c.get('outputs', []):
                md = o.get('data', {}).get('text/markdown')
                if md is None: continue
                txt = ''.join(md) if isinstance(md, list) else md
                new = fence.sub(lambda m: link.sub(r'\1', m.group(0)), txt)
                if new != txt: o['data']['text/markdown'] = new
        f.write_text(json.dumps(nb, indent=1))

def local_links(out, site):
    "Point the API cross-links, which nbdev writes for the published site (`audio.html`), at this site's pages (`00_audio.html`)."
    pages = {re.sub(r'^\d+[a-z]?_', '', f.stem): f.name for f in out.glob('*.html')}
    pat = re.compile(re.escape(site) + r'([\w-]+)\.html')
    for f in out.rglob('*.html'):
        s = f.read_text()
        t = pat.sub(lambda m: pages.get(m.group(1), m.group(0)), s)
        if t != s: f.write_text(t)

def readme():
    "README.md from the index notebook, as Markdown with its outputs (nbconvert instead of Quarto's gfm)."
    cfg = get_config()
    import nbformat
    from nbconvert import MarkdownExporter
    nb = nbformat.read(cfg.nbs_path / cfg.readme_nb, as_version=4)
    nb.cells = [c for c in nb.cells if not re.match(r'#\|\s*hide\b', c.source)]   # hidden cells stay out, as on the site
    md, _ = MarkdownExporter().from_notebook_node(nb)
    md = _fence(md).replace('](images/', '](nbs/images/')   # images beside the notebooks, seen from the top
    md = re.sub(r'<style scoped>.*?</style>\n?', '', md, flags=re.S)   # pandas' HTML styles show as text on GitHub and PyPI
    if (bad := readme_problems(md)): raise SystemExit('README.md not written: ' + '; '.join(bad))
    (cfg.config_path / 'README.md').write_text(md)
    print('README.md written')

def readme_problems(md:str)->list:
    "What would show wrongly on GitHub or PyPI: style blocks, and paths of the machine that ran the notebook."
    return ([f'a <style> block'] if '<style' in md else []) + [f'an absolute path {m}' for m in sorted(set(re.findall(r'(?:/tmp/|/root/|/home/|/Users/)[^\s\'"`)]*', md)))]

def _fence(md):
    "Give bare code fences (notebook code cells) a language; leave the closing fences alone."
    out, inside = [], False
    for l in md.split('\n'):
        if l.startswith('```'):
            if not inside and l == '```': l = '```python'
            inside = not inside
        out.append(l)
    return '\n'.join(out)

if __name__ == '__main__': readme() if sys.argv[1:] == ['readme'] else build()
