"""The cohort's numbers: per lesson and per question, the share of learners who answered, the
share right on the first try and the most-chosen wrong answer; the most-missed questions with
their feedback; each learner's completion.

A learner is one file read. A learner's first try at a question is their earliest saved attempt
(the exports list attempts oldest first); an earliest attempt made in the review notebook counts as
answered but never as right on the first try. Shares of "first try right" are of the learners who answered.
Question texts, feedback and option texts come from the quiz banks and exercise sets, through the
content layer and the question engine.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .read import Attempt, Skipped, Source

EXERCISES_PREFIX = "exercises/"


@dataclass
class QuestionInfo:
    """What the course says about one question (a quiz question or an exercise)."""

    lesson: str  # the lesson id as saved: "01_landscape" or "exercises/01_landscape"
    id: str
    kind: str  # "quiz" or "exercise"
    type: str = ""
    prompt: str = ""  # Markdown (quiz questions; exercises have their text in the notebook)
    explanation: str = ""
    answer_lines: tuple[str, ...] = ()
    spec: dict | None = None  # the spec the question engine grades
    known: bool = True  # False: saved progress names a question the course no longer has


@dataclass
class LessonInfo:
    id: str  # as saved
    title: str
    kind: str
    questions: list[str] = field(default_factory=list)


@dataclass
class Catalog:
    """Every lesson and question of the course, in course order."""

    lessons: list[LessonInfo]
    questions: dict[tuple[str, str], QuestionInfo]
    problems: list[str] = field(default_factory=list)

    def lesson(self, lesson_id: str) -> LessonInfo | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)


def load_catalog() -> Catalog:
    """The course's quiz banks and exercise sets (a content problem is noted, never raised)."""
    from ..content.banks import load_bank_file
    from ..content.exercise_sets import load_set_file
    from ..content.manifest import load_course
    from ..errors import CourseError
    from ..questions import question_type

    lessons, questions, problems = [], {}, []
    try:
        course = load_course()
    except CourseError as exc:
        return Catalog([], {}, [f"the course could not be read ({exc}); questions are shown by id"])
    for lesson in course.lessons:
        if lesson.quiz:
            info = LessonInfo(lesson.id, lesson.title, "quiz")
            try:
                bank = load_bank_file(lesson.path(lesson.quiz))
            except CourseError as exc:
                problems.append(f"{lesson.quiz}: {str(exc).splitlines()[0]}")
                bank = None
            for spec in bank.questions if bank else ():
                try:
                    lines = tuple(question_type(spec["type"]).answer_lines(spec))
                except Exception:  # noqa: BLE001 - a report, not a validator
                    lines = ()
                questions[(lesson.id, spec["id"])] = QuestionInfo(
                    lesson.id,
                    spec["id"],
                    "quiz",
                    spec["type"],
                    str(spec.get("prompt", "")),
                    str(spec.get("explanation", "")),
                    lines,
                    spec,
                )
                info.questions.append(spec["id"])
            lessons.append(info)
        if lesson.exercises:
            saved = EXERCISES_PREFIX + lesson.id
            info = LessonInfo(saved, f"Exercises: {lesson.title}", "exercise")
            try:
                entries = load_set_file(lesson.path(lesson.exercises.set), lesson.id)["questions"]
            except CourseError as exc:
                problems.append(f"{lesson.exercises.set}: {str(exc).splitlines()[0]}")
                entries = []
            for entry in entries:
                try:
                    spec = question_type(entry["type"]).from_exercise(entry)
                except Exception:  # noqa: BLE001
                    spec = None
                questions[(saved, entry["id"])] = QuestionInfo(
                    saved,
                    entry["id"],
                    "exercise",
                    entry["type"],
                    "",
                    str(entry.get("why", "")),
                    (f"`{entry.get('variable', 'answer')} = {json.dumps(entry['answer'], ensure_ascii=False)}`",),
                    spec,
                )
                info.questions.append(entry["id"])
            lessons.append(info)
    return Catalog(lessons, questions, problems)


# ----- answers as text -----
def _canonical(answer) -> str:
    return json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str)


def _texts(entries, ids) -> list[str]:
    by_id = {e["id"]: e.get("text", e["id"]) for e in entries}
    return [str(by_id.get(i, i)) for i in ids]


def answer_text(info: QuestionInfo, answer) -> str:
    """A saved answer in words (Markdown): option texts for quiz questions; for an exercise, the
    value the learner set."""
    spec = info.spec
    if info.kind == "exercise" or spec is None:
        return f"`{_canonical(answer)}`"
    kind = spec.get("type")
    try:
        if kind in ("single_choice", "decision"):
            return _texts(spec["options"], [answer])[0]
        if kind == "true_false":
            return "True" if answer else "False"
        if kind in ("multiple_select", "findings"):
            entries = spec["options"] if kind == "multiple_select" else spec["items"]
            chosen = _texts(entries, list(answer))
            return "; ".join(chosen) if chosen else "(nothing chosen)"
        if kind == "ordering":
            return " → ".join(_texts(spec["steps"], list(answer)))
        if kind == "matching":
            items = {e["id"]: e["text"] for e in spec["items"]}
            choices = {e["id"]: e["text"] for e in spec["choices"]}
            return "; ".join(f"{items.get(k, k)} → {choices.get(v, v)}" for k, v in dict(answer).items())
        if kind == "numeric":
            units = spec.get("units", "")
            return f"{answer} {units}".strip()
    except (KeyError, TypeError, ValueError, IndexError):
        pass
    return f"`{_canonical(answer)}`"


def wrong_feedback(info: QuestionInfo, answer) -> list[str]:
    """The feedback a learner saw for this wrong answer (Markdown lines), from the question engine."""
    if info.spec is None:
        return []
    from ..questions import grade

    try:
        outcome = grade(info.spec, answer)
    except Exception:  # noqa: BLE001 - an answer the current bank cannot grade
        return []
    lines = [text for right, text in outcome.details if not right and text]
    if info.spec.get("type") == "decision":
        option = next((o for o in info.spec["options"] if o["id"] == answer), None)
        if option:
            lines = [f"{option.get('consequence', '')} {option.get('rule', '')}".strip()]
    if outcome.advice:
        lines.append(outcome.advice)
    return lines


# ----- the aggregate -----
@dataclass
class QuestionStats:
    info: QuestionInfo
    learners: int  # learners in the cohort
    answered: int = 0
    first_try_right: int = 0
    attempts: int = 0
    wrong_answer: str = ""  # the most-chosen wrong answer, in words (Markdown)
    wrong_answer_learners: int = 0
    wrong_feedback: list[str] = field(default_factory=list)

    @property
    def share_answered(self) -> float:
        return self.answered / self.learners if self.learners else 0.0

    @property
    def share_first_try(self) -> float | None:
        return self.first_try_right / self.answered if self.answered else None

    @property
    def missed_first_try(self) -> int:
        return self.answered - self.first_try_right


@dataclass
class LessonStats:
    info: LessonInfo
    questions: list[QuestionStats]
    learners_started: int  # learners with at least one attempt in this lesson

    @property
    def share_answered(self) -> float:
        """The mean, over the lesson's questions, of the share of learners who answered."""
        return sum(q.share_answered for q in self.questions) / len(self.questions) if self.questions else 0.0

    @property
    def share_first_try(self) -> float | None:
        """First-try right answers over all answers given in this lesson."""
        answered = sum(q.answered for q in self.questions)
        return sum(q.first_try_right for q in self.questions) / answered if answered else None


@dataclass
class LearnerStats:
    label: str
    kind: str
    file: str
    answered: dict[str, int]  # lesson id -> questions answered
    first_try_right: int
    quiz_answered: int
    quiz_total: int
    exercises_answered: int
    exercises_total: int
    last_activity: str

    @property
    def quiz_share(self) -> float:
        return self.quiz_answered / self.quiz_total if self.quiz_total else 0.0

    @property
    def exercises_share(self) -> float:
        return self.exercises_answered / self.exercises_total if self.exercises_total else 0.0


@dataclass
class Cohort:
    sources: list[Source]
    skipped: list[Skipped]
    lessons: list[LessonStats]
    learners: list[LearnerStats]
    catalog_problems: list[str]
    attempts: int

    @property
    def questions(self) -> list[QuestionStats]:
        return [q for lesson in self.lessons for q in lesson.questions]

    def most_missed(self, n: int = 10) -> list[QuestionStats]:
        """The questions most often wrong on the first try (by share, then count), answered by someone."""
        candidates = [q for q in self.questions if q.answered and q.missed_first_try]
        candidates.sort(key=lambda q: (q.share_first_try, -q.missed_first_try, q.info.lesson, q.info.id))
        return candidates[:n]


def aggregate(sources: list[Source], attempts: list[Attempt], skipped: list[Skipped], catalog: Catalog) -> Cohort:
    n_learners = len(sources)
    # per (lesson, question): learner -> first attempt's correctness; wrong answers -> learners
    first: dict[tuple[str, str], dict[str, bool]] = {}
    counts: Counter = Counter()
    wrong: dict[tuple[str, str], dict[str, tuple[object, set]]] = {}
    per_learner_last: dict[str, str] = {}
    for row in attempts:
        key = (row.lesson, row.question_id)
        counts[key] += 1
        first.setdefault(key, {}).setdefault(row.learner, row.correct and row.context == "lesson")
        if not row.correct:
            canon = _canonical(row.answer)
            entry = wrong.setdefault(key, {}).setdefault(canon, (row.answer, set()))
            entry[1].add(row.learner)
        if row.answered_at > per_learner_last.get(row.learner, ""):
            per_learner_last[row.learner] = row.answered_at

    # lessons and questions: the course's, then anything saved that the course no longer has
    lesson_infos = {
        lesson.id: LessonInfo(lesson.id, lesson.title, lesson.kind, list(lesson.questions))
        for lesson in catalog.lessons
    }
    order = [lesson.id for lesson in catalog.lessons]
    infos = dict(catalog.questions)
    for lesson_id, qid in sorted(set(first) - set(infos)):
        if lesson_id not in lesson_infos:
            kind = "exercise" if lesson_id.startswith(EXERCISES_PREFIX) else "quiz"
            lesson_infos[lesson_id] = LessonInfo(lesson_id, f"{lesson_id} (not in this course)", kind)
            order.append(lesson_id)
        lesson_infos[lesson_id].questions.append(qid)
        infos[(lesson_id, qid)] = QuestionInfo(lesson_id, qid, lesson_infos[lesson_id].kind, known=False)

    lessons = []
    for lesson_id in order:
        info = lesson_infos[lesson_id]
        stats = []
        started = set()
        for qid in info.questions:
            key = (lesson_id, qid)
            firsts = first.get(key, {})
            started |= set(firsts)
            q = QuestionStats(infos[key], n_learners, len(firsts), sum(firsts.values()), counts[key])
            choices = wrong.get(key)
            if choices:
                canon, (answer, who) = min(choices.items(), key=lambda kv: (-len(kv[1][1]), kv[0]))
                q.wrong_answer = answer_text(q.info, answer)
                q.wrong_answer_learners = len(who)
                q.wrong_feedback = wrong_feedback(q.info, answer)
            stats.append(q)
        lessons.append(LessonStats(info, stats, len(started)))

    quiz_total = sum(
        len(ls.info.questions) for ls in lessons if ls.info.kind == "quiz" and ls.info.id in catalog_ids(catalog)
    )
    ex_total = sum(
        len(ls.info.questions) for ls in lessons if ls.info.kind == "exercise" and ls.info.id in catalog_ids(catalog)
    )
    known = set(catalog.questions)
    learners = []
    for source in sources:
        answered: dict[str, int] = {}
        right = quiz_answered = ex_answered = 0
        for key, firsts in first.items():
            if source.learner in firsts:
                answered[key[0]] = answered.get(key[0], 0) + 1
                right += int(firsts[source.learner])
                if key in known:
                    if catalog.questions[key].kind == "quiz":
                        quiz_answered += 1
                    else:
                        ex_answered += 1
        learners.append(
            LearnerStats(
                source.learner,
                source.kind,
                str(source.path),
                answered,
                right,
                quiz_answered,
                quiz_total,
                ex_answered,
                ex_total,
                per_learner_last.get(source.learner, ""),
            )
        )
    learners.sort(key=lambda s: s.label)
    return Cohort(sources, skipped, lessons, learners, list(catalog.problems), len(attempts))


def catalog_ids(catalog: Catalog) -> set[str]:
    return {lesson.id for lesson in catalog.lessons}


def build(args, catalog: Catalog | None = None) -> Cohort:
    """Read every file `args` names and aggregate them."""
    from .read import read_all

    sources, attempts, skipped = read_all(args)
    return aggregate(sources, attempts, skipped, catalog if catalog is not None else load_catalog())
