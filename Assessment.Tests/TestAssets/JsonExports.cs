using Newtonsoft.Json.Linq;

namespace Assessment.Tests.TestAssets;

/// <summary>Changes to a JSON export's tree that the tests make.</summary>
internal static class JsonExports
{
    /// <summary>Moves the directives after the units, where <c>convert</c> wrote them before the nineteenth session: such
    /// a file is read for its directives and waivers first, then unit by unit.</summary>
    public static JObject WithDirectivesLast(this JObject tree)
    {
        var directives = tree.Property("directives")!;
        directives.Remove();
        tree.Add(directives);
        return tree;
    }
}
