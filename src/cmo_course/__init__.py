"""A self-paced course on working with contract manufacturers (CMOs and CDMOs).

Importing the package is cheap: heavy libraries (ipywidgets, matplotlib, nbconvert) load only
inside the functions that need them.
"""

__version__ = "0.1.0"


def show_course_map():
    """Display the course map (lessons, what you will learn, minutes) in a notebook."""
    from .course_map import show_course_map as _show

    return _show()
