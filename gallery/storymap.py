"""The story map: a story's chosen scenes laid out for a page that needs no script.

A run of scenes, each leading to exactly one next, is drawn as one column; where a scene
has several branches, a fork holds a run per branch. The layout is a flat list of marks
(open and close a run or a fork, draw a card) so the template needs no recursion, however
deep the tree.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    kind: str  # "run", "end-run", "fork", "end-fork" or "card"
    scene: object = None


def layout(scenes):
    """The marks that draw the tree of `scenes` (every chosen scene of one story)."""
    by_pk = {scene.pk: scene for scene in scenes}
    branches = {}
    opening = None
    for scene in sorted(scenes, key=lambda scene: (scene.chosen_at, scene.number)):
        if scene.previous_id is None:
            opening = scene
        else:
            branches.setdefault(scene.previous_id, []).append(scene)
            scene.led_by = by_pk[scene.previous_id].choice(scene.choice_id)  # the card says which door
    marks = []
    todo = [opening] if opening else []
    while todo:
        item = todo.pop()
        if isinstance(item, Mark):
            marks.append(item)
            continue
        marks.append(Mark("run"))
        scene = item
        while True:
            marks.append(Mark("card", scene))
            following = branches.get(scene.pk, [])
            if len(following) != 1:
                break
            scene = following[0]
        if following:
            marks.append(Mark("fork"))
            # Popped last first: close after every branch, the branches in the order they were taken.
            todo += [Mark("end-run"), Mark("end-fork"), *reversed(following)]
        else:
            marks.append(Mark("end-run"))
    return marks


def latest(scenes):
    """Where the family is now: the scene chosen last."""
    return max(scenes, key=lambda scene: scene.chosen_at, default=None)
