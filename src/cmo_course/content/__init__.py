"""The course's content, read through one loader (content layer).

`safe_yaml.load_yaml` reads any content file safely; `manifest.load_course` gives the manifest as
typed objects; `banks`, `exercise_sets` and `references` load and check their kinds of file. Every
problem is raised as `cmo_course.errors.ContentError`, naming file, line, entry and field.
"""
