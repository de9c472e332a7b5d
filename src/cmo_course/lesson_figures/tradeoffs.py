"""Figure for lesson 03_advantages_and_tradeoffs: a matrix of downsides and the tools that help."""

from __future__ import annotations

TOOLS = (
    "Due diligence\nwhen choosing",
    "Quality\nagreement",
    "Business contracts\n(MSA, SOW)",
    "Ongoing oversight\n(audits, KPIs)",
)
TOOL_COLORS = ("#6a51a3", "#08519c", "#238b45", "#d94801")

# For each downside: {tool index: what that tool does about it}. The matrix is the course's own
# reasoning; each link is explained in the lesson text, with a citation where a document supports it.
MITIGATIONS = (
    ("Less direct control", {1: "who does what\nunder CGMP", 3: "periodic and\nfor-cause audits"}),
    ("Dependence on one supplier", {0: "financial stability,\nsupply chain", 1: "change control"}),
    ("Competition for capacity", {0: "capacity and\ntimeline"}),
    ("Tech-transfer risk", {0: "scale-up and tech-\ntransfer record", 1: "knowledge and\nmethod transfer"}),
    ("IP exposure", {0: "IP protection", 2: "confidentiality\nterms"}),
    ("Communication overhead", {0: "communication\nand governance", 1: "named contacts", 3: "KPIs"}),
    ("Change orders and\nfailed-batch costs", {0: "cost and contract\nstructure", 2: "change-order and\nfailed-batch terms"}),
)

MITIGATION_MATRIX_ALT = (
    "Matrix with seven downsides of outsourcing as rows and four mitigation tools as columns: due "
    "diligence when choosing, quality agreement, business contracts (MSA, SOW), ongoing oversight. "
    "Less direct control: quality agreement (who does what under CGMP) and oversight (periodic and "
    "for-cause audits). Dependence on one supplier: due diligence (financial stability, supply "
    "chain) and quality agreement (change control). Competition for capacity: due "
    "diligence (capacity and timeline). Tech-transfer risk: due diligence (scale-up and "
    "tech-transfer record) and quality agreement (knowledge and method transfer). IP exposure: due "
    "diligence (IP protection) and business contracts (confidentiality terms). Communication "
    "overhead: due diligence (communication and governance), quality agreement (named contacts) "
    "and oversight (KPIs). Change orders and failed-batch costs: due diligence (cost and contract "
    "structure) and business contracts (change-order and failed-batch terms). Due diligence "
    "appears in six of the seven rows."
)


def mitigation_matrix_figure():
    """Rows are downsides, columns are tools; a filled cell says what the tool does about it."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    fig, ax = plt.subplots(figsize=(9.6, 5.6))
    rows, cols = len(MITIGATIONS), len(TOOLS)
    for r, (downside, cells) in enumerate(MITIGATIONS):
        ax.text(-0.1, r + 0.5, downside, ha="right", va="center", fontsize=11)
        for c in range(cols):
            if c in cells:
                ax.add_patch(FancyBboxPatch((c + 0.06, r + 0.1), 0.88, 0.8,
                                            boxstyle="round,pad=0,rounding_size=0.1",
                                            facecolor=TOOL_COLORS[c], edgecolor="none"))
                ax.text(c + 0.5, r + 0.5, cells[c], ha="center", va="center", fontsize=9,
                        color="white")
            else:
                ax.add_patch(FancyBboxPatch((c + 0.06, r + 0.1), 0.88, 0.8,
                                            boxstyle="round,pad=0,rounding_size=0.1",
                                            facecolor="#f4f4f4", edgecolor="none"))
    for c, tool in enumerate(TOOLS):
        ax.text(c + 0.5, -0.15, tool, ha="center", va="bottom", fontsize=10, fontweight="bold",
                color=TOOL_COLORS[c])
    ax.set_xlim(0, cols)
    ax.set_ylim(rows, -0.9)
    ax.axis("off")
    fig.tight_layout()
    return fig


def show_mitigation_matrix() -> None:
    """Display the mitigation matrix with its alt text (for the lesson notebook)."""
    from ..figures import show

    show(mitigation_matrix_figure(), alt=MITIGATION_MATRIX_ALT)
