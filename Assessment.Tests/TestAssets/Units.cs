using Assessment.Core.Model;

namespace Assessment.Tests.TestAssets;

/// <summary>Common starting points for rule tests.</summary>
internal static class Units
{
    /// <summary>A group of <paramref name="members"/>: M1 is the 书记, M2.. are 成员; no sessions.</summary>
    public static UnitBuilder Group(int members = 4, int year = 2024)
    {
        var b = new UnitBuilder(year);
        b.Member("M1", MemberRole.Secretary);
        for (var i = 2; i <= members; i++)
        {
            b.Member($"M{i}");
        }

        return b;
    }

    public static Assessment.Core.Scoring.Rubric Grassroots => Assessment.Rules.Engine.RubricCatalog.Grassroots;
}
