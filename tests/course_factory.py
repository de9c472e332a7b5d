"""Build small course folders for tests."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_course(root: Path, banks=(), start_page: bool = True) -> Path:
    """A small course folder at `root`: course.yaml with one draft lesson per quiz bank file in
    `banks` (its lesson id is the file's stem), the real reference list and glossary."""
    import yaml

    root = Path(root)
    (root / "content" / "quizzes").mkdir(parents=True, exist_ok=True)
    (root / "notebooks").mkdir(exist_ok=True)
    for name in ("references.yaml", "glossary.yaml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)

    def texts():
        return {
            "questions": ["What does this test lesson cover?"],
            "objectives": ["Check the course machinery."],
            "keypoints": ["Tests use a small course."],
        }

    lessons = []
    if start_page:
        lessons.append(
            {
                "id": "00_start_here",
                "title": "Start here",
                "kind": "start",
                "notebook": "notebooks/00_start_here.ipynb",
                "teaching_minutes": 5,
                "exercise_minutes": 0,
                **texts(),
            }
        )
    for bank in banks:
        bank = Path(bank)
        shutil.copy(bank, root / "content" / "quizzes" / bank.name)
        lessons.append(
            {
                "id": bank.stem,
                "title": f"Test lesson {bank.stem}",
                "kind": "lesson",
                "part": "part-1",
                "draft": True,
                "notebook": f"notebooks/{bank.stem}.ipynb",
                "quiz": f"content/quizzes/{bank.name}",
                "teaching_minutes": 10,
                "exercise_minutes": 0,
                **texts(),
            }
        )
    manifest = {"format": 1, "title": "Test course", "parts": [{"id": "part-1", "title": "Part 1"}], "lessons": lessons}
    (root / "course.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return root
