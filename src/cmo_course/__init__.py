"""A self-paced course on working with contract manufacturers (CMOs and CDMOs).

Importing the package is cheap: heavy libraries (ipywidgets, matplotlib, nbconvert) load only
inside the functions that need them.
"""

__version__ = "0.1.0"


def show_course_map():
    """Display the course map (lessons, what you will learn, minutes) in a notebook."""
    from .course_map import show_course_map as _show

    return _show()


def start_lesson(lesson_id: str):
    """Load a lesson's quiz, e.g. `quiz = start_lesson("01_landscape")`; prints one line when ready."""
    from .quiz.quiz import start_lesson as _start

    return _start(lesson_id)
