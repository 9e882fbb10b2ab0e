#!/usr/bin/env python3
"""Writes the tiny frozen encoders the tests load (deterministic; run from this folder).

    /usr/bin/python3 make_models.py      # Debian: apt-get install -y python3-torch python3-onnx

Every weight is a closed-form function of its indices, so PretrainedModelsTest recomputes each
network by hand in Java:

  tiny_image.{onnx,pt}    x: float32 [batch, 1, 8, 8]  ->  W2 tanh(W1 flatten(x) + b1) + b2: [batch, 3]
                          W1[i][j] = ((7i + 3j) mod 11 - 5) / 20   (5 x 64)   b1[i] = (i - 2) / 10
                          W2[k][i] = ((5k + 2i) mod 7 - 3) / 5     (3 x 5)    b2[k] = k / 10
  tiny_image_batch4.onnx  the same network exported with the batch fixed at 4
  flat_output.onnx        x: [batch, 1, 8, 8] -> flatten over the batch too: [batch * 64] (a wrong output)
  tiny_text.{onnx,pt}     input_ids, attention_mask: int64 [batch, tokens] ->
                          [batch, tokens, 2] = (sin(0.01 id), cos(0.003 id) * mask)

and the modules that tests fine-tune (TorchScript only; "fine_tune": true in a manifest):

  top_half.pt             x: float32 [batch, 1, 8, 8]  ->  V2 tanh(V1 flatten(x)): [batch, 2], traced in eval mode
                          V1[i][j] = ((3i + 5j) mod 7 - 3) / 10 for the top half (j < 32), 0 below   (4 x 64)
                          V2[k][i] = ((k + 2i) mod 5 - 2) / 4                                        (2 x 4)
                          biases 0: frozen, it cannot see the bottom half of an image; trained, it can
  batchnorm_scripted.pt   x: [batch, 1, 8, 8] -> BatchNorm1d(Linear(64, 3)(flatten(x))), scripted: its
                          running statistics change whenever it runs in training mode (refused)
"""
import torch


class TinyImage(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(64, 5)
        self.fc2 = torch.nn.Linear(5, 3)
        with torch.no_grad():
            for i in range(5):
                for j in range(64):
                    self.fc1.weight[i, j] = ((7 * i + 3 * j) % 11 - 5) / 20.0
                self.fc1.bias[i] = (i - 2) / 10.0
            for k in range(3):
                for i in range(5):
                    self.fc2.weight[k, i] = ((5 * k + 2 * i) % 7 - 3) / 5.0
                self.fc2.bias[k] = k / 10.0

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(torch.flatten(x, 1))))


class FlatOutput(torch.nn.Module):
    def forward(self, x):
        return torch.reshape(x, (-1,)) * 2.0


class TinyText(torch.nn.Module):
    def forward(self, input_ids, attention_mask):
        ids = input_ids.to(torch.float32)
        mask = attention_mask.to(torch.float32)
        return torch.stack([torch.sin(0.01 * ids), torch.cos(0.003 * ids) * mask], dim=2)


class TopHalf(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(64, 4)
        self.fc2 = torch.nn.Linear(4, 2)
        with torch.no_grad():
            for i in range(4):
                for j in range(64):
                    self.fc1.weight[i, j] = ((3 * i + 5 * j) % 7 - 3) / 10.0 if j < 32 else 0.0
                self.fc1.bias[i] = 0.0
            for k in range(2):
                for i in range(4):
                    self.fc2.weight[k, i] = ((k + 2 * i) % 5 - 2) / 4.0
                self.fc2.bias[k] = 0.0

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(torch.flatten(x, 1))))


class BatchNormNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(64, 3)
        self.bn = torch.nn.BatchNorm1d(3)

    def forward(self, x):
        return self.bn(self.fc(torch.flatten(x, 1)))


def main():
    torch.manual_seed(0)
    image = TinyImage().eval()
    x = torch.zeros(2, 1, 8, 8)
    batch = {"x": {0: "batch"}, "y": {0: "batch"}}
    torch.onnx.export(image, x, "tiny_image.onnx", input_names=["x"], output_names=["y"], dynamic_axes=batch,
                      opset_version=13)
    torch.onnx.export(image, torch.zeros(4, 1, 8, 8), "tiny_image_batch4.onnx", input_names=["x"],
                      output_names=["y"], opset_version=13)
    torch.jit.trace(image, x).save("tiny_image.pt")
    torch.onnx.export(FlatOutput().eval(), x, "flat_output.onnx", input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch"}, "y": {0: "flat"}}, opset_version=13)

    text = TinyText().eval()
    ids = torch.tensor([[101, 2023, 102], [101, 102, 0]], dtype=torch.int64)
    mask = torch.tensor([[1, 1, 1], [1, 1, 0]], dtype=torch.int64)
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            "hidden": {0: "batch", 1: "tokens"}}
    torch.onnx.export(text, (ids, mask), "tiny_text.onnx", input_names=["input_ids", "attention_mask"],
                      output_names=["hidden"], dynamic_axes=axes, opset_version=13)
    torch.jit.trace(text, (ids, mask)).save("tiny_text.pt")

    torch.jit.trace(TopHalf().eval(), x).save("top_half.pt")
    torch.jit.script(BatchNormNet().train()).save("batchnorm_scripted.pt")


if __name__ == "__main__":
    main()
