"""The stored-outputs policy of imageid's notebooks, checked in CI (`--check`) and applied by `--fix`.

A notebook's stored outputs are what its docs page shows, so they follow one policy:
- no machine paths (temporary folders, home folders, the virtual environment) in any output;
- no stderr outputs (warnings and progress bars: they say nothing on a docs page, and often hold paths);
- small: at most MAX_IMAGE_KB a picture and MAX_NOTEBOOK_KB of outputs a notebook. `--fix` re-encodes larger
  pictures as JPEG (quality 85, at most 1,100 pixels wide), which keeps figures and photo grids legible.

`--execute` runs a notebook's cells in order, as `nbdev_test` does (from the notebook's folder; cells flagged with
a `tst_flags` word such as `slow` are not run and keep the outputs they have), stores what they show, then applies
`--fix`: how a notebook gets its outputs. The temporary folders its examples make are shown as `<tmp>`: their names
change every run and say nothing.

Usage: python tools/outputs.py --check | --fix | --execute [NOTEBOOK ...]   (default: every notebook under nbs/)
"""
import argparse, base64, io, json, re, sys
from pathlib import Path

MAX_IMAGE_KB, MAX_NOTEBOOK_KB = 150, 400
MACHINE_PATH = re.compile(r'(/tmp/|/var/folders/|/private/var/|/home/|/Users/|/root/|/work/|\.venv/|site-packages/)')

def notebooks(args) -> list[Path]:
    if args: return [Path(a) for a in args]
    return sorted(p for p in Path('nbs').rglob('*.ipynb') if not any(part.startswith(('.', '_')) for part in p.parts))

def _kb(o) -> float: return len(json.dumps(o)) / 1024

def problems(nb:dict) -> list[str]:
    "What in `nb`'s stored outputs breaks the policy."
    out, total = [], 0.0
    for i, c in enumerate(nb['cells']):
        for o in c.get('outputs', []):
            total += _kb(o)
            if o.get('name') == 'stderr': out.append(f"cell {i}: a stderr output")
            if MACHINE_PATH.search(json.dumps(o)): out.append(f"cell {i}: a machine path ({MACHINE_PATH.search(json.dumps(o)).group(0)}...)")
            for mime in ('image/png', 'image/jpeg'):
                if mime in o.get('data', {}) and len(o['data'][mime]) * 3 / 4 / 1024 > MAX_IMAGE_KB:
                    out.append(f"cell {i}: a {len(o['data'][mime]) * 3 / 4 / 1024:.0f} KB picture (at most {MAX_IMAGE_KB} KB)")
    if total > MAX_NOTEBOOK_KB: out.append(f"{total:.0f} KB of outputs (at most {MAX_NOTEBOOK_KB} KB)")
    return out

def _jpeg(b64:str) -> str:
    "The picture as a JPEG under MAX_IMAGE_KB: quality 85 at most 1,100 pixels wide, less of both while it is larger."
    from PIL import Image
    im = Image.open(io.BytesIO(base64.b64decode(b64))).convert('RGB')
    for width, q in ((1100, 85), (1100, 75), (900, 75), (800, 70)):
        if im.width > width: im = im.resize((width, round(im.height * width / im.width)), Image.LANCZOS)
        buf = io.BytesIO(); im.save(buf, 'JPEG', quality=q, optimize=True)
        if buf.tell() / 1024 <= MAX_IMAGE_KB: break
    return base64.b64encode(buf.getvalue()).decode()

def fix(nb:dict) -> int:
    "Drop stderr outputs and re-encode large pictures as JPEG; returns how many outputs changed (machine paths need a rerun)."
    n = 0
    for c in nb['cells']:
        if not c.get('outputs'): continue
        keep = [o for o in c['outputs'] if o.get('name') != 'stderr']; n += len(c['outputs']) - len(keep); c['outputs'] = keep
        for o in keep:
            d = o.get('data', {})
            if 'image/png' in d and len(d['image/png']) * 3 / 4 / 1024 > MAX_IMAGE_KB / 2:
                j = _jpeg(d['image/png'])
                if len(j) < 0.8 * len(d['image/png']): del d['image/png']; d['image/jpeg'] = j; n += 1  # photos shrink; line plots stay PNG
            elif 'image/jpeg' in d and len(d['image/jpeg']) * 3 / 4 / 1024 > MAX_IMAGE_KB:
                d['image/jpeg'] = _jpeg(d['image/jpeg']); n += 1
    return n

def _tmp_pattern():
    import tempfile
    roots = {tempfile.gettempdir(), '/tmp', '/private/tmp', '/var/folders'}
    return re.compile('(' + '|'.join(re.escape(r) for r in sorted(roots, key=len, reverse=True)) + r')/tmp[\w.-]+')
TMP = _tmp_pattern()

def execute(path:Path) -> int:
    "Run `path`'s cells in its folder (flagged cells skipped, keeping their outputs); store the outputs; how many cells ran."
    import os
    from execnb.shell import CaptureShell
    from nbdev.config import get_config
    flags = set(get_config().get('tst_flags', '').split())
    nb, ran, cwd = json.loads(path.read_text()), 0, os.getcwd()
    sh = CaptureShell()
    os.chdir(path.parent)
    try:
        for c in nb['cells']:
            if c['cell_type'] != 'code': continue
            src = ''.join(c['source'])
            words = {w for l in src.splitlines() if l.startswith('#|') for w in l[2:].split()}
            if words & flags or 'eval: false' in src: continue
            outs = sh.run(src)
            if sh.exc: raise RuntimeError(f"{path}: a cell failed:\n{src[:300]}\n{sh.exc}")
            outs = json.loads(TMP.sub('<tmp>', json.dumps([o for o in outs if o.get('output_type') != 'error'])))
            c['outputs'] = outs; c['execution_count'] = None; ran += 1
    finally: os.chdir(cwd)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    return ran

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument('--check', action='store_true'); g.add_argument('--fix', action='store_true')
    g.add_argument('--execute', action='store_true')
    p.add_argument('notebooks', nargs='*')
    a = p.parse_args(argv); bad = 0
    for path in notebooks(a.notebooks):
        if a.execute: print(f"{path}: ran {execute(path)} cells")
        nb = json.loads(path.read_text())
        if (a.fix or a.execute) and fix(nb):
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n'); print(f"{path}: fixed")
        for msg in problems(nb): print(f"{path}: {msg}"); bad += 1
    if a.check: print(f"outputs policy: {'ok' if not bad else f'{bad} problem(s)'}")
    return 1 if bad and a.check else 0

if __name__ == '__main__': sys.exit(main())
