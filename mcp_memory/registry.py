"""The registry: one definition per operation, from which every transport is built.

An operation is a plain `async def op(ctx, args) -> result` whose argument
and result are pydantic models. It is registered once with its agent-facing
description and MCP hints; the MCP server, the REST shim, the OpenAPI
document and the docs page are all generated from this table.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_type_hints

from pydantic import BaseModel, ValidationError

from mcp_memory.caller import Caller
from mcp_memory.errors import InvalidInput

if TYPE_CHECKING:
    from mcp_memory.runtime import Runtime


class NoArgs(BaseModel):
    """The input of an operation that takes no arguments."""


@dataclass(frozen=True)
class Ctx:
    """What an operation gets besides its arguments: who asks, and the services."""

    caller: Caller
    runtime: Runtime


OperationFn = Callable[[Ctx, Any], Awaitable[BaseModel]]


@dataclass(frozen=True)
class Operation:
    name: str
    fn: OperationFn
    input_model: type[BaseModel]
    output_model: type[BaseModel]
    description: str
    title: str
    read_only: bool = False
    destructive: bool = False
    idempotent: bool = False
    mcp: bool = True

    @property
    def summary(self) -> str:
        return self.description.split("\n", 1)[0]


@dataclass(frozen=True)
class ResourceDef:
    """An MCP resource backed by an operation: a fixed URI or a `{param}` template."""

    uri: str
    name: str
    description: str
    operation: str
    arguments: dict[str, Any] = field(default_factory=dict)
    mime_type: str = "application/json"

    @property
    def is_template(self) -> bool:
        return "{" in self.uri

    def match(self, uri: str) -> dict[str, str] | None:
        """The template's parameters if `uri` fits it, else None."""
        if not self.is_template:
            return {} if uri == self.uri else None
        pattern = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/?#]+)", re.escape(self.uri)) + "$"
        found = re.match(pattern, uri)
        return None if found is None else found.groupdict()


class Registry:
    def __init__(self) -> None:
        self.operations: dict[str, Operation] = {}
        self.resources: list[ResourceDef] = []

    def operation(
        self,
        *,
        title: str | None = None,
        read_only: bool = False,
        destructive: bool = False,
        idempotent: bool = False,
        mcp: bool = True,
    ) -> Callable[[OperationFn], OperationFn]:
        """Register `async def name(ctx: Ctx, args: In) -> Out`; its docstring is the agent-facing description."""

        def register(fn: OperationFn) -> OperationFn:
            hints = get_type_hints(fn)
            params = list(inspect.signature(fn).parameters)
            if len(params) != 2:
                raise TypeError(f"operation {fn.__name__} must take (ctx, args)")
            name = fn.__name__
            if name in self.operations:
                raise ValueError(f"operation {name} registered twice")
            self.operations[name] = Operation(
                name=name,
                fn=fn,
                input_model=hints[params[1]],
                output_model=hints["return"],
                description=inspect.cleandoc(fn.__doc__ or name),
                title=title or name.replace("_", " ").capitalize(),
                read_only=read_only,
                destructive=destructive,
                idempotent=idempotent,
                mcp=mcp,
            )
            return fn

        return register

    def resource(self, resource: ResourceDef) -> None:
        self.resources.append(resource)

    def get(self, name: str) -> Operation | None:
        return self.operations.get(name)


REGISTRY = Registry()


def load_registry() -> Registry:
    """Import every module of `mcp_memory.tools` and `mcp_memory.resources` so they register."""
    for package_name in ("mcp_memory.tools", "mcp_memory.resources"):
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package_name}.{info.name}")
    return REGISTRY


def describe_validation_error(exc: ValidationError) -> str:
    """One readable line per problem, naming the field: what a caller needs to fix the call."""
    parts = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "body"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


async def invoke(op: Operation, ctx: Ctx, arguments: dict[str, Any] | None) -> BaseModel:
    """Validate raw arguments against the operation's input model and run it."""
    try:
        args = op.input_model.model_validate(arguments or {})
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)]
        raise InvalidInput(describe_validation_error(exc), errors) from None
    return await op.fn(ctx, args)
