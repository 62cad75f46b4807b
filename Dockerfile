# syntax=docker/dockerfile:1
# Build stage: install Verbatim and its dependencies into a virtual environment.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/verbatim
WORKDIR /src
# The dependencies come from requirements.lock, pinned and hash-checked, so an image built next
# month holds the same packages. Regenerate it after changing pyproject's dependencies with
#   uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -o requirements.lock
# This layer is rebuilt only when the lock changes, not on every code change.
COPY requirements.lock ./
RUN /opt/verbatim/bin/pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY corpus ./corpus
COPY retrieval ./retrieval
COPY bot ./bot
# The project itself adds nothing to the locked set; `pip check` fails the build when the lock
# no longer satisfies pyproject's requirements.
RUN /opt/verbatim/bin/pip install --no-deps . && /opt/verbatim/bin/pip check

# Runtime stage: the virtual environment only, run by an unprivileged user.
FROM python:3.11-slim
RUN useradd --create-home --uid 10001 verbatim \
    && mkdir -p /corpus /cache /data \
    && chown verbatim:verbatim /corpus /cache /data
COPY --from=build /opt/verbatim /opt/verbatim
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/opt/verbatim/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    VERBATIM_CACHE_DIR=/cache \
    VERBATIM_DATA_DIR=/data
USER verbatim
WORKDIR /home/verbatim
# The embedded seeds' index is built now, so a container without a mounted corpus answers at once.
RUN verbatim index
# /data holds the per-server settings (SQLite) unless VERBATIM_DATABASE_URL names PostgreSQL.
VOLUME ["/corpus", "/cache", "/data"]
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["verbatim", "run"]
