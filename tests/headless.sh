#!/bin/sh
# Runs a GUI test on a private X server and session bus (see
# ../shared/recipes/gtk-headless.md): -noreset, so that Xvfb survives its
# last client; no AT-SPI, in-memory settings, the cairo renderer.
export GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory GSK_RENDERER=cairo
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1366x768x24 -noreset" "$@"
