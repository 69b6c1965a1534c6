"""What the decision keeps: the answers to the pairwise questions over the essentials."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from itexit.types import Frozen, Identifier

__all__ = ["Judgement"]


class Judgement(Frozen):
    """One pairwise answer: `more` matters `times` as much as `less` (1: equally), Saaty 1–9."""

    more: Identifier
    less: Identifier
    times: Annotated[int, Field(ge=1, le=9)]

    @model_validator(mode="after")
    def _two_different(self) -> Self:
        if self.more == self.less:
            raise ValueError("a pairwise answer compares two different essentials")
        return self
