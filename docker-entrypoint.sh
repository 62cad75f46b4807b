#!/bin/sh
# Serve a corpus mounted at /corpus; with nothing visible there, the embedded seeds.
set -e
mount=/corpus
# "Visible" as the loader walks: a file or link not under a hidden name. A mount holding only
# .gitkeep (or other hidden files, or empty folders) would otherwise serve an empty corpus.
if [ -z "${VERBATIM_CORPUS:-}" ]; then
    if [ -n "$(find "$mount" -mindepth 1 -name '.*' -prune -o ! -type d -print -quit 2>/dev/null)" ]; then
        export VERBATIM_CORPUS="$mount"
        echo "docker-entrypoint: serving the corpus mounted at $mount" >&2
    else
        echo "docker-entrypoint: no visible files in $mount; serving the embedded seed documents" >&2
    fi
fi
exec "$@"
