#!/usr/bin/env python3
"""Trains the small byte-level BPE tokenizer shipped with ssm4j's lm module (demo-tokenizer.json).

Deterministic: the corpus is the text below plus the repository's README.md; 320 merges, chosen by pair
frequency with ties broken by the pair's text. The output follows Hugging Face tokenizers' tokenizer.json
(BPE model, ByteLevel pre-tokenizer and decoder), so any tokenizer.json reader can load it. Run from lm/tools:
    python3 make_demo_tokenizer.py ../../README.md ../src/main/resources/ssm4j/lm/demo-tokenizer.json
"""
import collections
import json
import re
import sys

CORPUS = """State-space models read a sequence one step at a time and keep a small state.
The selective scan lets the state decide what to keep and what to forget.
A language model predicts the next token from the tokens before it.
Mamba runs in linear time in the length of the sequence, and decoding needs no growing cache.
The quick brown fox jumps over the lazy dog. Java runs the kernels with the Vector API.
"""

# GPT-2's split for ASCII text: contractions, letter runs, digit runs, other runs, whitespace
SPLIT = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    """The byte-level alphabet: printable bytes map to themselves, the rest to code points from 256 on."""
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAC + 1)) + list(range(0xAE, 0xFF + 1))
    chars = keep[:]
    n = 0
    for b in range(256):
        if b not in keep:
            keep.append(b)
            chars.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(keep, chars)}


def main(readme, out):
    text = CORPUS + open(readme, encoding="utf-8").read()
    b2u = bytes_to_unicode()
    words = collections.Counter()
    for piece in SPLIT.findall(text):
        words[tuple(b2u[b] for b in piece.encode("utf-8"))] += 1
    vocab = {"<|endoftext|>": 0}
    for b in range(256):
        vocab[b2u[b]] = len(vocab)
    merges = []
    for _ in range(320):
        pairs = collections.Counter()
        for w, c in words.items():
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] += c
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        merges.append(best[0] + " " + best[1])
        vocab[best[0] + best[1]] = len(vocab)
        merged = collections.Counter()
        for w, c in words.items():
            nw, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    nw.append(w[i] + w[i + 1])
                    i += 2
                else:
                    nw.append(w[i])
                    i += 1
            merged[tuple(nw)] += c
        words = merged
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    tok = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": 0, "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True}],
        "normalizer": None,
        "pre_tokenizer": byte_level,
        "post_processor": byte_level,
        "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": merges},
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False, indent=1)
    print(f"{out}: {len(vocab)} tokens, {len(merges)} merges")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
