using Assessment.Core.Import;
using Assessment.Core.Scoring;

namespace Assessment.Rules.Engine;

/// <summary>The rubrics that ship inside this package (standard, grassroots), and loading another from a file.</summary>
public static class RubricCatalog
{
    private static readonly Lazy<Rubric> StandardRubric = new(() => Embedded("standard"));
    private static readonly Lazy<Rubric> GrassrootsRubric = new(() => Embedded("grassroots"));

    /// <summary>The largest rubric file read: a rubric is tens of kilobytes, so this only stops a wrong file.</summary>
    internal const long MaxFileBytes = 16L << 20;

    /// <summary>The names of the built-in rubrics.</summary>
    public static IReadOnlyList<string> Names { get; } = ["standard", "grassroots"];

    /// <summary>The rubric for county-level and higher committees and Party groups (党委、党组).</summary>
    public static Rubric Standard => StandardRubric.Value;

    /// <summary>The rubric for township and street committees and second-level organisations (乡镇、街道、院系).</summary>
    public static Rubric Grassroots => GrassrootsRubric.Value;

    /// <summary>A built-in rubric by name, or a rubric JSON file by path; checked for structure and parameters.</summary>
    /// <exception cref="RubricException">The name is unknown, or the file cannot be read or is not a valid rubric.</exception>
    public static Rubric Load(string nameOrPath)
    {
        switch (nameOrPath.Trim().ToLowerInvariant())
        {
            case "standard":
                return Standard;
            case "grassroots":
                return Grassroots;
        }

        if (Directory.Exists(nameOrPath))
        {
            throw new RubricException($"{nameOrPath}: a folder, not a rubric file");
        }

        string json;
        try
        {
            if (InputFile.KindOf(nameOrPath) == InputFile.Kind.Device)
            {
                throw new RubricException($"{nameOrPath}: not a rubric file but a device");
            }

            // Bounded, so that a wrong file (a previous run's hundreds of megabytes of JSON) is refused at once.
            var bytes = InputFile.ReadAllBytes(nameOrPath, MaxFileBytes, out _)
                ?? throw new RubricException($"{nameOrPath}: over {MaxFileBytes >> 20} MiB, which no rubric is (the built-in ones are about 19 KB)");
            using var text = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            json = text.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RubricException($"{nameOrPath}: not a built-in rubric (standard, grassroots) and not a readable file: {e.Message}", e);
        }

        return Checked(RubricLoader.Parse(json, Path.GetFileName(nameOrPath)), Path.GetFileName(nameOrPath));
    }

    /// <summary>The built-in rubric for a unit's profile: grassroots, or standard (the default).</summary>
    public static Rubric ForProfile(string? profile) => profile == "grassroots" ? Grassroots : Standard;

    internal static Rubric Checked(Rubric rubric, string origin)
    {
        try
        {
            RuleInventory.Check(rubric);
            ParameterRequirements.Check(rubric);
            return rubric;
        }
        catch (RubricException e)
        {
            throw new RubricException($"{origin}: {e.Message}", e);
        }
    }

    private static Rubric Embedded(string name)
    {
        using var stream = typeof(RubricCatalog).Assembly.GetManifestResourceStream($"Assessment.Rules.{name}.json")
            ?? throw new RubricException($"the built-in rubric {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Checked(RubricLoader.Parse(reader.ReadToEnd(), name), name);
    }
}
