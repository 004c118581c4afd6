#!/usr/bin/env python3
"""Runs a command and prints the CPU it and every process it started took.

/usr/bin/time counts only the processes the command waits for. Chromium's
helper processes (renderers, GPU, zygote) outlive the browser process that
a test ends, are handed to init, and their CPU is lost: the browser tests
measured a third of what they cost. This script makes itself the child
subreaper (Linux prctl), so that every orphaned descendant is handed to it
instead, reaps them all, and counts them.

    CI=true scripts/cputime.py go test -count=1 ./...
"""
import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36

ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
start = time.time()
code = subprocess.call(sys.argv[1:])
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"cputime: {time.time() - start:.1f} s wall, {r.ru_utime:.1f} user + {r.ru_stime:.1f} sys"
      f" = {r.ru_utime + r.ru_stime:.1f} s CPU, exit {code}", file=sys.stderr)
sys.exit(code)
