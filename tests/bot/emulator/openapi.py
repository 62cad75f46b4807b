"""Validate request bodies against Discord's own OpenAPI 3.1 description.

The spec lives in the team's shared folder and is read from there, never copied into the repo.
Each operation's ``requestBody`` schema is validated with jsonschema Draft 2020-12; its
``#/components/schemas/...`` references resolve against the whole spec, registered as one
resource.
"""

from __future__ import annotations

import copy
import functools
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
CHOICE_VALUE_LIMIT = 100


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
        self.unions_discriminated = _discriminate_unions(spec)
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

    @classmethod
    def shared(cls, spec_path: Path) -> OpenApiValidator:
        """One validator per spec file for the whole test session: it is stateless, and
        loading and rewriting the 1.2 MB spec costs a few hundred milliseconds."""
        return _shared(spec_path.resolve())

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


@functools.cache
def _shared(spec_path: Path) -> OpenApiValidator:
    return OpenApiValidator(spec_path)


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


def _discriminate_unions(spec: dict[str, Any]) -> int:
    """Make validation fast without changing any verdict.

    Rewrite each oneOf of distinct constants into an enum, and each oneOf/anyOf of component
    schemas that all require a "type" property with disjoint enums (message components, the
    interaction callback) into if/then on that type.

    Same verdict on every body, but fewer subschemas evaluated per request (these are the
    spec's hottest paths: every button's type and style), which counts when 50 concurrent
    interactions share the test's event loop; and an error comes from the one branch the body
    meant rather than from every branch. Returns how many schemas were rewritten."""
    schemas: dict[str, Any] = spec["components"]["schemas"]
    count = 0

    def branch_types(node: dict[str, Any], key: str) -> list[tuple[list[Any], str]] | None:
        found: list[tuple[list[Any], str]] = []
        seen: set[str] = set()
        for branch in node[key]:
            ref = branch.get("$ref") if isinstance(branch, dict) else None
            if not isinstance(ref, str) or not ref.startswith("#/components/schemas/"):
                return None
            target = schemas.get(ref.rsplit("/", 1)[1]) or {}
            kind = (target.get("properties") or {}).get("type") or {}
            values = kind.get("enum") or ([kind["const"]] if "const" in kind else None)
            if not values or "type" not in (target.get("required") or []):
                return None
            if seen & {json.dumps(v) for v in values}:
                return None  # overlapping types: only a real oneOf/anyOf can decide
            seen |= {json.dumps(v) for v in values}
            found.append((list(values), ref))
        return found

    def visit(node: Any) -> None:
        nonlocal count
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict):
            return
        for value in node.values():
            visit(value)
        consts = node.get("oneOf")
        if (
            isinstance(consts, list)
            and consts
            and all(isinstance(b, dict) and "const" in b for b in consts)
        ):
            values = [b["const"] for b in consts]
            if len({json.dumps(v) for v in values}) == len(values):
                # A named-constant enum (MessageComponentTypes, ButtonStyleTypes...): the same
                # set as "enum", without evaluating one subschema per constant every time.
                del node["oneOf"]
                node["enum"] = values
                count += 1
        for key in ("oneOf", "anyOf"):
            if key not in node or {"type", "properties", "required", "allOf"} & node.keys():
                continue
            branches = branch_types(node, key)
            if not branches:
                continue
            del node[key]
            node["type"] = "object"
            node["required"] = ["type"]
            node["properties"] = {"type": {"enum": [v for values, _ in branches for v in values]}}
            node["allOf"] = [
                {
                    "if": {"properties": {"type": {"enum": values}}, "required": ["type"]},
                    "then": {"$ref": ref},
                }
                for values, ref in branches
            ]
            count += 1

    visit(spec)
    return count


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
    """Rules Discord enforces that the spec does not state (see the constants above)."""
    if not isinstance(body, dict):
        return []
    payload: dict[str, Any] = body
    prefix = ""
    creates = template in (
        "/channels/{channel_id}/messages",
        "/webhooks/{webhook_id}/{webhook_token}",
    )
    if template.endswith("/callback"):
        data = body.get("data")
        if body.get("type") == 4:
            creates = True
            data = data if isinstance(data, dict) else {}
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
    # Discord refuses a new message with nothing to show (50006 "Cannot send an empty message").
    if creates and not any(payload.get(k) for k in _MESSAGE_PARTS):
        errors.append(f"{prefix}(body): an empty message (no content, embeds, components, files)")
    # The spec allows 6000 characters for a string choice's value; Discord's documentation and
    # API allow 100 ("Value for the choice, up to 100 characters if string").
    for i, choice in enumerate(payload.get("choices") or []):
        value = choice.get("value") if isinstance(choice, dict) else None
        if isinstance(value, str) and len(value) > CHOICE_VALUE_LIMIT:
            errors.append(
                f"{prefix}choices/{i}/value: {len(value)} characters, over {CHOICE_VALUE_LIMIT}"
            )
    return errors


_MESSAGE_PARTS = ("content", "embeds", "components", "attachments", "sticker_ids", "poll")


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
