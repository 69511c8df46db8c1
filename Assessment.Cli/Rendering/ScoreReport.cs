using Assessment.Core.Model;
using Assessment.Core.Scoring;

namespace Assessment.Cli.Rendering;

/// <summary>Everything a renderer needs: the scorecards in input order, the units that were not scored, the diagnostics.</summary>
internal sealed record ScoreReport(
    Export Export,
    IReadOnlyList<Scorecard> Scorecards,
    IReadOnlyList<(string UnitId, IReadOnlyList<string> Errors)> InvalidUnits,
    DateOnly AsOf,
    string Lang,
    Comparison? Comparison = null);
