"""The schema's shared pieces: the strict base model, character spans and evidence."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Evidence", "Span", "_Model"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """Half-open character range ``[start, end)`` into ``Analysis.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class Evidence(_Model):
    """Characters that support one finding, and how strongly (logit units for a model's
    evidence, the cue's weight for a rule's)."""

    flag: str
    span: Span
    text: str
    weight: float | None = None
    cue: str | None = Field(default=None, description="the rule or cue that matched")
