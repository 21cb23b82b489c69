#!/usr/bin/env python3
"""Git merge driver for gettext catalogues: the union of both sides' entries.

Two branches that add different strings, or translate different ones, never
conflict: for each message the side with a translation wins (ours first).
Enable once per clone (scripts/test and scripts/start do it):
    git config merge.po.driver "python3 scripts/merge_po.py %O %A %B"
"""

import re
import sys


def entries(text: str) -> list[tuple[str, str]]:
    """(key, block) pairs; the key is everything before the first msgstr
    (msgctxt, msgid, msgid_plural) with the line wrapping removed, comments left
    out."""
    result = []
    for block in re.split(r"\n\s*\n", text.strip()):
        key_parts = []
        for line in block.splitlines():
            if line.startswith("msgstr"):
                break
            if line.startswith("msg"):
                keyword, _, rest = line.partition(" ")
                key_parts += ["\n" + keyword, rest.strip()[1:-1]]
            elif line.startswith('"'):
                # Continuation lines: the same text wrapped differently by two
                # branches is still the same message.
                key_parts.append(line.strip()[1:-1])
        result.append(("".join(key_parts), block))
    return result


def translated(block: str) -> bool:
    in_str = False
    for line in block.splitlines():
        if line.startswith("msgstr"):
            in_str = True
            if line.split(" ", 1)[1].strip() != '""':
                return True
        elif line.startswith("msg"):
            in_str = False
        elif in_str and line.startswith('"') and line.strip() != '""':
            return True
    return False


def main(base: str, ours: str, theirs: str) -> int:
    with open(ours, encoding="utf-8") as f:
        our_entries = entries(f.read())
    with open(theirs, encoding="utf-8") as f:
        their_entries = dict(entries(f.read()))
    merged, seen = [], set()
    for key, block in our_entries:
        other = their_entries.get(key)
        use_theirs = other and not translated(block) and translated(other)
        merged.append(other if use_theirs else block)
        seen.add(key)
    merged += [block for key, block in their_entries.items() if key not in seen]
    with open(ours, "w", encoding="utf-8") as f:
        f.write("\n\n".join(merged) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
