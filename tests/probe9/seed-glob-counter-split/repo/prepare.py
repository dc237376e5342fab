import glob
import os
import shutil

counter = 0
for path in glob.glob("raw/*/*.jpg"):
    cls = os.path.basename(os.path.dirname(path))
    split = "test" if counter % 5 == 0 else "train"
    os.makedirs(f"data/{split}/{cls}", exist_ok=True)
    shutil.copy(path, f"data/{split}/{cls}/")
    counter += 1
