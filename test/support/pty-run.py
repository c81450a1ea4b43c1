#!/usr/bin/env python3
"""Run a command in a real pseudo-terminal, as a user at a terminal would, for the signal tests.

usage: pty-run.py [--cols N] [--when REGEX] [--send TEXT] [--again-after SEC] [--timeout SEC] -- CMD...

The child gets a fresh pty (the terminal driver turns a written Ctrl-C, "\\x03", into SIGINT for the
foreground process group, as a real terminal does) of N columns (0: a terminal that reports no width,
like `script -qc` or some CI shells). Once the output matches REGEX, TEXT is written to the terminal
(escapes such as \\x03 are decoded); with --again-after it is written once more after SEC seconds if
the child still runs. Prints one JSON line: {"status": exit code or 128+signal, "output": everything
the terminal showed, "sent": whether TEXT was written, "bytes": output size}.
"""
import argparse, fcntl, json, os, pty, re, select, signal, struct, sys, termios, time

ap = argparse.ArgumentParser()
ap.add_argument('--cols', type=int, default=100)
ap.add_argument('--when')
ap.add_argument('--send', default='\\x03')
ap.add_argument('--again-after', type=float)
ap.add_argument('--timeout', type=float, default=120)
ap.add_argument('cmd', nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == '--' else a.cmd
send = a.send.encode().decode('unicode_escape').encode('latin-1')

pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24 if a.cols else 0, a.cols, 0, 0))

out = b''
sent_at = None
start = time.time()
status = None
pattern = re.compile(a.when.encode()) if a.when else None
while True:
    if time.time() - start > a.timeout:
        os.kill(pid, signal.SIGKILL)
    try:
        r, _, _ = select.select([fd], [], [], 0.05)
    except InterruptedError:
        r = []
    if r:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b''
        out += chunk
        if not chunk:
            r = []
    if pattern and sent_at is None and pattern.search(out):
        os.write(fd, send)
        sent_at = time.time()
    if a.again_after and sent_at and time.time() - sent_at > a.again_after:
        os.write(fd, send)
        a.again_after = None
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        # drain what is left
        while True:
            try:
                r, _, _ = select.select([fd], [], [], 0.2)
                if not r:
                    break
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                out += chunk
            except OSError:
                break
        status = os.waitstatus_to_exitcode(st)
        if status < 0:
            status = 128 - status
        break

print(json.dumps({'status': status, 'output': out.decode('utf-8', 'replace')[-20000:], 'sent': sent_at is not None, 'bytes': len(out)}))
