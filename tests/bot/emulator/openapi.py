"""Validate request bodies against Discord's own OpenAPI 3.1 description.

The spec lives in the team's shared folder and is read from there, never copied into the repo.
Each operation's ``requestBody`` schema is validated with jsonschema Draft 2020-12; its
``#/components/schemas/...`` references resolve against the whole spec, registered as one
resource.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:discord:openapi"

# discord.py 2.7.1 serialises some values differently from the spec's types, in ways Discord
# itself accepts. Each entry widens exactly one schema location; nothing else is relaxed.
_DISCORD_PY_ALLOWANCES: list[tuple[str, str, dict[str, Any], str]] = [
    # Snowflakes: the spec says string, but discord.py sends the Python ints it holds ids as:
    # message_reference.{message_id,channel_id,guild_id} (message.py:729,
    # MessageReference.to_message_reference_dict), allowed_mentions.users/roles (mentions.py:126),
    # recipient_id (http.py:872, start_private_message), sticker_ids. Discord's API parses a
    # snowflake from an integer as from a string. Without this, every reply would be "invalid".
    (
        "SnowflakeType",
        "",
        {
            "oneOf": [
                {"type": "string", "pattern": "^(0|[1-9][0-9]*)$"},
                {"type": "integer", "minimum": 0, "maximum": 18446744073709551615},
            ]
        },
        "discord.py sends integer snowflakes",
    ),
]

# Limits Discord enforces on bots that the spec cannot say (it allows 4000 characters of
# content for Nitro users, and an object schema cannot sum lengths across embeds).
BOT_CONTENT_LIMIT = 2000
EMBED_TOTAL_LIMIT = 6000


@dataclass(frozen=True)
class _Operation:
    template: str
    method: str
    pattern: re.Pattern[str]
    literal_segments: int
    schema: dict[str, Any] | None


class OpenApiValidator:
    def __init__(self, spec_path: Path) -> None:
        spec: dict[str, Any] = json.loads(spec_path.read_text(encoding="utf-8"))
        spec = copy.deepcopy(spec)
        self.allowances: list[str] = []
        for name, pointer, replacement, why in _DISCORD_PY_ALLOWANCES:
            _replace(spec["components"]["schemas"][name], pointer, replacement)
            self.allowances.append(f"{name}{pointer}: {why}")
        self._registry: Registry[Any] = Registry().with_resource(
            SPEC_URI, DRAFT202012.create_resource(spec)
        )
        self._operations: list[_Operation] = []
        for template, item in spec["paths"].items():
            regex = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
            literals = sum(1 for part in template.split("/") if part and not part.startswith("{"))
            for method, op in item.items():
                if method == "parameters" or not isinstance(op, dict):
                    continue
                self._operations.append(
                    _Operation(
                        template=template,
                        method=method.upper(),
                        pattern=re.compile(regex),
                        literal_segments=literals,
                        schema=_request_schema(template, method, op),
                    )
                )
        # Literal segments win over parameters: /messages/@original before /messages/{id}.
        self._operations.sort(key=lambda o: -o.literal_segments)
        self._validators: dict[tuple[str, str], Draft202012Validator] = {}

    def operation(self, method: str, path: str) -> str | None:
        """The spec's path template for a request, or None when the spec has no such route."""
        op = self._find(method, path)
        return op.template if op else None

    def validate(self, method: str, path: str, body: Any) -> list[str]:
        """Error messages for ``body`` sent as ``method path`` (path without the /api/v10)."""
        op = self._find(method, path)
        if op is None:
            return [f"{method} {path} is not an operation in Discord's OpenAPI spec"]
        if op.schema is None:
            return [] if body is None else [f"{method} {op.template} takes no request body"]
        if body is None:
            return [f"{method} {op.template} needs a request body"]
        key = (op.template, op.method)
        validator = self._validators.get(key)
        if validator is None:
            validator = Draft202012Validator(op.schema, registry=self._registry)
            self._validators[key] = validator
        errors = [_describe(e) for e in validator.iter_errors(body)]
        errors.extend(_bot_limits(op.template, body))
        return errors

    def _find(self, method: str, path: str) -> _Operation | None:
        for op in self._operations:
            if op.method == method and op.pattern.match(path):
                return op
        return None


def _request_schema(template: str, method: str, op: dict[str, Any]) -> dict[str, Any] | None:
    content = (op.get("requestBody") or {}).get("content") or {}
    if "application/json" not in content:
        return None
    pointer = "/".join(
        _escape(part)
        for part in ("paths", template, method, "requestBody", "content", "application/json")
    )
    # A reference into the registered spec, so the schema's own "#/components/..." references
    # resolve against the spec's root rather than against this fragment.
    return {"$ref": f"{SPEC_URI}#/{pointer}/schema"}


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _replace(schema: dict[str, Any], pointer: str, replacement: dict[str, Any]) -> None:
    if not pointer:
        schema.clear()
        schema.update(replacement)
        return
    *parents, last = pointer.strip("/").split("/")
    node = schema
    for part in parents:
        node = node[part]
    node[last] = replacement


def _describe(error: ValidationError) -> str:
    error = _most_relevant(error)
    where = "/".join(str(p) for p in error.absolute_path) or "(body)"
    if error.validator in ("maxLength", "minLength", "maxItems", "minItems"):
        size = len(error.instance) if isinstance(error.instance, str | list) else "?"
        return f"{where}: {error.validator} is {error.validator_value}, got {size}"
    message = error.message
    if len(message) > 300:
        message = message[:300] + "..."
    return f"{where}: {message}"


def _most_relevant(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf unions, the error inside the branch the body meant to use: the one whose
    discriminator ("type" property, or the JSON type itself) matched."""
    if not error.context:
        return error
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def mismatched(errors: list[ValidationError]) -> bool:
        depth = len(error.absolute_path)
        return any(
            (len(e.absolute_path) == depth and e.validator == "type")
            or (len(e.absolute_path) == depth + 1 and e.absolute_path[-1] == "type")
            for e in errors
        )

    candidates = [errors for errors in branches.values() if not mismatched(errors)]
    if not candidates:
        return error
    chosen = min(candidates, key=len)
    deepest = max(chosen, key=lambda e: len(e.absolute_path))
    return _most_relevant(deepest)


def _bot_limits(template: str, body: Any) -> list[str]:
    if not isinstance(body, dict):
        return []
    payload: dict[str, Any] = body
    prefix = ""
    if template.endswith("/callback"):
        data = body.get("data")
        if not isinstance(data, dict):
            return []
        payload = data
        prefix = "data/"
    errors: list[str] = []
    content = payload.get("content")
    # Only channel messages: the webhook and callback schemas already say 2000.
    if (
        template.startswith("/channels/")
        and isinstance(content, str)
        and len(content) > BOT_CONTENT_LIMIT
    ):
        errors.append(
            f"{prefix}content: {len(content)} characters, over a bot's {BOT_CONTENT_LIMIT}"
        )
    embeds = payload.get("embeds")
    if isinstance(embeds, list):
        total = sum(_embed_length(e) for e in embeds if isinstance(e, dict))
        if total > EMBED_TOTAL_LIMIT:
            errors.append(f"{prefix}embeds: {total} characters in total, over {EMBED_TOTAL_LIMIT}")
    return errors


def _embed_length(embed: dict[str, Any]) -> int:
    # Discord counts title, description, field names and values, footer text and author name.
    def text(value: Any) -> int:
        return len(value) if isinstance(value, str) else 0

    total = text(embed.get("title")) + text(embed.get("description"))
    for field in embed.get("fields") or []:
        if isinstance(field, dict):
            total += text(field.get("name")) + text(field.get("value"))
    for key, inner in (("footer", "text"), ("author", "name")):
        part = embed.get(key)
        if isinstance(part, dict):
            total += text(part.get(inner))
    return total
