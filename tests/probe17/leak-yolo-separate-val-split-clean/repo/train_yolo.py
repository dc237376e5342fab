import json

from ultralytics import YOLO

model = YOLO("yolov8s.pt")
model.train(data="weeds.yaml", epochs=120, imgsz=960, batch=16, seed=0, deterministic=True,
            patience=30, project="runs", name="weeds_s")

best = YOLO("runs/weeds_s/weights/best.pt")
m = best.val(data="weeds.yaml", split="test", imgsz=960)
res = {"weights": "yolov8s.pt", "imgsz": 960, "seed": 0, "mAP50": float(m.box.map50), "mAP50_95": float(m.box.map)}
print(res)
json.dump(res, open("results/yolo_test.json", "w"), indent=2)
