"""Checks that Cargo.toml's rust-version is the highest rust-version any dependency declares.

A lower declaration would promise a toolchain the dependencies refuse; a higher one would
turn away toolchains that work. Reads `cargo metadata`, so it needs no network.
"""
import json
import subprocess
import sys


def version(text):
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


metadata = json.loads(
    subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
)
root = metadata["resolve"]["root"]
ours = next(p for p in metadata["packages"] if p["id"] == root)
declared = ours.get("rust_version")
needed, by = max(
    (version(p["rust_version"]), p["name"])
    for p in metadata["packages"]
    if p["id"] != root and p.get("rust_version")
)
needed_text = ".".join(str(n) for n in needed).removesuffix(".0")
if declared is None or version(declared) != needed:
    print(f"rust-version is {declared}, but {by} needs {needed_text}: declare that")
    sys.exit(1)
print(f"rust-version {declared}: the highest any dependency needs ({by})")
