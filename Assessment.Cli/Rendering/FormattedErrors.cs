using System.Collections;
using Assessment.Core.Diagnostics;

namespace Assessment.Cli.Rendering;

/// <summary>A unit's errors as the lines the outputs list, each formatted when it is read instead of all at once: an
/// export with one column wrong in every row has millions of them, and their text would be held beside the
/// diagnostics until the output is written.</summary>
internal sealed class FormattedErrors(IReadOnlyList<Diagnostic> errors, string lang) : IReadOnlyList<string>
{
    public int Count => errors.Count;

    public string this[int index] => errors[index].Format(lang);

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var e in errors)
        {
            yield return e.Format(lang);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
