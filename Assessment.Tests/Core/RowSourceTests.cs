using Assessment.Core.Model;

namespace Assessment.Tests.Core;

/// <summary>RowSource keeps its file and anchor in one field; it must still behave as the record of three values it was.</summary>
public sealed class RowSourceTests
{
    [Fact]
    public void Properties_AndDeconstruct_GiveWhatWasGiven()
    {
        var csv = new RowSource("sessions.csv", 12);
        var json = new RowSource("export.json", 40, "$.sessions[3]");

        (csv.File, csv.Line, csv.Anchor).Should().Be(("sessions.csv", 12, (string?)null));
        (json.File, json.Line, json.Anchor).Should().Be(("export.json", 40, "$.sessions[3]"));
        var (file, line, anchor) = json;
        (file, line, anchor).Should().Be(("export.json", 40, "$.sessions[3]"));
        csv.ToString().Should().Be("sessions.csv:12");
        json.ToString().Should().Be("export.json:40");
    }

    [Fact]
    public void Equality_IsByValue_WhateverTheInstances()
    {
        var a = new RowSource(new string("a.csv".AsSpan()), 3, new string("$.x".AsSpan()));
        var b = new RowSource("a.csv", 3, "$.x");

        a.Should().Be(b);
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        new RowSource("a.csv", 3).Should().Be(new RowSource(new string("a.csv".AsSpan()), 3));
        new[]
        {
            new RowSource("a.csv", 4, "$.x"), new RowSource("b.csv", 3, "$.x"), new RowSource("a.csv", 3, "$.y"),
            new RowSource("a.csv", 3), default,
        }.Should().OnlyContain(x => x != a);
        new RowSource("a.csv", 3).Should().NotBe(new RowSource("a.csv", 3, "$.x"));
    }

    [Fact]
    public void With_ChangesOneValueAndKeepsTheOthers()
    {
        var json = new RowSource("export.json", 40, "$.sessions[3]");

        (json with { File = "other.json" }).Should().Be(new RowSource("other.json", 40, "$.sessions[3]"));
        (json with { Line = 41 }).Should().Be(new RowSource("export.json", 41, "$.sessions[3]"));
        (json with { Anchor = null }).Should().Be(new RowSource("export.json", 40));
        (new RowSource("a.csv", 2) with { Anchor = "Sheet1" }).Should().Be(new RowSource("a.csv", 2, "Sheet1"));
        new RowSource { File = "a.csv", Line = 2, Anchor = "Sheet1" }.Should().Be(new RowSource("a.csv", 2, "Sheet1"));
        new RowSource { Anchor = "Sheet1", File = "a.csv", Line = 2 }.Should().Be(new RowSource("a.csv", 2, "Sheet1"));
    }

    [Fact]
    public void Default_HasNoFileNoLineNoAnchor()
    {
        RowSource none = default;
        (none.File, none.Line, none.Anchor).Should().Be(((string)null!, 0, (string?)null));
    }
}
