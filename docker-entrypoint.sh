#!/bin/sh
# Serve a corpus mounted at /corpus; with nothing mounted, the embedded seeds.
set -e
if [ -z "${VERBATIM_CORPUS:-}" ] && [ -n "$(ls -A /corpus 2>/dev/null)" ]; then
    export VERBATIM_CORPUS=/corpus
fi
exec "$@"
