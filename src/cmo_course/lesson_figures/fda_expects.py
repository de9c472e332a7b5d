"""Figure for lesson 04 (What FDA expects): who answers for what under a quality agreement."""

from __future__ import annotations

OWNER, FACILITY, BOTH = "owner", "facility", "both"

# (activity area, who does it, fixed whatever the parties sign?, source shown beside fixed rows)
RESPONSIBILITIES = (
    ("Each follows CGMP for its own work", BOTH, True, "CGMP; FDA quality-agreement guidance 2016, III"),
    ("Approve or reject the product,\nincluding final release", OWNER, True, "21 CFR 211.22(a)"),
    ("Quality-unit contacts, audits,\ninspections, deviations", BOTH, False, ""),
    ("Facilities and equipment:\nsites, qualification, validation", FACILITY, False, ""),
    ("Materials: specifications,\nsupplier qualification, testing", BOTH, False, ""),
    ("Product-specific: knowledge transfer,\nprocess validation, shipping", BOTH, False, ""),
    ("Laboratory controls: testing,\nresult investigations, stability", FACILITY, False, ""),
    ("Documentation: records,\nretention, access", BOTH, False, ""),
    ("Approve changes listed as\n\"prior approval\"", OWNER, False, ""),
)

ALT_TEXT = (
    "Responsibility chart with one row per activity area and two columns, owner and contracted "
    "facility. Two rows are fixed whatever the parties sign and drawn as solid squares: both parties follow "
    "CGMP for the work they do (FDA quality-agreement guidance 2016, section III), and only the owner approves or "
    "rejects the product, including final release (21 CFR 211.22(a)). The other seven rows are "
    "hatched and show one example split that a quality agreement might set: for example, the "
    "contracted facility runs facilities, equipment and laboratory testing, both share quality-unit "
    "contacts, materials, product transfer and documentation, and the owner approves changes listed "
    "as needing prior approval."
)


def responsibility_chart():
    """A matplotlib figure: owner / contracted facility / both, per activity area."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    columns = {OWNER: 0, FACILITY: 1}
    fig, ax = plt.subplots(figsize=(9, 6.2))
    rows = len(RESPONSIBILITIES)
    for row, (label, who, fixed, source) in enumerate(RESPONSIBILITIES):
        y = rows - 1 - row
        if row % 2 == 0:
            ax.add_patch(Rectangle((-0.5, y - 0.5), 3.3, 1, color="#f2f2f2", zorder=0))
        for party, x in columns.items():
            if who in (party, BOTH):
                ax.add_patch(
                    Rectangle(
                        (x - 0.22, y - 0.3), 0.44, 0.6,
                        facecolor="#1f4e79" if fixed else "white",
                        edgecolor="#1f4e79", hatch=None if fixed else "///", linewidth=1.5, zorder=2,
                    )
                )
        ax.text(-0.6, y, label, ha="right", va="center", fontsize=9,
                fontweight="bold" if fixed else "normal")
        ax.text(1.45, y, f"Fixed: {source}" if fixed else "Set in your agreement",
                ha="left", va="center", fontsize=8.5, style="normal" if fixed else "italic")
    ax.set_xlim(-0.5, 2.8)
    ax.set_ylim(-0.6, rows - 0.4)
    ax.set_xticks([0, 1], ["Owner\n(you)", "Contracted\nfacility"], fontsize=10)
    ax.xaxis.tick_top()
    ax.set_yticks([])
    for side in ("right", "left", "bottom", "top"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0)
    solid = Rectangle((0, 0), 1, 1, facecolor="#1f4e79", edgecolor="#1f4e79")
    hatched = Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="#1f4e79", hatch="///")
    ax.legend([solid, hatched], ["Fixed whatever the parties sign", "Example split: your quality agreement decides"],
              loc="upper center", bbox_to_anchor=(0.25, -0.01), ncol=2, frameon=False, fontsize=9)
    ax.set_title("Who does what: two fixed rules, the rest set in the quality agreement",
                 fontsize=11, pad=34)
    fig.tight_layout()
    return fig


def show_responsibility_chart() -> None:
    """Draw the responsibility chart in the notebook, with alt text."""
    from cmo_course.figures import show

    show(responsibility_chart(), alt=ALT_TEXT)
