import argparse
import json

import yaml

from ads_ctr.train import tune


def main(argv=None):
    ap = argparse.ArgumentParser(prog="ads_ctr")
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("tune")
    t.add_argument("--config", required=True)
    sub.add_parser("report")
    args = ap.parse_args(argv)
    if args.cmd == "tune":
        cfg = yaml.safe_load(open(args.config))
        metrics = tune(cfg)
        json.dump({"config": cfg, **metrics}, open("results/metrics.json", "w"), indent=1)
    else:
        print(json.load(open("results/metrics.json")))


if __name__ == "__main__":
    main()
