# syntax=docker/dockerfile:1
# Build stage: install Verbatim and its dependencies into a virtual environment.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/verbatim
WORKDIR /src
COPY pyproject.toml README.md ./
COPY corpus ./corpus
COPY retrieval ./retrieval
COPY bot ./bot
RUN /opt/verbatim/bin/pip install .

# Runtime stage: the virtual environment only, run by an unprivileged user.
FROM python:3.11-slim
RUN useradd --create-home --uid 10001 verbatim \
    && mkdir -p /corpus /cache \
    && chown verbatim:verbatim /corpus /cache
COPY --from=build /opt/verbatim /opt/verbatim
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/opt/verbatim/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    VERBATIM_CACHE_DIR=/cache
USER verbatim
WORKDIR /home/verbatim
# The embedded seeds' index is built now, so a container without a mounted corpus answers at once.
RUN verbatim index
VOLUME ["/corpus", "/cache"]
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["verbatim", "run"]
