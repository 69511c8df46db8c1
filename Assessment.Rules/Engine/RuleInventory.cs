using System.Reflection;
using Assessment.Core.Scoring;
using NRules;
using NRules.Fluent;
using NRules.RuleModel;

namespace Assessment.Rules.Engine;

/// <summary>The rules of this assembly, loaded once (internal classes included) and compiled once into a thread-safe
/// session factory; and the check that a rubric and the rules name the same ids.</summary>
internal static class RuleInventory
{
    // Loading (reflection over the rule classes) is enough to check a rubric against the rules; compiling them into a
    // Rete network (0.2 s) is needed only to score, so it is done apart, once.
    private static readonly Lazy<IReadOnlyList<IRuleDefinition>> Loaded = new(() =>
    {
        var repository = new RuleRepository();
        // Without PrivateTypes() NRules skips internal rule classes silently.
        repository.Load(x => x.From(Assembly.GetExecutingAssembly()).PrivateTypes());
        return repository.GetRules().ToArray();
    });

    private static readonly Lazy<NRules.ISessionFactory> Compiled = new(() => Compile(Loaded.Value));

    /// <summary>The names of every rule, i.e. the rubric ids they score.</summary>
    public static IReadOnlyList<string> RuleNames => Loaded.Value.Select(r => r.Name).ToArray();

    public static NRules.ISessionFactory Factory => Compiled.Value;

    /// <summary>The rule definitions as loaded, for checks of their shape.</summary>
    public static IReadOnlyList<IRuleDefinition> Definitions => Loaded.Value;

    /// <summary>Compiles rules as the engine runs them. A fact is identified by its reference: NRules would otherwise
    /// take two equal records for one fact (and hash every field of each record it inserts).</summary>
    public static NRules.ISessionFactory Compile(IEnumerable<IRuleDefinition> rules)
    {
        var compiler = new RuleCompiler();
        compiler.FactIdentityComparerRegistry.DefaultFactIdentityComparer = ReferenceEqualityComparer.Instance;
        return compiler.Compile(rules);
    }

    /// <summary>Every rubric id has exactly one rule and every rule has a rubric entry.</summary>
    public static void Check(Rubric rubric)
    {
        var names = RuleNames;
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new RubricException($"two rules are named {dup.Key}");
        }

        var ids = rubric.AllIds.ToHashSet();
        var missingRule = ids.Where(id => !names.Contains(id)).Order(StringComparer.Ordinal).ToArray();
        var missingEntry = names.Where(n => !ids.Contains(n)).Order(StringComparer.Ordinal).ToArray();
        var problems = new List<string>();
        if (missingRule.Length > 0)
        {
            problems.Add($"no rule scores {string.Join(", ", missingRule)}");
        }

        if (missingEntry.Length > 0)
        {
            problems.Add($"the rubric has no entry for the rule(s) {string.Join(", ", missingEntry)}");
        }

        if (problems.Count > 0)
        {
            throw new RubricException(string.Join("; ", problems));
        }
    }
}
