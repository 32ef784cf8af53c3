"""Run a peer's near-duplicate finder on a folder and print its groups as JSON (benchmarks only).

Run with the Python of a separate venv that has the peers (never imageid's requirements):
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install imagededup cleanvision torch==2.14.1 torchvision==0.29.1
    /tmp/peers/bin/python tools/peers_dedup.py phash FOLDER      # imagededup's PHash, max distance 10
    /tmp/peers/bin/python tools/peers_dedup.py cleanvision FOLDER  # cleanvision's near-duplicate sets
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

if __name__ == '__main__':
    tool, folder = sys.argv[1], os.path.abspath(sys.argv[2])
    t, out = time.perf_counter(), dict(tool=tool, groups=[], error=None)
    try: out['groups'] = {'phash': phash, 'cleanvision': cleanvision}[tool](folder)
    except BaseException as e: out['error'] = f"{type(e).__name__}: {e}"; traceback.print_exc()
    out['seconds'] = time.perf_counter() - t
    print(json.dumps(out))
