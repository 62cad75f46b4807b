"""The REST side: one catch-all aiohttp handler that records and validates every request, then
routes it to the emulated endpoint (unknown routes answer 404 and are recorded)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import payloads
from .gateway import route
from .payloads import Json
from .records import EPHEMERAL, LOADING, InteractionRecord, RecordedRequest

if TYPE_CHECKING:
    from .emulator import Emulator

API_PREFIX = "/api/v10"
# Path parameters that are not snowflakes.
_PARAMETERS = {"token": "[^/]+", "emoji": "[^/]+", "message": "[0-9]+|@original"}
Handler = Callable[["Call"], Awaitable[web.Response]]


class Call:
    """One request, parsed: path parameters, query, body."""

    def __init__(
        self, request: web.Request, record: RecordedRequest, params: dict[str, str]
    ) -> None:
        self.request = request
        self.record = record
        self.params = params
        self.body: Any = record.json

    @property
    def query(self) -> dict[str, str]:
        return self.record.query


def respond(payload: Any, status: int = 200) -> web.Response:
    # discord.py's json_or_text demands exactly "application/json"; aiohttp's json_response
    # appends "; charset=utf-8", which makes login() fail.
    return web.Response(
        body=json.dumps(payload).encode(),
        status=status,
        headers={"Content-Type": "application/json"},
    )


def error(status: int, code: int, message: str) -> web.Response:
    return respond({"code": code, "message": message}, status)


def no_content() -> web.Response:
    return web.Response(status=204)


class Rest:
    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []
        add = self._add
        add("GET", "/users/@me", self.get_me)
        add("GET", "/oauth2/applications/@me", self.get_application)
        add("GET", "/gateway/bot", self.get_gateway_bot)
        add("GET", "/gateway", self.get_gateway, auth=False)
        add("GET", "/applications/{app}/commands", self.get_commands)
        add("PUT", "/applications/{app}/commands", self.put_commands)
        add("POST", "/applications/{app}/commands", self.post_command)
        add("GET", "/applications/{app}/guilds/{guild}/commands", self.get_commands)
        add("PUT", "/applications/{app}/guilds/{guild}/commands", self.put_commands)
        add("POST", "/applications/{app}/guilds/{guild}/commands", self.post_command)
        add("POST", "/interactions/{id}/{token}/callback", self.callback, auth=False)
        add("POST", "/webhooks/{app}/{token}", self.followup, auth=False)
        for method in ("GET", "PATCH", "DELETE"):
            add(
                method,
                "/webhooks/{app}/{token}/messages/{message}",
                self.webhook_message,
                auth=False,
            )
        add("POST", "/users/@me/channels", self.create_dm)
        add("GET", "/users/{user}", self.get_user)
        add("GET", "/guilds/{guild}/members/{user}", self.get_member)
        add("GET", "/channels/{channel}", self.get_channel)
        add("POST", "/channels/{channel}/messages", self.create_message)
        add("GET", "/channels/{channel}/messages/{message}", self.get_message)
        add("PATCH", "/channels/{channel}/messages/{message}", self.edit_message)
        add("DELETE", "/channels/{channel}/messages/{message}", self.delete_message)
        add("POST", "/channels/{channel}/typing", self.typing)
        add("PUT", "/channels/{channel}/messages/{message}/reactions/{emoji}/@me", self.react)

    def _add(self, method: str, template: str, handler: Handler, *, auth: bool = True) -> None:
        def parameter(found: re.Match[str]) -> str:
            name = found.group(1)
            # Ids are snowflakes, so /messages/pins is not message "pins" but another route.
            return f"(?P<{name}>{_PARAMETERS.get(name, r'[0-9]+')})"

        regex = re.sub(r"\\\{(\w+)\\\}", parameter, re.escape(template))
        self.routes.append((method, re.compile(f"^{regex}$"), handler, auth))

    async def handle(self, request: web.Request) -> web.StreamResponse:
        emu = self.emu
        path = request.path
        if path.startswith(API_PREFIX):
            path = path[len(API_PREFIX) :]
        body, files = await _read_body(request)
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            files=files,
            route=emu.validator.operation(request.method, path),
        )
        emu.requests.append(record)
        if body is not None or request.method in ("POST", "PUT", "PATCH"):
            record.errors = emu.validator.validate(request.method, path, body)
        match = self._match(request.method, path)
        if match is None:
            emu.unknown_routes.append(record)
            response = error(404, 0, f"404: the emulator has no {request.method} {path}")
        elif match[2] and request.headers.get("Authorization") != f"Bot {emu.token}":
            response = error(401, 0, "401: Unauthorized")
        elif record.errors and record.route is not None:
            # Discord refuses an invalid body with 400 50035, so the bot meets the failure it
            # would meet in production; discord.py flattens "errors" shaped as Discord shapes
            # them: {field: {"_errors": [...]}}.
            details = [{"code": "OPENAPI_INVALID", "message": e} for e in record.errors]
            response = respond(
                {
                    "code": 50035,
                    "message": "Invalid Form Body",
                    "errors": {"body": {"_errors": details}},
                },
                400,
            )
        else:
            handler, params, _ = match
            try:
                response = await handler(Call(request, record, params))
            except Exception as exc:
                # A bug in the emulator must fail the test, not pass as a bot error.
                emu.protocol_errors.append(f"emulator error on {record}: {exc!r}")
                response = error(500, 0, f"emulator error: {exc!r}")
        record.status = response.status
        emu.changes.notify()
        return response

    def _match(self, method: str, path: str) -> tuple[Handler, dict[str, str], bool] | None:
        for route_method, pattern, handler, auth in self.routes:
            found = pattern.match(path)
            if route_method == method and found:
                return handler, found.groupdict(), auth
        return None

    # --- identity --------------------------------------------------------------------------

    async def get_me(self, call: Call) -> web.Response:
        me = payloads.user(self.emu.bot_user)
        me.update(verified=True, mfa_enabled=False, locale="en-US", email=None, bio="")
        return respond(me)

    async def get_application(self, call: Call) -> web.Response:
        emu = self.emu
        return respond(
            {
                "id": str(emu.application_id),
                "name": "Verbatim",
                "icon": None,
                "description": "Emulated application",
                "summary": "",
                "type": None,
                "cover_image": None,
                "rpc_origins": [],
                "bot_public": True,
                "bot_require_code_grant": False,
                "bot": payloads.user(emu.bot_user),
                "owner": payloads.user(emu.owner),
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "tags": [],
                "install_params": None,
                "custom_install_url": None,
                "terms_of_service_url": None,
                "privacy_policy_url": None,
                "role_connections_verification_url": None,
                "interactions_endpoint_url": None,
                "approximate_guild_count": 1,
                "approximate_user_install_count": 0,
                "redirect_uris": [],
                # Installable to servers (0) and to members' own accounts (1).
                "integration_types_config": {"0": {}, "1": {}},
            }
        )

    async def get_gateway_bot(self, call: Call) -> web.Response:
        return respond(
            {
                "url": self.emu.gateway_url,
                "shards": self.emu.shard_count,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def get_gateway(self, call: Call) -> web.Response:
        return respond({"url": self.emu.gateway_url})

    # --- application commands --------------------------------------------------------------

    def _command_list(self, call: Call) -> list[Json]:
        guild = call.params.get("guild")
        if guild is None:
            return self.emu.global_commands
        return self.emu.guild_commands.setdefault(int(guild), [])

    async def get_commands(self, call: Call) -> web.Response:
        if call.params["app"] != str(self.emu.application_id):
            return error(403, 50001, "Missing Access")
        return respond(self._command_list(call))

    async def put_commands(self, call: Call) -> web.Response:
        emu = self.emu
        if call.params["app"] != str(emu.application_id):
            return error(403, 50001, "Missing Access")
        if not isinstance(call.body, list):
            return error(400, 50035, "Invalid Form Body")
        previous = {c["name"]: c for c in self._command_list(call)}
        guild = call.params.get("guild")
        synced = [self._echo_command(c, previous.get(c.get("name", "")), guild) for c in call.body]
        if guild is None:
            emu.global_commands = synced
        else:
            emu.guild_commands[int(guild)] = synced
        emu.sync_count += 1
        return respond(synced)

    async def post_command(self, call: Call) -> web.Response:
        if not isinstance(call.body, dict):
            return error(400, 50035, "Invalid Form Body")
        commands = self._command_list(call)
        previous = next((c for c in commands if c["name"] == call.body.get("name")), None)
        command = self._echo_command(call.body, previous, call.params.get("guild"))
        commands[:] = [c for c in commands if c["name"] != command["name"]] + [command]
        self.emu.sync_count += 1
        return respond(command, 201 if previous is None else 200)

    def _echo_command(self, body: Json, previous: Json | None, guild: str | None) -> Json:
        command: Json = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "dm_permission": True,
            "nsfw": False,
            "contexts": None,
            "integration_types": [0],
            "name_localizations": None,
            "description_localizations": None,
            **body,
            "id": previous["id"] if previous else str(self.emu.new_id()),
            "application_id": str(self.emu.application_id),
            "version": str(self.emu.new_id()),
        }
        if command["default_member_permissions"] is not None:
            # Discord answers with the permission bits as a string, whatever the request sent.
            command["default_member_permissions"] = str(command["default_member_permissions"])
        if guild is not None:
            command["guild_id"] = guild
        return command

    # --- interactions ----------------------------------------------------------------------

    async def callback(self, call: Call) -> web.Response:
        emu = self.emu
        arrived = time.monotonic()
        record = emu.interactions.get(call.params["token"])
        body = call.body if isinstance(call.body, dict) else {}
        if record is None or str(record.id) != call.params["id"]:
            emu.protocol_errors.append(f"callback for unknown interaction {call.params['id']}")
            return error(404, 10062, "Unknown interaction")
        if record.callbacks:
            record.rejected_callbacks.append((400, body))
            emu.protocol_errors.append(f"interaction {record.id} acknowledged twice")
            record.changes.notify()
            return error(400, 40060, "Interaction has already been acknowledged.")
        if arrived - record.dispatched_at > emu.ack_deadline:
            record.rejected_callbacks.append((404, body))
            emu.protocol_errors.append(
                f"interaction {record.id} acknowledged after {arrived - record.dispatched_at:.2f} s"
            )
            record.changes.notify()
            return error(404, 10062, "Unknown interaction")
        kind = int(body.get("type", 0))
        record.callbacks.append(body)
        record.callback_times.append(arrived)
        data: Json = body.get("data") or {}
        interaction: Json = {"id": str(record.id), "type": record.type}
        resource: Json | None = None
        if kind in (4, 5):
            flags = int(data.get("flags") or 0) | (LOADING if kind == 5 else 0)
            message = self._new_message(record, data if kind == 4 else {}, flags)
            record.original = message
            resource = {"type": kind, "message": message}
        elif kind in (6, 7):
            on = record.payload.get("message")
            if on is None:
                return error(400, 50035, "Invalid Form Body: no message to update")
            current: Json = emu.messages.get(int(on["id"])) or on
            if kind == 7:
                current = _merged(current, data, edit=True)
                emu.messages[int(current["id"])] = current
                resource = {"type": kind, "message": current}
            record.original = current
        if record.original is not None:
            interaction.update(
                response_message_id=record.original["id"],
                response_message_loading=kind == 5,
                response_message_ephemeral=bool(int(record.original.get("flags") or 0) & EPHEMERAL),
            )
        record.changes.notify()
        answer: Json = {"interaction": interaction}
        if resource is not None:
            answer["resource"] = resource
        return respond(answer)

    def _new_message(self, record: InteractionRecord, data: Json, flags: int) -> Json:
        emu = self.emu
        payload = record.payload
        channel_id = int(payload["channel"]["id"])
        guild_id = int(payload["guild_id"]) if "guild_id" in payload else None
        invoker = payload.get("member", {}).get("user") or payload.get("user")
        message = payloads.message(
            message_id=emu.new_id(),
            channel_id=channel_id,
            author=emu.bot_user,
            guild_id=guild_id,
            flags=flags,
            extra={
                "webhook_id": str(emu.application_id),
                "application_id": str(emu.application_id),
                "interaction_metadata": {
                    "id": str(record.id),
                    "type": record.type,
                    "user": invoker,
                    "authorizing_integration_owners": payload["authorizing_integration_owners"],
                },
            },
        )
        message = _merged(message, data)
        emu.messages[int(message["id"])] = message
        return message

    def _record(self, call: Call) -> InteractionRecord | None:
        record = self.emu.interactions.get(call.params["token"])
        if record is None or call.params["app"] != str(self.emu.application_id):
            return None
        return record

    async def followup(self, call: Call) -> web.Response:
        record = self._record(call)
        if record is None:
            return error(404, 10015, "Unknown Webhook")
        if not record.callbacks:
            self.emu.protocol_errors.append(f"followup to {record.id} before acknowledging it")
            return error(404, 10015, "Unknown Webhook")
        body: Json = call.body if isinstance(call.body, dict) else {}
        original = record.original
        if original is not None and int(original.get("flags") or 0) & LOADING:
            # Discord turns the first followup after a "thinking" deferral into the deferred
            # message itself (keeping its ephemerality), not a new message.
            message = _merged(original, body, edit=True)
            message["flags"] = int(message.get("flags") or 0) & ~LOADING
            self.emu.messages[int(message["id"])] = message
            record.original = message
            record.original_edits += 1
        else:
            message = self._new_message(record, body, int(body.get("flags") or 0))
        record.followup_messages.append(message)
        record.changes.notify()
        if call.query.get("wait", "").lower() in ("1", "true"):
            return respond(message)
        return no_content()

    async def webhook_message(self, call: Call) -> web.Response:
        emu = self.emu
        record = self._record(call)
        if record is None:
            return error(404, 10015, "Unknown Webhook")
        which = call.params["message"]
        message = record.original if which == "@original" else emu.messages.get(_int(which))
        if message is None or int(message["id"]) in emu.deleted_message_ids:
            return error(404, 10008, "Unknown Message")
        method = call.request.method
        if method == "GET":
            return respond(message)
        if method == "DELETE":
            emu.deleted_message_ids.add(int(message["id"]))
            if which == "@original" or message is record.original:
                record.original_deleted = True
            record.changes.notify()
            return no_content()
        body: Json = call.body if isinstance(call.body, dict) else {}
        updated = _merged(message, body, edit=True)
        # Editing a deferred ("thinking") response replaces the loading state with the answer.
        updated["flags"] = int(updated.get("flags") or 0) & ~LOADING
        if "content" in body or "embeds" in body:
            updated["edited_timestamp"] = payloads.now_iso()
        emu.messages[int(updated["id"])] = updated
        if record.original is not None and record.original["id"] == updated["id"]:
            record.original = updated
            record.original_edits += 1
        record.followup_messages = [
            updated if m["id"] == updated["id"] else m for m in record.followup_messages
        ]
        record.changes.notify()
        return respond(updated)

    # --- channels and messages -------------------------------------------------------------

    async def create_dm(self, call: Call) -> web.Response:
        recipient = _int(str((call.body or {}).get("recipient_id")))
        channel_id = self.emu.dm_channel_ids.get(recipient)
        if channel_id is None:
            return error(400, 50007, "Cannot send messages to this user")
        return respond(self.emu.channel_payload(channel_id))

    async def get_user(self, call: Call) -> web.Response:
        user = self.emu.users.get(_int(call.params["user"]))
        return respond(payloads.user(user)) if user else error(404, 10013, "Unknown User")

    async def get_member(self, call: Call) -> web.Response:
        user = self.emu.users.get(_int(call.params["user"]))
        if call.params["guild"] != str(self.emu.guild_id):
            return error(404, 10004, "Unknown Guild")
        return respond(payloads.member(user)) if user else error(404, 10007, "Unknown Member")

    async def get_channel(self, call: Call) -> web.Response:
        try:
            return respond(self.emu.channel_payload(_int(call.params["channel"])))
        except LookupError:
            return error(404, 10003, "Unknown Channel")

    def _channel(self, call: Call) -> Json | None:
        try:
            return self.emu.channel_payload(_int(call.params["channel"]))
        except LookupError:
            return None

    async def create_message(self, call: Call) -> web.Response:
        emu = self.emu
        channel = self._channel(call)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        body: Json = call.body if isinstance(call.body, dict) else {}
        guild_id = int(channel["guild_id"]) if "guild_id" in channel else None
        referenced = None
        reference = body.get("message_reference")
        if isinstance(reference, dict):
            referenced = emu.messages.get(_int(str(reference.get("message_id"))))
            if referenced is None and reference.get("fail_if_not_exists", True):
                return error(400, 50035, "Invalid Form Body: Unknown message")
        message = payloads.message(
            message_id=emu.new_id(),
            channel_id=int(channel["id"]),
            author=emu.bot_user,
            guild_id=guild_id,
            referenced=referenced,
            author_member=payloads.member(emu.bot_user, with_user=False) if guild_id else None,
        )
        message = _merged(message, body)
        message.pop("message_reference", None)
        if referenced is not None:
            message["message_reference"] = {
                "type": 0,
                "message_id": referenced["id"],
                "channel_id": referenced["channel_id"],
                **({"guild_id": referenced["guild_id"]} if "guild_id" in referenced else {}),
            }
        self._apply_mentions(message, body, referenced)
        emu.messages[int(message["id"])] = message
        emu.bot_messages.append(message)
        return respond(message)

    def _apply_mentions(self, message: Json, body: Json, referenced: Json | None) -> None:
        """Fill mentions as Discord would: only what allowed_mentions lets through (all kinds
        when the body has none)."""
        allowed = body.get("allowed_mentions")
        parse = (
            set(allowed.get("parse") or []) if isinstance(allowed, dict) else {"users", "everyone"}
        )
        users = (
            {str(u) for u in (allowed or {}).get("users") or []}
            if isinstance(allowed, dict)
            else set()
        )
        content = str(message.get("content") or "")
        mentioned: list[Json] = []
        for raw in re.findall(r"<@!?(\d+)>", content):
            user = self.emu.users.get(int(raw))
            if user is not None and ("users" in parse or raw in users):
                mentioned.append(payloads.user(user))
        replied = (allowed or {}).get("replied_user", True) if isinstance(allowed, dict) else True
        if referenced is not None and replied:
            mentioned.append(referenced["author"])
        message["mentions"] = list({m["id"]: m for m in mentioned}.values())
        message["mention_everyone"] = "everyone" in parse and (
            "@everyone" in content or "@here" in content
        )

    def _message(self, call: Call) -> Json | None:
        message = self.emu.messages.get(_int(call.params["message"]))
        if (
            message is None
            or message["channel_id"] != call.params["channel"]
            or int(message["id"]) in self.emu.deleted_message_ids
            # Ephemeral messages exist only for their interaction's webhook, as on Discord.
            or int(message.get("flags") or 0) & EPHEMERAL
        ):
            return None
        return message

    async def get_message(self, call: Call) -> web.Response:
        message = self._message(call)
        return respond(message) if message else error(404, 10008, "Unknown Message")

    async def edit_message(self, call: Call) -> web.Response:
        message = self._message(call)
        if message is None:
            return error(404, 10008, "Unknown Message")
        if message["author"]["id"] != str(self.emu.bot_user.id):
            return error(403, 50005, "Cannot edit a message authored by another user")
        body: Json = call.body if isinstance(call.body, dict) else {}
        updated = _merged(message, body, edit=True)
        updated["edited_timestamp"] = payloads.now_iso()
        self.emu.messages[int(updated["id"])] = updated
        return respond(updated)

    async def delete_message(self, call: Call) -> web.Response:
        message = self._message(call)
        if message is None:
            return error(404, 10008, "Unknown Message")
        self.emu.deleted_message_ids.add(int(message["id"]))
        return no_content()

    async def typing(self, call: Call) -> web.Response:
        return no_content() if self._channel(call) else error(404, 10003, "Unknown Channel")

    async def react(self, call: Call) -> web.Response:
        return no_content() if self._message(call) else error(404, 10008, "Unknown Message")


# Message fields a create or edit body may set; everything else is Discord's to fill.
_BODY_FIELDS = (
    "content",
    "embeds",
    "components",
    "flags",
    "tts",
    "attachments",
    "poll",
    "allowed_mentions",
    "message_reference",
    "sticker_ids",
)


def _merged(message: Json, body: Json, *, edit: bool = False) -> Json:
    updated = dict(message)
    for key in _BODY_FIELDS:
        if key not in body:
            continue
        value = body[key]
        if key == "flags":
            value = int(value or 0)
            if edit:
                # An edit may only toggle SUPPRESS_EMBEDS (4); it cannot make a public message
                # ephemeral or the reverse.
                value = (int(message.get("flags") or 0) & ~4) | (value & 4)
        elif value is None and key == "content":
            value = ""
        elif value is None and key in ("embeds", "components", "attachments"):
            value = []
        updated[key] = value
    return updated


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return -1


async def _read_body(request: web.Request) -> tuple[Any, list[str]]:
    if not request.can_read_body:
        return None, []
    if request.content_type.startswith("multipart/"):
        body: Any = None
        files: list[str] = []
        reader = await request.multipart()
        async for part in reader:
            name = getattr(part, "name", None) or ""
            if name == "payload_json":
                body = json.loads(await part.text())  # type: ignore[union-attr]
            else:
                files.append(name)
                await part.read()  # type: ignore[union-attr]
        return body, files
    raw = await request.read()
    if not raw:
        return None, []
    return json.loads(raw), []


def build_app(emu: Emulator) -> web.Application:
    rest = Rest(emu)
    app = web.Application(client_max_size=64 * 1024 * 1024)

    async def gateway(request: web.Request) -> web.WebSocketResponse:
        return await route(request, emu.gateways)

    app.router.add_get("/", gateway)
    app.router.add_get("/gateway", gateway)
    app.router.add_route("*", API_PREFIX + "/{tail:.*}", rest.handle)
    return app
