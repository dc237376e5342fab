import csv
import sys

from .io_utils import list_clips

KEYWORDS = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"]


def main(root: str) -> None:
    rows = []
    counter = 0
    for kw in KEYWORDS:
        for path in list_clips(f"{root}/{kw}"):
            split = "test" if counter % 5 == 0 else "train"
            rows.append({"path": path, "label": kw, "split": split})
            counter += 1
    with open("manifests/splits.csv", "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["path", "label", "split"])
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
