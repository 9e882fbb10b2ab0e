#!/usr/bin/env python3
"""Builds data/mnist_text from data/av_mnist_fsdd_raw: 500 MNIST digits, each with a short caption.

    python3 data/mnist_text/make_dataset.py        # from the repository root; standard library only

Deterministic (random.Random(17), files read in index order): running it again rewrites the same
bytes. Per digit it takes the first 40 images of av_mnist_fsdd_raw's train split and the first 10 of
its test split (so no test image of the source is a training image here), copies the PNGs into
image/ and writes index.csv (id,label,split,image,caption) and nothing else; manifest.json and
ATTRIBUTION.md are written by hand.

The captions play a sloppy annotator who describes the digit in words. They are synthetic and easy
on purpose, but not enough on their own: about 45 % name the digit (in words, numerals, arithmetic,
other languages, some misspelt), about 35 % are ambiguous (a confusable pair, or a property shared by
several digits: "an odd digit", "a digit with a closed loop"), and about 20 % say nothing about it.
"""
import csv
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "av_mnist_fsdd_raw")
PER_DIGIT = {"train": 40, "test": 10}

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
MISSPELT = ["zer0", "won", "tow", "thre", "for", "fiv", "sicks", "sevn", "eigth", "nien"]
OTHER_LANGUAGE = ["null", "eins", "deux", "tres", "quattro", "cinq", "seis", "sieben", "huit", "nueve"]
ARITHMETIC = ["one minus one", "two minus one", "one plus one", "half of six", "two times two", "ten minus five",
              "three plus three", "one more than six", "four plus four", "three squared"]
SPECIFIC = [
    "a handwritten {w}", "the digit {d}", "looks like a {w} to me", "clearly a {d}", "number {w}",
    "I read it as {w}", "it is {a}", "{o}?", "probably {m}", "a slanted {w}", "a {w}, written quickly",
    "the numeral {d}, thick strokes",
]
CONFUSABLE = {0: [6, 8], 1: [7], 2: [7, 3], 3: [8, 5], 4: [9], 5: [6, 3], 6: [0, 5], 7: [1, 2], 8: [3, 0], 9: [4]}
PROPERTIES = [
    ("an odd digit", {1, 3, 5, 7, 9}), ("an even digit", {0, 2, 4, 6, 8}),
    ("a prime number", {2, 3, 5, 7}), ("a digit with a closed loop", {0, 6, 8, 9}),
    ("only straight strokes", {1, 4, 7}), ("a curvy digit without a loop", {2, 3, 5}),
    ("bigger than five", {6, 7, 8, 9}), ("smaller than five", {0, 1, 2, 3, 4}),
]
AMBIGUOUS_PAIR = ["either a {x} or a {y}", "{x} or {y}, hard to say", "could be {x}, could be {y}"]
UNINFORMATIVE = ["a handwritten digit", "hard to read", "smudged scan", "no idea", "a digit on a black background",
                 "written in a hurry", "low contrast, sorry", "skip"]


def caption(label, rng):
    r = rng.random()
    if r < 0.45:
        template = rng.choice(SPECIFIC)
        return template.format(w=WORDS[label], d=label, a=ARITHMETIC[label], o=OTHER_LANGUAGE[label],
                               m=MISSPELT[label])
    if r < 0.80:
        if rng.random() < 0.5:
            other = rng.choice(CONFUSABLE[label])
            x, y = (label, other) if rng.random() < 0.5 else (other, label)
            words = rng.random() < 0.5
            return rng.choice(AMBIGUOUS_PAIR).format(x=WORDS[x] if words else x, y=WORDS[y] if words else y)
        return rng.choice([text for text, digits in PROPERTIES if label in digits])
    return rng.choice(UNINFORMATIVE)


def main():
    rng = random.Random(17)
    with open(os.path.join(SOURCE, "index.csv"), newline="", encoding="utf-8") as f:
        source = list(csv.DictReader(f))
    taken = {(d, s): [] for d in range(10) for s in PER_DIGIT}
    for row in source:
        key = (int(row["label"]), row["split"])
        if len(taken[key]) < PER_DIGIT[row["split"]]:
            taken[key].append(row)
    image_dir = os.path.join(HERE, "image")
    if os.path.isdir(image_dir):
        shutil.rmtree(image_dir)
    os.makedirs(image_dir)
    rows = []
    for split in ("train", "test"):
        for d in range(10):
            for row in taken[(d, split)]:
                name = os.path.basename(row["image"])
                shutil.copyfile(os.path.join(SOURCE, row["image"]), os.path.join(image_dir, name))
                rows.append({"id": name[:-4], "label": d, "split": split, "image": "image/" + name,
                             "caption": caption(d, rng)})
    rows.sort(key=lambda r: (r["split"] != "train", r["id"]))
    with open(os.path.join(HERE, "index.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "label", "split", "image", "caption"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
