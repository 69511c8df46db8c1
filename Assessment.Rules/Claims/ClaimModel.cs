namespace Assessment.Rules.Claims;

/// <summary>What a report claims about one rubric item.</summary>
/// <param name="Kind">The claim's kind (sessions, attendance_rate, ...).</param>
/// <param name="Item">The rubric item it bears on.</param>
/// <param name="Value">A whole number, a rate in [0, 1], "all", "present", or "unfilled" (a template blank).</param>
/// <param name="Comparator">For rates: ≥, &gt;, = or ≤.</param>
/// <param name="Stance">achieved, shortcoming or planned.</param>
/// <param name="Line">The 1-based paragraph.</param>
/// <param name="Text">The clause that makes the claim.</param>
internal sealed record Claim(string Kind, string Item, object Value, string? Comparator, string Stance, int Line, string Text)
{
    /// <summary>With <c>--export</c>: what the records show, and whether they bear the claim out.</summary>
    public decimal? Records { get; init; }

    /// <summary>consistent, overstated, understated or unverifiable; null until reconciled.</summary>
    public string? Verdict { get; init; }
}

/// <summary>Template text left unfilled: a quantity blank (_次, 20**年) or a name blank (XX党委, 《___》).</summary>
internal sealed record Placeholder(string Kind, int Line, string Text);

/// <summary>Everything read from one report.</summary>
internal sealed record ClaimReport(string File, IReadOnlyList<Claim> Claims, IReadOnlyList<Placeholder> Placeholders)
{
    /// <summary>A report with quantity placeholders was never filled in.</summary>
    public bool Unfilled => Placeholders.Any(p => p.Kind == "quantity");

    /// <summary>With <c>--export</c>: items the records score that the report never mentions.</summary>
    public IReadOnlyList<string>? Unmentioned { get; init; }
}
