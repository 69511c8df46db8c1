using System.Text;
using Assessment.Core.Model;

namespace Assessment.Core.Import;

/// <summary>What a waiver's item id names, as the rubric in force says.</summary>
public enum WaiverTarget
{
    /// <summary>A scored item: it may be waived.</summary>
    Item,
    /// <summary>A veto or bonus id: it may not be waived.</summary>
    NotWaivable,
    /// <summary>No id of the rubric.</summary>
    Unknown,
}

/// <summary>How to read an export.</summary>
public sealed record ReadOptions
{
    /// <summary>Forces one encoding for every file (<c>--encoding</c>); null detects per file.</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>Turns every warning into a row error (<c>--strict</c>); a warning of no unit becomes a file error.</summary>
    public bool Strict { get; init; }

    /// <summary>The date waiver expiry is judged on (<c>--as-of</c>).</summary>
    public DateOnly AsOf { get; init; } = DateOnly.FromDateTime(DateTime.Today);

    /// <summary>Classifies a waiver's item id for a unit (null for a waiver of every unit); null skips the check.</summary>
    public Func<UnitRow?, string, WaiverTarget>? ClassifyWaiverItem { get; init; }

    /// <summary>The default options.</summary>
    public static ReadOptions Default { get; } = new();
}
