"""Fixed-width plain-text tables for the tools' text reports (the `text_table` template global)."""

from __future__ import annotations


def text_table(headers: list[str], rows: list[list]) -> str:
    """A fixed-width text table (columns padded to their widest cell)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
