namespace Assessment.Core.Model;

/// <summary>Where a row came from: its file (or table) and the 1-based physical line where it starts.</summary>
/// <remarks>Every fact carries one, so two identical rows stay two facts and every result can point back at its source.</remarks>
public readonly record struct RowSource(string File, int Line)
{
    /// <summary>A compact label such as <c>sessions.csv:12</c>.</summary>
    public override string ToString() => $"{File}:{Line}";
}
