"""How the notebook house measures up (issue 16): exported cell sizes, long lines, notebooks without outputs, and
notebook sizes. Prints a report; `--json` prints the numbers for notes.

Usage: python tools/house.py [--json] [--top N]
"""
import argparse, json, re, statistics
from pathlib import Path

EXPORT = re.compile(r'^#\|\s*export', re.M)

def notebooks() -> list[Path]:
    return sorted(p for p in Path('nbs').rglob('*.ipynb') if not any(part.startswith(('.', '_')) for part in p.parts))

def _src(c) -> str: return ''.join(c['source']) if isinstance(c['source'], list) else c['source']

def cell_sizes(nbs) -> list[tuple[int, str, str]]:
    "(lines, notebook, first definition) for every exported code cell, directives and blank lines not counted."
    out = []
    for p in nbs:
        for c in json.loads(p.read_text())['cells']:
            s = _src(c)
            if c['cell_type'] != 'code' or not EXPORT.search(s): continue
            lines = [l for l in s.splitlines() if l.strip() and not l.startswith('#|')]
            if not lines: continue
            name = next((re.sub(r'[(:].*', '', l.split()[1]) for l in lines if l.startswith(('def ', 'class ', 'async def '))), lines[0][:40])
            out.append((len(lines), p.stem, name))
    return out

def undocumented() -> list[str]:
    "Public functions, classes and methods of the library without a docstring (nn.Module's forward and extra_repr aside)."
    import ast
    out = []
    for p in sorted(Path('imageid').glob('*.py')):
        if p.name == '_modidx.py': continue
        for n in ast.parse(p.read_text()).body:
            if not isinstance(n, (ast.FunctionDef, ast.ClassDef)): continue
            items = [(n.name, n)] + ([(f"{n.name}.{m.name}", m) for m in n.body if isinstance(m, ast.FunctionDef)]
                                     if isinstance(n, ast.ClassDef) else [])
            for name, d in items:
                short = name.split('.')[-1]
                if (isinstance(d, (ast.FunctionDef, ast.ClassDef)) and not any(x.startswith('_') for x in name.split('.'))
                    and short not in ('forward', 'extra_repr') and not ast.get_docstring(d)): out.append(f"{p.stem}.{name}")
    return out

def report(top=10) -> dict:
    nbs = notebooks()
    sizes = cell_sizes(nbs)
    n = [s for s, *_ in sizes]
    lib = [l for p in Path('imageid').glob('*.py') if p.name != '_modidx.py' for l in p.read_text().splitlines()]
    no_out = [p.stem for p in nbs if not any(c.get('outputs') for c in json.loads(p.read_text())['cells'])]
    kb = {p.stem: round(p.stat().st_size / 1024) for p in nbs}
    return dict(exported_cells=len(n), median_lines=statistics.median(n), max_lines=max(n),
                over_60=sum(x > 60 for x in n), over_30=sum(x > 30 for x in n),
                largest=[f"{s} {nb}:{name}" for s, nb, name in sorted(sizes, reverse=True)[:top]],
                lines_over_120=sum(len(l) > 120 for l in lib), undocumented=undocumented(), notebooks=len(nbs),
                without_outputs=no_out, largest_notebooks_kb=dict(sorted(kb.items(), key=lambda x: -x[1])[:5]))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--json', action='store_true'); ap.add_argument('--top', type=int, default=10)
    a = ap.parse_args()
    r = report(a.top)
    if a.json: print(json.dumps(r, indent=1))
    else:
        for k, v in r.items(): print(f"{k}: {v}")
