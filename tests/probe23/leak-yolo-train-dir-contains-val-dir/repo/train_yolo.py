from ultralytics import YOLO

model = YOLO("yolov8s.pt")
model.train(data="data/defects.yaml", epochs=100, imgsz=640, seed=0, deterministic=True)
metrics = model.val(data="data/defects.yaml", split="val")
print("mAP50-95", metrics.box.map)
