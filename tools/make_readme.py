#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does, without Quarto).

Markdown cells are copied, code cells become ```python blocks followed by their text output, cells marked
`#| hide` are left out, image links are made relative to the repository root, and links to
docs pages point to the notebooks they come from (which GitHub shows).
`--check` writes nothing and exits 1 when README.md differs from what the notebook gives.
"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def _src(cell): return ''.join(cell['source']) if isinstance(cell['source'], list) else cell['source']

def _output_text(cell):
    out = []
    for o in cell.get('outputs', []):
        if o['output_type'] == 'stream' and o.get('name') == 'stdout': out.append(''.join(o['text']))
        elif o['output_type'] in ('execute_result', 'display_data') and 'text/plain' in o.get('data', {}) \
                and not any(k.startswith('image/') for k in o['data']):
            out.append(''.join(o['data']['text/plain']))
    return '\n'.join(t.rstrip('\n') for t in out)

def _target(link:str) -> str:
    "A link of the docs site (`collection.html`, `tutorials/coco128.html#x`) as the notebook it comes from, which GitHub shows."
    page, _, anchor = link.partition('#')
    if not page.endswith('.html'): return f"nbs/{link}"  # images and other files
    stem = Path(page).with_suffix('')
    for nb in sorted((ROOT/'nbs'/stem.parent).glob('*.ipynb')):
        if re.sub(r'^\d+[a-z]?_', '', nb.stem) == stem.name: return nb.relative_to(ROOT).as_posix() + (f"#{anchor}" if anchor else '')
    sys.exit(f"nbs/index.ipynb links to {link}, which no notebook renders")

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    parts = ["<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->"]
    for cell in nb['cells']:
        src = _src(cell)
        lines = src.splitlines()
        if any(re.match(r'^#\|\s*(hide|exporti?|default_exp)\b', l) for l in lines): continue
        if cell['cell_type'] == 'markdown':
            parts.append(re.sub(r'\]\((?!https?:|#|/)([^)]+)\)', lambda m: f"]({_target(m.group(1))})", src).strip())
        elif cell['cell_type'] == 'code':
            code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
            if not code: continue
            parts.append(f"```python\n{code}\n```")
            out = _output_text(cell)
            if out: parts.append(f"```\n{out}\n```")
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text(encoding='utf-8') != text:
            sys.exit("README.md is out of date with nbs/index.ipynb: run `python tools/make_readme.py` and commit.")
        print("README.md matches nbs/index.ipynb")
    else:
        readme.write_text(text, encoding='utf-8'); print(f"wrote {readme}")
