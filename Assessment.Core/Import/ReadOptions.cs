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

    /// <summary>The limits beyond which input is refused with a clear error instead of exhausting memory.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;

    /// <summary>Stops reading promptly when cancelled (Ctrl-C), with <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>CSV files of at least this many bytes are read on every core; smaller ones on one thread (starting
    /// workers costs more than it saves). Internal: tests lower it to check that both paths read alike.</summary>
    internal int ParallelFromBytes { get; init; } = 4 << 20;

    /// <summary>The default options.</summary>
    public static ReadOptions Default { get; } = new();
}

/// <summary>Input limits, each reported as an error naming the file (and line) when crossed. See docs/reliability.md.</summary>
/// <param name="MaxFileBytes">The largest file read (CSV, JSON or XLSX).</param>
/// <param name="MaxFieldLength">The longest value, in characters; a longer one is a row error (this also catches an
/// unclosed quote that swallows the rest of a file).</param>
/// <param name="MaxRowsPerFile">The most rows read from one table.</param>
public sealed record ReadLimits(long MaxFileBytes, int MaxFieldLength, int MaxRowsPerFile)
{
    /// <summary>1 GiB files, 10,000-character values, 20 million rows per table.</summary>
    public static ReadLimits Default { get; } = new(1L << 30, 10_000, 20_000_000);
}
