"""Pretrains a LeNet on the 2500 MNIST digits of data/av_mnist_fsdd_raw that data/mnist_text does not
use (3 epochs of Adam, about 30 s on a CPU), then saves its 84-d feature extractor as TorchScript,
traced in eval mode, for the fine-tuning example of docs/pretrained.md. From the repository root:

    python3 docs/examples/pretrain_lenet.py /tmp/lenet.pt     # needs torch, numpy, Pillow
"""
import csv, os, sys
import numpy as np
import torch
from PIL import Image

used = set(os.listdir("data/mnist_text/image"))
xs, ys = [], []
for row in csv.DictReader(open("data/av_mnist_fsdd_raw/index.csv")):
    name = os.path.basename(row["image"])
    if name in used:
        continue
    img = np.asarray(Image.open(os.path.join("data/av_mnist_fsdd_raw", row["image"])).convert("L"), dtype=np.float32) / 255.0
    xs.append(img[None]); ys.append(int(row["label"]))
x = torch.tensor(np.stack(xs)); y = torch.tensor(ys)
print(len(ys), "images for pretraining (none of mnist_text's)")


class LeNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = torch.nn.Conv2d(6, 16, 5)
        self.fc = torch.nn.Linear(16 * 5 * 5, 84)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)
        return torch.relu(self.fc(torch.flatten(x, 1)))


torch.manual_seed(0)
body = LeNet()
model = torch.nn.Sequential(body, torch.nn.Linear(84, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(3):
    perm = torch.randperm(len(y))
    for i in range(0, len(y), 64):
        idx = perm[i:i + 64]
        loss = torch.nn.functional.cross_entropy(model(x[idx]), y[idx])
        opt.zero_grad(); loss.backward(); opt.step()
    acc = (model(x).argmax(1) == y).float().mean().item()
    print(f"epoch {epoch + 1}: training accuracy {acc:.3f}")
body.eval()
torch.jit.trace(body, torch.zeros(1, 1, 28, 28)).save(sys.argv[1])
