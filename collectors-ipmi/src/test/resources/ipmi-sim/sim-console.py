#!/usr/bin/env python3
"""Sends commands to ipmi_sim's console (no authentication; bound to 127.0.0.1 for tests).
Usage: sim-console.py CONSOLE_PORT COMMAND...   e.g. sim-console.py 9624 "sensor_set_bit 0x20 0 11 1 1 1"
Like set-value.py, but for any command (set-value.py only sets threshold sensors' raw values)."""
import socket, sys, time
port = int(sys.argv[1])
with socket.create_connection(("127.0.0.1", port), timeout=3) as s:
    time.sleep(0.2); s.recv(4096)                       # telnet negotiation and prompt
    for command in sys.argv[2:]:
        s.sendall((command + "\n").encode())
        time.sleep(0.2); s.recv(4096)
