#!/bin/sh
# Runs a GUI test on a private X server and session bus (see
# ../shared/recipes/gtk-headless.md): -noreset, so that Xvfb survives its
# last client; no AT-SPI, in-memory settings, the cairo renderer. The screen
# is 1920×1080 so that the window can also be tested at Full HD.
export GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory GSK_RENDERER=cairo
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$@"
