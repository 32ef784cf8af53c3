"""Run a peer's near-duplicate finder on a folder and print its groups as JSON (benchmarks only).

Run with the Python of a separate venv that has the peers (never imageid's requirements):
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install imagededup cleanvision torch==2.14.1 torchvision==0.29.1
    /tmp/peers/bin/python tools/peers_dedup.py phash FOLDER      # imagededup's PHash, max distance 10
    /tmp/peers/bin/python tools/peers_dedup.py cleanvision FOLDER  # cleanvision's near-duplicate sets
    /tmp/peers/bin/pip install difPy czkawka                       # difPy ('similar'), czkawka (its default similarity)
    python3 -m venv /tmp/peers_fd && /tmp/peers_fd/bin/pip install fastdup   # its own venv: it downgrades numpy and Pillow
    SENTRY_OPT_OUT=1 FASTDUP_PRODUCTION=1 /tmp/peers_fd/bin/python tools/peers_dedup.py fastdup FOLDER
Prints {"tool", "groups": [[path, ...]], "seconds", "error"}: paths relative to FOLDER; an exception is reported, not raised.
"""
import json, os, sys, time, traceback, warnings
warnings.filterwarnings('ignore')

def phash(folder):
    from imagededup.methods import PHash
    h = PHash(verbose=False)
    enc = h.encode_images(image_dir=folder, recursive=True)
    dups = h.find_duplicates(encoding_map=enc, max_distance_threshold=10)
    return [[a, *bs] for a, bs in dups.items() if bs]  # pairs as small groups: the caller joins them

def cleanvision(folder):
    from cleanvision import Imagelab
    lab = Imagelab(data_path=folder)
    lab.find_issues({'near_duplicates': {}}, verbose=False) if 'verbose' in lab.find_issues.__code__.co_varnames else lab.find_issues({'near_duplicates': {}})
    return [[os.path.relpath(p, folder) for p in s] for s in lab.info['near_duplicates']['sets']]

def difpy(folder):
    import difPy
    dif = difPy.build(folder, show_progress=False)
    res = difPy.search(dif, similarity='similar', same_dim=False, show_progress=False).result  # {file: [[dup, mse], ...]}
    return [[os.path.relpath(a, folder), *[os.path.relpath(d[0], folder) for d in ds]] for a, ds in res.items()]

def czkawka(folder):
    from pathlib import Path
    from czkawka import ImageSimilarity
    f = ImageSimilarity(); f.set_directories([Path(folder)])
    return [[os.path.relpath(str(p), folder) for p in g] for g in f.find_similar()]  # its default similarity

def fastdup(folder):
    os.environ.setdefault('SENTRY_OPT_OUT', '1'); os.environ.setdefault('FASTDUP_PRODUCTION', '1')  # before the import: it phones home
    import tempfile, fastdup as fd_
    fd = fd_.create(work_dir=tempfile.mkdtemp(), input_dir=folder)
    fd.run(overwrite=True, verbose=False)
    cc = fd.connected_components()[0]  # a data frame: one row an image, with its component
    col = 'filename' if 'filename' in cc.columns else cc.columns[0]
    groups = [[os.path.relpath(os.path.abspath(str(p)), folder) for p in g[col]]  # its names are relative to the working folder
              for _, g in cc.groupby('component_id')]
    return [g for g in groups if len(g) > 1]

if __name__ == '__main__':
    tool, folder = sys.argv[1], os.path.abspath(sys.argv[2])
    t, out = time.perf_counter(), dict(tool=tool, groups=[], error=None)
    try: out['groups'] = {'phash': phash, 'cleanvision': cleanvision, 'difpy': difpy, 'czkawka': czkawka, 'fastdup': fastdup}[tool](folder)
    except BaseException as e: out['error'] = f"{type(e).__name__}: {e}"; traceback.print_exc()
    out['seconds'] = time.perf_counter() - t
    print(json.dumps(out))
