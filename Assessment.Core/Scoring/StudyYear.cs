namespace Assessment.Core.Scoring;

/// <summary>The calendar of an assessment year Y: the year itself and the document window W(Y).</summary>
/// <remarks>W(Y) runs from (Y-1)-11-01 to (Y+1)-03-31: plans are often issued in December of the year before,
/// summaries and archives in the first quarter after.</remarks>
internal readonly record struct StudyYear(int Year)
{
    /// <summary>Y-01-01.</summary>
    public DateOnly Start => new(Year, 1, 1);

    /// <summary>Y-12-31.</summary>
    public DateOnly End => new(Year, 12, 31);

    /// <summary>(Y-1)-11-01, the first day of the document window.</summary>
    public DateOnly WindowStart => new(Year - 1, 11, 1);

    /// <summary>(Y+1)-03-31, the last day of the document window.</summary>
    public DateOnly WindowEnd => new(Year + 1, 3, 31);

    /// <summary>Whether a date lies in [Y-01-01, Y-12-31].</summary>
    public bool InYear(DateOnly date) => date.Year == Year;

    /// <summary>Whether a date lies in the year; a blank date counts as in the year.</summary>
    public bool InYearOrBlank(DateOnly? date) => date is not { } d || InYear(d);

    /// <summary>Whether a date lies in W(Y); a blank date counts as inside.</summary>
    public bool InWindowOrBlank(DateOnly? date) => date is not { } d || (d >= WindowStart && d <= WindowEnd);

    /// <summary>The calendar quarter (1-4) of a date.</summary>
    public static int Quarter(DateOnly date) => (date.Month - 1) / 3 + 1;
}
