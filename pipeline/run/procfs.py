"""Resident memory of process trees, read from Linux `/proc` (zero elsewhere: no watchdog)."""

from __future__ import annotations

import os

_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / (1024 * 1024) if hasattr(os, "sysconf") else 0.0


def _stat(pid: str) -> tuple[int, float] | None:
    """(parent pid, resident MB) of one process, None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    # The command name (field 2) may contain spaces and parentheses: split after its last ')'.
    fields = data[data.rfind(b")") + 2:].split()
    return int(fields[1]), int(fields[21]) * _PAGE_MB


def _table() -> tuple[dict[int, int], dict[int, float]]:
    """Parent pid and resident MB of every process."""
    parent: dict[int, int] = {}
    rss: dict[int, float] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = _stat(name)
            if st is not None:
                parent[int(name)], rss[int(name)] = st
    return parent, rss


def descendants(pid: int) -> list[int]:
    """Every live process below `pid` (children first found, e.g. LibreOffice in its own group)."""
    if not os.path.isdir("/proc"):
        return []
    parent, _ = _table()
    children: dict[int, list[int]] = {}
    for child, par in parent.items():
        children.setdefault(par, []).append(child)
    out, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            out.append(child)
            stack.append(child)
    return out


def tree_rss_mb(roots: list[int]) -> dict[int, float]:
    """Resident MB of each root process plus all its descendants (e.g. a LibreOffice child)."""
    if not roots or not os.path.isdir("/proc"):
        return {pid: 0.0 for pid in roots}
    parent, rss = _table()
    totals = {pid: rss.get(pid, 0.0) for pid in roots}
    for pid in rss:
        ancestor, seen = parent.get(pid), 0
        while ancestor is not None and ancestor > 1 and seen < 64:
            if ancestor in totals and pid not in totals:
                totals[ancestor] += rss[pid]
                break
            ancestor, seen = parent.get(ancestor), seen + 1
    return totals


def self_rss_mb() -> float:
    """Resident MB of this process."""
    st = _stat("self")
    return st[1] if st else 0.0


def self_vm_mb() -> float:
    """Virtual address space of this process in MB (what RLIMIT_AS limits)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * _PAGE_MB
    except OSError:
        return 0.0
