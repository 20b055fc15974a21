"""OpenAI-compatible text endpoints shared by FakeOpenAI and FakeXAI:
`POST /v1/chat/completions` (plain and `stream: true` SSE) and `POST /v1/responses`
(plain and streamed events). The answer is `scene_json` fitted to the request's JSON
schema (see schema.conform), unless a scripted text mode says otherwise.
"""

from __future__ import annotations

import copy
import json
import re
import time

from .schema import conform, normalize, strict_schema_problem
from .server import CUT_OFF, Mode, Recorded, Response, new_id, sse

DEFAULT_SCENE = {
    "title": "The Lantern in the Hollow Oak",
    "text": (
        "Mia followed the fox's glowing tail to an old oak tree. A tiny door in its trunk "
        "stood ajar, and warm lantern light spilled across the moss."
    ),
    "choices": ["Knock on the tiny door", "Follow the fox deeper into the woods", "Climb the oak to look around"],
    "is_ending": False,
    "image_prompt": (
        "A curious girl and a red fox in front of a giant oak with a tiny glowing door, "
        "misty evening forest, warm storybook illustration"
    ),
}

_NAME_RE = re.compile(r"\A[a-zA-Z0-9_-]{1,64}\Z")
_ROLES = {"system", "developer", "user", "assistant", "tool", "function"}


class OpenAICompatibleText:
    """Mixin. Host class provides `error()`, `scripted()`, `route()`."""

    CHAT = "/v1/chat/completions"
    RESPONSES = "/v1/responses"
    TEXT = "/v1/chat/completions|/v1/responses"  # route matching both text endpoints

    #: enforce OpenAI's strict Structured Outputs schema rules (additionalProperties/required)
    strict_schema_check = True

    def _init_text(self):
        #: the JSON object the text endpoints answer with (fitted to the request schema)
        self.scene_json = copy.deepcopy(DEFAULT_SCENE)
        #: how many pieces a streamed answer's text comes in
        self.stream_pieces = 4

    def _text_routes(self):
        self.route("POST", r"/v1/chat/completions", self._chat)
        self.route("POST", r"/v1/responses", self._responses)

    def _text_usage_extra(self, usage: dict) -> dict:
        return usage

    # ------------------------------------------------------------- scripting

    def next_text(
        self,
        content: str | dict | list | None = None,
        *,
        finish_reason: str = "stop",
        refusal: str | None = None,
        route: str | None = None,
        times: int = 1,
    ):
        """Script the next text answer(s): `content` as is (dict/list are JSON-encoded,
        NOT fitted to the schema), or a `refusal`, with `finish_reason`."""
        return self.script(
            route or self.TEXT,
            Mode("text", {"content": content, "finish_reason": finish_reason, "refusal": refusal}),
            times=times,
        )

    def truncate_next(self, *, route: str | None = None, times: int = 1):
        """Next answer stops at the token limit: `finish_reason: "length"` (Responses API:
        `status: "incomplete"`) with the JSON cut in half."""
        return self.script(route or self.TEXT, Mode("text", {"truncate": True, "finish_reason": "length"}), times=times)

    def refuse_next(
        self,
        message: str = "I'm sorry, but I can't help with that request.",
        *,
        route: str | None = None,
        times: int = 1,
    ):
        """Next answer is a Structured Outputs refusal: `message.refusal` set, `content: null`."""
        return self.next_text(refusal=message, route=route, times=times)

    def cut_off_next(self, *, route: str | None = None, times: int = 1):
        """Next streamed answer breaks half-way: the connection drops with no finish reason
        (and no `[DONE]`), its chunked body left unfinished."""
        return self.script(route or self.TEXT, Mode("text", {"cut_off": True}), times=times)

    def invalid_json_next(
        self,
        content: str = 'Here is your scene: {"title": "Oops", "text": ',
        *,
        route: str | None = None,
        times: int = 1,
    ):
        """Next answer's content is not valid JSON (finish_reason "stop")."""
        return self.next_text(content, route=route, times=times)

    # ------------------------------------------------------------- helpers

    def _scene_content(self, schema) -> str:
        value = conform(normalize(schema), self.scene_json) if schema else self.scene_json
        return json.dumps(value, ensure_ascii=False)

    def _outcome(self, mode: Mode | None, schema) -> tuple[str | None, str | None, str]:
        """(content, refusal, finish_reason)"""
        opts = mode.opts if isinstance(mode, Mode) and mode.kind == "text" else {}
        if opts.get("refusal"):
            return None, opts["refusal"], opts.get("finish_reason", "stop")
        content = opts.get("content")
        if content is None:
            content = self._scene_content(schema)
        elif not isinstance(content, str):
            content = json.dumps(content, ensure_ascii=False)
        if opts.get("truncate"):
            content = content[: max(1, len(content) // 2)]
        return content, None, opts.get("finish_reason", "stop")

    def _json_body_or_error(self, req: Recorded):
        if not isinstance(req.json, dict):
            return self.error(
                400,
                "We could not parse the JSON body of your request. (HINT: This likely means "
                "you aren't using your HTTP library correctly. The OpenAI API expects a JSON "
                "payload, but what was sent was not valid JSON.)",
            )
        return None

    def _check_schema(self, where: str, fmt: dict, name, schema, strict) -> Response | None:
        if not isinstance(name, str) or not name:
            return self.error(
                400,
                f"Missing required parameter: '{where}.name'.",
                param=f"{where}.name",
                code="missing_required_parameter",
            )
        if not _NAME_RE.match(name):
            return self.error(
                400,
                f"Invalid '{where}.name': string does not match pattern. Expected a string "
                "that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                param=f"{where}.name",
                code="invalid_value",
            )
        if schema is not None and not isinstance(schema, dict):
            return self.error(
                400,
                f"Invalid type for '{where}.schema': expected an object.",
                param=f"{where}.schema",
                code="invalid_type",
            )
        if strict and self.strict_schema_check and schema is not None:
            problem = strict_schema_problem(schema)
            if problem:
                return self.error(
                    400,
                    f"Invalid schema for response_format '{name}': {problem}",
                    param=where.split(".")[0],
                    code="invalid_json_schema",
                )
        return None

    def _usage_numbers(self, req: Recorded, content: str | None) -> tuple[int, int]:
        return max(1, len(req.body) // 4), max(1, len(content or "") // 4)

    def _pieces(self, text: str, n: int | None = None) -> list[str]:
        if not text:
            return []
        n = n or self.stream_pieces
        size = max(1, -(-len(text) // n))
        return [text[i : i + size] for i in range(0, len(text), size)]

    # ------------------------------------------------------------ chat

    def _chat(self, req: Recorded):
        err = self._json_body_or_error(req)
        if err:
            return err
        body = req.json
        if not body.get("model"):
            return self.error(400, "you must provide a model parameter")
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return self.error(
                400, "Missing required parameter: 'messages'.", param="messages", code="missing_required_parameter"
            )
        for i, m in enumerate(messages):
            if not isinstance(m, dict) or m.get("role") not in _ROLES:
                return self.error(
                    400,
                    f"Invalid value: '{(m or {}).get('role') if isinstance(m, dict) else m}'. "
                    f"Supported values are: 'system', 'assistant', 'user', 'function', "
                    f"'tool', and 'developer'.",
                    param=f"messages[{i}].role",
                    code="invalid_value",
                )
        if body.get("stream_options") is not None and not body.get("stream"):
            return self.error(
                400,
                "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                param="stream_options",
                code="invalid_value",
            )
        schema = None
        rf = body.get("response_format")
        if rf is not None:
            rtype = rf.get("type") if isinstance(rf, dict) else None
            if rtype not in ("text", "json_object", "json_schema"):
                return self.error(
                    400,
                    f"Invalid value: '{rtype}'. Supported values are: 'json_object', 'json_schema', and 'text'.",
                    param="response_format.type",
                    code="invalid_value",
                )
            if rtype == "json_object" and "json" not in json.dumps(messages).lower():
                return self.error(
                    400,
                    "'messages' must contain the word 'json' in some form, to use "
                    "'response_format' of type 'json_object'.",
                    param="messages",
                )
            if rtype == "json_schema":
                js = rf.get("json_schema")
                if not isinstance(js, dict):
                    return self.error(
                        400,
                        "Missing required parameter: 'response_format.json_schema'.",
                        param="response_format.json_schema",
                        code="missing_required_parameter",
                    )
                err = self._check_schema(
                    "response_format.json_schema", js, js.get("name"), js.get("schema"), js.get("strict")
                )
                if err:
                    return err
                schema = js.get("schema") or None
        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        content, refusal, finish = self._outcome(s, schema)
        cut_off = isinstance(s, Mode) and s.opts.get("cut_off", False)
        return self._chat_answer(req, body, content, refusal, finish, cut_off=cut_off)

    def _chat_answer(self, req, body, content, refusal, finish, *, cut_off=False) -> Response:
        cid = new_id("chatcmpl-")[:38]
        created = int(time.time())
        model = body["model"]
        p, c = self._usage_numbers(req, content or refusal)
        usage = self._text_usage_extra(
            {
                "prompt_tokens": p,
                "completion_tokens": c,
                "total_tokens": p + c,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {
                    "reasoning_tokens": 0,
                    "audio_tokens": 0,
                    "accepted_prediction_tokens": 0,
                    "rejected_prediction_tokens": 0,
                },
            }
        )
        base = {
            "id": cid,
            "created": created,
            "model": model,
            "system_fingerprint": "fp_fake",
            "service_tier": "default",
        }
        if not body.get("stream"):
            return Response(
                200,
                json={
                    **base,
                    "object": "chat.completion",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": content, "refusal": refusal, "annotations": []},
                            "logprobs": None,
                            "finish_reason": finish,
                        }
                    ],
                    "usage": usage,
                },
            )
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        extra = {"usage": None} if include_usage else {}

        def chunk(delta, finish_reason=None):
            return {
                **base,
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}],
                **extra,
            }

        events = [chunk({"role": "assistant", "content": "", "refusal": None})]
        if refusal is not None:
            events += [chunk({"refusal": piece}) for piece in self._pieces(refusal)]
        else:
            events += [chunk({"content": piece}) for piece in self._pieces(content)]
        if cut_off:
            return Response(
                200,
                chunks=[*sse(events[: len(events) // 2 + 1]), CUT_OFF],
                content_type="text/event-stream; charset=utf-8",
                headers={"cache-control": "no-cache"},
            )
        events.append(chunk({}, finish))
        if include_usage:
            events.append({**base, "object": "chat.completion.chunk", "choices": [], "usage": usage})
        return Response(
            200,
            chunks=sse(events, done=True),
            content_type="text/event-stream; charset=utf-8",
            headers={"cache-control": "no-cache"},
        )

    # ------------------------------------------------------------ responses

    def _responses(self, req: Recorded):
        err = self._json_body_or_error(req)
        if err:
            return err
        body = req.json
        if not body.get("model"):
            return self.error(
                400, "Missing required parameter: 'model'.", param="model", code="missing_required_parameter"
            )
        if "response_format" in body:
            return self.error(
                400,
                "Unsupported parameter: 'response_format'. In the Responses API, this "
                "parameter has moved to 'text.format'. Try again with the new parameter.",
                param="response_format",
                code="unsupported_parameter",
            )
        if body.get("input") in (None, "", []) and not body.get("previous_response_id"):
            return self.error(
                400, "Missing required parameter: 'input'.", param="input", code="missing_required_parameter"
            )
        schema = None
        fmt = ((body.get("text") or {}).get("format")) if isinstance(body.get("text"), dict) else None
        if fmt is not None:
            ftype = fmt.get("type") if isinstance(fmt, dict) else None
            if ftype not in ("text", "json_object", "json_schema"):
                return self.error(
                    400,
                    f"Invalid value: '{ftype}'. Supported values are: 'text', 'json_object', and 'json_schema'.",
                    param="text.format.type",
                    code="invalid_value",
                )
            if ftype == "json_schema":
                err = self._check_schema("text.format", fmt, fmt.get("name"), fmt.get("schema"), fmt.get("strict"))
                if err:
                    return err
                if not isinstance(fmt.get("schema"), dict):
                    return self.error(
                        400,
                        "Missing required parameter: 'text.format.schema'.",
                        param="text.format.schema",
                        code="missing_required_parameter",
                    )
                schema = fmt["schema"]
        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        content, refusal, finish = self._outcome(s, schema)
        return self._responses_answer(req, body, content, refusal, finish)

    def _responses_answer(self, req, body, content, refusal, finish) -> Response:
        rid, msg_id, rs_id = new_id("resp_"), new_id("msg_"), new_id("rs_")
        incomplete = finish == "length"
        p, c = self._usage_numbers(req, content or refusal)
        usage = self._text_usage_extra(
            {
                "input_tokens": p,
                "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
                "output_tokens": c,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": p + c,
            }
        )
        part = (
            {"type": "refusal", "refusal": refusal}
            if refusal is not None
            else {"type": "output_text", "text": content, "annotations": [], "logprobs": []}
        )
        reasoning = {"id": rs_id, "type": "reasoning", "summary": []}
        message = {
            "id": msg_id,
            "type": "message",
            "role": "assistant",
            "status": "incomplete" if incomplete else "completed",
            "content": [part],
        }

        def response_obj(status, output, with_usage):
            return {
                "id": rid,
                "object": "response",
                "created_at": int(time.time()),
                "status": status,
                "model": body["model"],
                "error": None,
                "incomplete_details": {"reason": "max_output_tokens"} if status == "incomplete" else None,
                "instructions": body.get("instructions"),
                "parallel_tool_calls": True,
                "tool_choice": "auto",
                "tools": [],
                "temperature": body.get("temperature", 1.0),
                "top_p": 1.0,
                "text": body.get("text") or {"format": {"type": "text"}},
                "max_output_tokens": body.get("max_output_tokens"),
                "metadata": {},
                "store": True,
                "output": output,
                "usage": usage if with_usage else None,
            }

        final_status = "incomplete" if incomplete else "completed"
        final = response_obj(final_status, [reasoning, message], True)
        if not body.get("stream"):
            return Response(200, json=final)

        seq = iter(range(10_000))

        def ev(type_, **kw):
            return {"type": type_, "sequence_number": next(seq), **kw}

        events = [
            ev("response.created", response=response_obj("in_progress", [], False)),
            ev("response.in_progress", response=response_obj("in_progress", [], False)),
            ev("response.output_item.added", output_index=0, item=reasoning),
            ev("response.output_item.done", output_index=0, item=reasoning),
            ev("response.output_item.added", output_index=1, item={**message, "status": "in_progress", "content": []}),
        ]
        loc = {"item_id": msg_id, "output_index": 1, "content_index": 0}
        if refusal is not None:
            events.append(ev("response.content_part.added", **loc, part={"type": "refusal", "refusal": ""}))
            events += [ev("response.refusal.delta", **loc, delta=d) for d in self._pieces(refusal)]
            events.append(ev("response.refusal.done", **loc, refusal=refusal))
        else:
            events.append(
                ev(
                    "response.content_part.added",
                    **loc,
                    part={"type": "output_text", "text": "", "annotations": [], "logprobs": []},
                )
            )
            events += [ev("response.output_text.delta", **loc, delta=d, logprobs=[]) for d in self._pieces(content)]
            events.append(ev("response.output_text.done", **loc, text=content, logprobs=[]))
        events.append(ev("response.content_part.done", **loc, part=part))
        events.append(ev("response.output_item.done", output_index=1, item=message))
        events.append(ev("response.incomplete" if incomplete else "response.completed", response=final))
        return Response(
            200,
            chunks=sse(events, event_names=True),
            content_type="text/event-stream; charset=utf-8",
            headers={"cache-control": "no-cache"},
        )
