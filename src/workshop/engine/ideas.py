"""Provides the What If and voting actions: ideas, their links to touchpoints, themes, and dots."""

from __future__ import annotations

from typing import Any

from workshop.domain import validate
from workshop.domain.errors import InvalidInput, RuleRefused
from workshop.engine.base import EngineBase
from workshop.engine.journey import reorder
from workshop.engine.room import check_author, check_owner
from workshop.engine.tx import Tx
from workshop.engine.workshops import quote


class IdeaActions(EngineBase):
    def _link(self, tx: Tx, idea: str, touchpoints: list[str]) -> list[str]:
        added = []
        for key in touchpoints:
            tp = self._item(tx, "touchpoint", "T", key)
            ref = f"{idea}-{tp['ref']}"
            if tx.get("link", ref) is None:
                tx.insert("link", ref, {"idea": idea, "touchpoint": tp["ref"]})
                added.append(tp["ref"])
        return added

    def add_idea(self, workshop: int | str, text: str, *, touchpoints: list[str] | None = None,
                 theme: str | None = None, author: str | None = None, actor: str | None = None) -> str:
        """An idea; while silent brainstorming is on it stays hidden until revealed."""
        text = validate.idea_text(text)
        theme = validate.theme(theme)
        author = validate.name("author", author, required=False)
        with self._change(workshop, "idea.add", actor or author) as tx:
            ref = tx.next_ref("I")
            hidden = bool(tx.workshop["silent"])
            tx.insert("idea", ref, {"text": text, "author": author, "theme": theme, "hidden": hidden,
                                    "position": tx.count("idea") + 1})
            linked = self._link(tx, ref, touchpoints or [])
            tx.summary = f"added idea {ref} {quote(text)}" + (
                f" for {', '.join(linked)}" if linked else "") + (" (hidden)" if hidden else "")
            return ref

    def edit_idea(self, workshop: int | str, idea: str, *, text: str | None = None,
                  theme: str | None = None, author: str | None = None,
                  position: int | None = None, actor: str | None = None,
                  owner: str | None = None) -> str:
        """Change an idea; with `owner`, only if it is theirs (and stays theirs)."""
        fields: dict[str, Any] = {}
        if text is not None:
            fields["text"] = validate.idea_text(text)
        if theme is not None:
            fields["theme"] = validate.theme(theme)
        if author is not None:
            fields["author"] = validate.name("author", author, required=False)
        validate.count("position", position, minimum=1)
        check_author(fields, owner)
        with self._change(workshop, "idea.edit", actor) as tx:
            row = self._item(tx, "idea", "I", idea)
            check_owner(row, owner, "idea")
            tx.update("idea", row["ref"], **fields)
            if position is not None:
                reorder(tx, "idea", tx.rows("idea"), row["ref"], position - 1)
            what = "theme " + quote(fields["theme"]) if list(fields) == ["theme"] else quote(fields.get("text", row["text"]))
            tx.summary = f"edited idea {row['ref']} {what}"
            return row["ref"]

    def link_idea(self, workshop: int | str, idea: str, touchpoints: list[str], *,
                  unlink: bool = False, actor: str | None = None, owner: str | None = None) -> str:
        """Link an idea to touchpoints (or, with `unlink`, remove those links); with `owner`,
        only an idea of theirs (to anyone's touchpoints)."""
        with self._change(workshop, "idea.unlink" if unlink else "idea.link", actor) as tx:
            row = self._item(tx, "idea", "I", idea)
            check_owner(row, owner, "idea")
            if unlink:
                done = []
                for key in touchpoints:
                    tp = self.ref(key, "T", "touchpoint")
                    if tx.get("link", f"{row['ref']}-{tp}"):
                        tx.delete("link", f"{row['ref']}-{tp}")
                        done.append(tp)
                if not done:
                    raise RuleRefused(f"touchpoint: idea {row['ref']} is not linked to {', '.join(touchpoints)}")
                tx.summary = f"unlinked idea {row['ref']} from {', '.join(done)}"
            else:
                done = self._link(tx, row["ref"], touchpoints)
                if not done:
                    raise RuleRefused(f"touchpoint: idea {row['ref']} is already linked to those touchpoints")
                tx.summary = f"linked idea {row['ref']} to {', '.join(done)}"
            return row["ref"]

    def rename_theme(self, workshop: int | str, old: str, new: str, *, actor: str | None = None) -> int:
        """Rename a theme on every idea in it (merging two themes when `new` exists)."""
        old = validate.name("theme", old)
        new = validate.not_references("new theme", validate.name("new theme", new))
        with self._change(workshop, "theme.rename", actor) as tx:
            ideas = [r for r in tx.rows("idea") if r["theme"] == old]
            if not ideas:
                raise RuleRefused(f"theme: no idea has the theme {old!r}")
            for idea in ideas:
                tx.update("idea", idea["ref"], theme=new)
            tx.summary = f"renamed theme {quote(old)} to {quote(new)} ({len(ideas)} ideas)"
            return len(ideas)

    def merge_themes(self, workshop: int | str, themes: list[str], into: str, *,
                     actor: str | None = None) -> int:
        """Put every idea of several themes in one (`into`, a new name or one of theirs), as one
        change; returns how many ideas moved."""
        into = validate.not_references("theme", validate.name("theme", into))
        names = list(dict.fromkeys(validate.name("theme", name) for name in themes))
        if not names:
            raise InvalidInput("theme", "name the themes to merge")
        with self._change(workshop, "theme.merge", actor) as tx:
            ideas = tx.rows("idea")
            missing = [name for name in names if not any(r["theme"] == name for r in ideas)]
            if missing:
                raise RuleRefused(f"theme: no idea has the theme {missing[0]!r}")
            moved = [r for r in ideas if r["theme"] in names and r["theme"] != into]
            if not moved:
                raise RuleRefused(f"theme: every idea of those themes is in {into!r} already")
            for idea in moved:
                tx.update("idea", idea["ref"], theme=into)
            tx.summary = (f"merged themes {', '.join(quote(n) for n in names if n != into)} into {quote(into)} "
                          f"({len(moved)} idea{'s' if len(moved) != 1 else ''})")
            return len(moved)

    def set_theme(self, workshop: int | str, ideas: list[str], theme: str, *, actor: str | None = None) -> list[str]:
        """Put several ideas in one theme (empty: no theme), as one change; returns the ideas
        whose theme changed."""
        theme = validate.theme(theme)
        if not ideas:
            raise InvalidInput("idea", "choose the ideas to put in the theme")
        with self._change(workshop, "idea.theme", actor) as tx:
            rows = [self._item(tx, "idea", "I", key) for key in dict.fromkeys(ideas)]
            changed = [row["ref"] for row in rows if row["theme"] != theme]
            if not changed:
                raise RuleRefused(f"theme: those ideas are in {quote(theme) if theme else 'no theme'} already")
            for ref in changed:
                tx.update("idea", ref, theme=theme)
            where = f"theme {quote(theme)}" if theme else "no theme"
            tx.summary = f"put idea{'s' if len(changed) != 1 else ''} {', '.join(changed)} in {where}"
            return changed

    def remove_idea(self, workshop: int | str, idea: str, *, actor: str | None = None,
                    owner: str | None = None) -> str:
        """Remove an idea with its links and dots; refused while a concept grows from it, and
        with `owner` unless it is theirs."""
        with self._change(workshop, "idea.remove", actor) as tx:
            row = self._item(tx, "idea", "I", idea)
            check_owner(row, owner, "idea")
            concepts = tx.rows("concept", idea=row["ref"])
            if concepts:
                raise RuleRefused(f"idea: {row['ref']} has concept {concepts[0]['ref']}; remove the concept first")
            for link in tx.rows("link", idea=row["ref"]):
                tx.delete("link", link["ref"])
            for vote in tx.rows("vote", idea=row["ref"]):
                tx.delete("vote", vote["ref"])
            tx.delete("idea", row["ref"])
            reorder(tx, "idea", tx.rows("idea"), None, None)
            tx.summary = f"removed idea {row['ref']} {quote(row['text'])}"
            return row["ref"]

    # dots ------------------------------------------------------------------------------------

    def cast_vote(self, workshop: int | str, participant: str, idea: str, *, dots: int = 1,
                  actor: str | None = None) -> int:
        """Spend dots on an idea for a participant (the facilitator may vote by proxy).

        The rules are checked inside the writing transaction, so votes cast at the same moment by
        several processes can never exceed a participant's dots or an idea's cap. Returns the dots
        the participant has left.
        """
        dots = validate.count("dots", dots, minimum=1)
        with self._change(workshop, "vote.cast", actor) as tx:
            who = self._named(tx, "participant", "U", participant, "participant")
            target = self._item(tx, "idea", "I", idea)
            if target["hidden"]:
                raise RuleRefused(f"idea: {target['ref']} is hidden until the ideas are revealed")
            allowed = tx.workshop["dots_per_participant"]
            spent = tx.total("vote", "dots", participant=who["ref"])
            if spent + dots > allowed:
                left = allowed - spent
                raise RuleRefused(
                    f"dots: {who['name']} has {left} of {allowed} dot{'s' if allowed != 1 else ''} left "
                    f"and cannot spend {dots} more"
                )
            cap = tx.workshop["cap_per_idea"]
            if cap is not None:
                held = tx.total("vote", "dots", idea=target["ref"])
                if held + dots > cap:
                    raise RuleRefused(
                        f"dots: idea {target['ref']} holds {held} of its cap of {cap} dots; "
                        f"{dots} more would exceed it"
                    )
            ref = f"{who['ref']}-{target['ref']}"
            if who.get("done_voting"):
                tx.update("participant", who["ref"], done_voting=False)  # spending again: not done
            vote = tx.get("vote", ref)
            if vote:
                tx.update("vote", ref, dots=vote["dots"] + dots)
            else:
                tx.insert("vote", ref, {"participant": who["ref"], "idea": target["ref"], "dots": dots})
            proxy = f" (cast by {actor})" if actor and actor.casefold() != who["name"].casefold() else ""
            tx.summary = f"{who['name']} put {dots} dot{'s' if dots != 1 else ''} on idea {target['ref']}{proxy}"
            return allowed - spent - dots

    def set_done_voting(self, workshop: int | str, participant: str, *, done: bool = True,
                        actor: str | None = None) -> bool:
        """Mark a participant done voting (or, with `done` False, not done); spending a dot
        afterwards takes the mark away again."""
        with self._change(workshop, "vote.done" if done else "vote.undone", actor) as tx:
            who = self._named(tx, "participant", "U", participant, "participant")
            if bool(who.get("done_voting")) == bool(done):
                raise RuleRefused(f"participant: {who['name']} is {'already' if done else 'not'} done voting")
            tx.update("participant", who["ref"], done_voting=bool(done))
            tx.summary = f"{who['name']} is {'done' if done else 'not done'} voting"
            return bool(done)

    def withdraw_vote(self, workshop: int | str, participant: str, idea: str, *, dots: int | None = None,
                      actor: str | None = None) -> int:
        """Take back dots (all of them on that idea when `dots` is None); returns the dots left."""
        validate.count("dots", dots, minimum=1)
        with self._change(workshop, "vote.withdraw", actor) as tx:
            who = self._named(tx, "participant", "U", participant, "participant")
            target = self._item(tx, "idea", "I", idea)
            ref = f"{who['ref']}-{target['ref']}"
            vote = tx.get("vote", ref)
            if vote is None:
                raise RuleRefused(f"dots: {who['name']} has no dots on idea {target['ref']}")
            take = vote["dots"] if dots is None else dots
            if take > vote["dots"]:
                raise RuleRefused(f"dots: {who['name']} has only {vote['dots']} on idea {target['ref']}")
            if take == vote["dots"]:
                tx.delete("vote", ref)
            else:
                tx.update("vote", ref, dots=vote["dots"] - take)
            tx.summary = f"{who['name']} took {take} dot{'s' if take != 1 else ''} back from idea {target['ref']}"
            return tx.workshop["dots_per_participant"] - tx.total("vote", "dots", participant=who["ref"])
