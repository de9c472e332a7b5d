"""Figure for lesson 01_landscape: a simplified map of who typically does what at each stage."""

from __future__ import annotations

STAGES = ("Preclinical", "Phase 1", "Phase 2", "Phase 3", "Commercial")

# (organization, row in its lane, service, first stage index, last stage index), from the course
# brief, section 3: CRO services; CMO manufacture to the client's established process; CDMO
# development plus clinical and commercial manufacture. Simplified on purpose: programs vary.
SERVICES = (
    ("CRO", 0, "Preclinical studies", 0, 0),
    ("CRO", 1, "Trial design and monitoring, data management, biostatistics", 1, 3),
    ("CDMO", 0, "Development: cell line, process, formulation, assays; scale-up", 0, 3),
    ("CDMO", 1, "Clinical and commercial GMP manufacture", 1, 4),
    ("CMO", 0, "GMP manufacture to your established process", 1, 4),
)
COLORS = {"CRO": "#6a51a3", "CDMO": "#08519c", "CMO": "#238b45"}
ROLE_NOTES = {
    "CRO": "runs studies and trials;\ndoes not manufacture",
    "CDMO": "development\nplus manufacture",
    "CMO": "manufacture, usually to\nthe client's process",
}

STAGE_MAP_ALT = (
    "Simplified map of five development stages (preclinical, Phase 1, Phase 2, Phase 3, "
    "commercial) with one row per kind of organization. CRO row: preclinical studies, then trial "
    "design, monitoring, data management and biostatistics from Phase 1 to Phase 3; no "
    "manufacturing. CDMO row: development (cell line, process, formulation, assays) and scale-up "
    "from preclinical to Phase 3, and clinical and commercial GMP manufacture from Phase 1 "
    "to commercial. CMO row: GMP manufacture to the client's established process "
    "from Phase 1 to commercial."
)


def stage_map_figure():
    """Lanes for CRO, CDMO and CMO across the development stages, one bar per service."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    lanes = ("CRO", "CDMO", "CMO")
    fig, ax = plt.subplots(figsize=(9.6, 4.4))
    for x in range(len(STAGES)):
        ax.axvspan(x, x + 1, color="#f2f2f2" if x % 2 == 0 else "white", zorder=0)
    ax.axvline(4, color="#999999", linestyle="--", linewidth=1, zorder=1)

    y = 0.0
    for lane in lanes:
        rows = [s for s in SERVICES if s[0] == lane]
        height = 1 + max(row for _, row, *_ in rows)
        for _, row, service, first, last in rows:
            top = y + row
            box = FancyBboxPatch((first + 0.06, top + 0.12), last - first + 0.88, 0.76,
                                 boxstyle="round,pad=0,rounding_size=0.12",
                                 facecolor=COLORS[lane], edgecolor="none", zorder=2)
            ax.add_patch(box)
            ax.text((first + last + 1) / 2, top + 0.5, service, ha="center", va="center",
                    color="white", fontsize=9.5, zorder=3)
        centre = y + height / 2
        ax.text(-0.08, centre - 0.12, lane, ha="right", va="bottom", fontsize=13,
                fontweight="bold", color=COLORS[lane], clip_on=False)
        ax.text(-0.08, centre - 0.08, ROLE_NOTES[lane], ha="right", va="top", fontsize=9,
                color="#333333", clip_on=False)
        y += height + 0.35
        if lane != lanes[-1]:
            ax.axhline(y - 0.175, color="#bbbbbb", linewidth=0.8, zorder=1)

    ax.set_xlim(0, len(STAGES))
    ax.set_ylim(y - 0.35, 0)
    ax.set_xticks([x + 0.5 for x in range(len(STAGES))], STAGES, fontsize=11)
    ax.xaxis.tick_top()
    ax.set_yticks([])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.text(0.01, 0.01, "Simplified and illustrative: many firms offer more than one kind of "
             "service, and real programs vary. Sources: NIH SEED guide; Thermo Fisher CDMO vs CMO vs CRO.",
             fontsize=8, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def show_stage_map() -> None:
    """Display the stage map with its alt text (for the lesson notebook)."""
    from ..figures import show

    show(stage_map_figure(), alt=STAGE_MAP_ALT)
