using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Core;

/// <summary>A JSON export's units are read into a light tree of the reader's own, not Json.NET's: what it makes of a
/// document must be what Json.NET's tree made of it, errors, paths, lines and values alike. The expectations here are
/// what the reader gave when it loaded each unit with <c>JToken.ReadFrom</c> (checked against that build).</summary>
public sealed class JsonTreeTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private Export Read(string json) => _x.ReadJson(json);

    private const string Unit = "\"unitId\": \"U1\", \"unitName\": \"一号\", \"year\": 2024";

    private static string Properties(int count) => string.Concat(Enumerable.Range(0, count).Select(i => $"\"p{i}\": {i}, "));

    [Theory]
    // The file ends at once inside the part loaded as a tree of its own (a unit, the directives): Json.NET's first read.
    [InlineData("{ \"units\": [ {", "Error reading JObject from JsonReader. Path 'units[0]', line 1, position 14.")]
    [InlineData("{ \"directives\": [", "Error reading JArray from JsonReader. Path 'directives', line 1, position 17.")]
    [InlineData("{ \"directives\": [ /* a comment */", "Unexpected end of content while loading JObject. Path 'directives', line 1, position 33.")]
    // Further in, the end is reported against the top-level object, as when the whole document was one tree.
    [InlineData("{ \"units\": [ { \"unitId\": \"U1\", \"members\": [ {", "Unexpected end of content while loading JObject. Path 'units[0].members[0]', line 1, position 45.")]
    [InlineData("{ \"units\": [ { \"unitId\": \"U1\", \"members\": [ { \"name\": new Date(1, ", "Unexpected end of content while loading JObject. Path 'units[0].members[0].name[0]', line 1, position 66.")]
    [InlineData("{ \"directives\": [ { \"directiveId\": \"D1\" }", "Unexpected end of content while loading JObject. Path 'directives[0]', line 1, position 41.")]
    // A property name given twice in one object, among few properties and among many.
    [InlineData("{ \"units\": [ { \"unitId\": \"U1\", \"members\": [ { \"memberId\": \"M1\", \"name\": \"王\", \"memberId\": \"M2\" } ] } ] }",
        "Property with the name 'memberId' already exists in the current JSON object. Path 'units[0].members[0].memberId', line 1, position 88.")]
    [InlineData("{ \"units\": [ { \"unitId\": \"U1\", \"members\": [ { " + "\"p0\": 0, \"p1\": 1, \"p2\": 2, \"p3\": 3, \"p4\": 4, \"p5\": 5, \"p6\": 6, \"p7\": 7, \"p8\": 8, \"p9\": 9, \"p10\": 10, \"p11\": 11, \"p12\": 12, \"p13\": 13, \"p14\": 14, \"p15\": 15, \"p16\": 16, \"p17\": 17, \"p18\": 18, \"p19\": 19, " + "\"p18\": 18 } ] } ] }",
        "Property with the name 'p18' already exists in the current JSON object. Path 'units[0].members[0].p18', line 1, position 252.")]
    [InlineData("{ \"waivers\": [ { \"unitId\": \"U1\", \"unitId\": \"U2\" } ], \"units\": [] }",
        "Property with the name 'unitId' already exists in the current JSON object. Path 'waivers[0].unitId', line 1, position 42.")]
    public void Read_ASyntaxErrorInAUnitOrTheDirectives_IsWordedAndPlacedAsByJsonNet(string json, string message)
    {
        var d = Read(json).Diagnostics.Should().ContainSingle().Subject;

        (d.Severity, d.Code, d.Args.Single()).Should().Be((Severity.FileError, "bad-json", message));
    }

    [Fact]
    public void Read_AnObjectOfManyProperties_FindsNoDuplicateWhereThereIsNone()
    {
        // Past 16 properties an object looks its names up in a set: every name is still seen, none twice.
        var e = Read($$"""{ "units": [ { {{Unit}}, "members": [ { "memberId": "M1", "name": "王", {{Properties(40)}}"role": "成员" } ] } ] }""");

        e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty();
        e.Diagnostics.Where(d => d.Code == "unknown-property").Should().HaveCount(40);
        e.Units.Single().Members.Single().Name.Should().Be("王");
    }

    [Theory]
    [InlineData("units", "a b", "units[0]['a b']")]
    [InlineData("units", "it's", @"units[0]['it\'s']")]
    [InlineData("units", "", "units[0]")]
    [InlineData("members", "x.y", "units[0].members[0]['x.y']")]
    [InlineData("members", "", "units[0].members[0].")]
    [InlineData("members", "备注", "units[0].members[0].备注")]
    [InlineData("attendance", "[0]", "units[0].sessions[0].attendance[0]['[0]']")]
    [InlineData("directives", "x y", "directives[0]['x y']")]
    public void Read_AnUnknownProperty_IsPlacedByItsPathAsJsonNetWritesIt(string where, string name, string path)
    {
        var odd = $"\"{name}\": 1, ";
        var e = Read($$"""
            {
              "directives": [ { {{(where == "directives" ? odd : "")}}"directiveId": "D1", "unitId": "*", "issuedDate": "2024-02-01" } ],
              "units": [ { {{(where == "units" ? odd : "")}}{{Unit}},
                "members": [ { {{(where == "members" ? odd : "")}}"memberId": "M1", "name": "王", "role": "成员" } ],
                "sessions": [ { "sessionId": "S1", "date": "2024-03-05",
                  "attendance": [ { {{(where == "attendance" ? odd : "")}}"memberId": "M1", "status": "出席" } ] } ] } ]
            }
            """);

        var d = e.Diagnostics.Should().ContainSingle(d => d.Code == "unknown-property").Subject;
        (d.Column, d.Path, d.Args.Single()).Should().Be((name, path, name));
        d.Line.Should().Be(where switch { "directives" => 2, "units" => 3, "members" => 4, _ => 6 });
    }

    [Theory]
    [InlineData("new Date(1)", "constructor")]
    [InlineData("undefined", "undefined")]
    [InlineData("{ \"a\": 1 }", "object")]
    [InlineData("[ \"a\", [ 1 ] ]", "array")]
    public void Read_SomethingThatIsNoValue_IsNamedAsJsonNetNamesIt(string json, string kind)
    {
        var e = Read($$"""
            { "units": [ { {{Unit}},
              "members": [ { "memberId": "M1", "role": "成员",
                "name": {{json}} } ] } ] }
            """);

        var d = e.Diagnostics.Should().ContainSingle(d => d.Code == "not-a-value").Subject;
        (d.Line, d.Column, d.UnitId, d.Path, d.Args.Single()).Should().Be((3, "name", "U1", "units[0].members[0].name", kind));
    }

    [Fact]
    public void Read_SomethingThatIsNoValue_BelongsToTheRowsOwnUnitIdFirst()
    {
        // The nearest enclosing object with a unitId names the unit: the row's own, then its session's, then its unit's.
        var e = Read($$"""
            { "units": [ { {{Unit}}, "members": [ { "memberId": "M1", "name": "王", "role": "成员" } ],
              "sessions": [ { "sessionId": "S1", "date": "2024-03-05", "unitId": "U7",
                "attendance": [ { "memberId": "M1", "status": {} }, { "memberId": "M1", "unitId": "U9", "status": [ {} ] } ] } ] } ] }
            """);

        e.Diagnostics.Where(d => d.Code == "not-a-value").Select(d => (d.UnitId, d.Path)).Should().Equal(
            ("U7", "units[0].sessions[0].attendance[0].status"), ("U9", "units[0].sessions[0].attendance[1].status"));
    }

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("1e5", "100000")]
    [InlineData("-0", "0")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("true", "true")]
    [InlineData("/* a comment */ \"议题\" // another", "议题")]
    public void Read_AValueOfEveryKind_IsTheTextJsonNetGivesIt(string json, string topic)
    {
        var e = Read($$"""
            { "directives": [ { "directiveId": "D1", "unitId": "*", "issuedDate": "2024-02-01" }, { "directiveId": "2", "unitId": "*", "issuedDate": "2024-02-01" } ],
              "units": [ /* a unit */ { {{Unit}}, "members": [ { "memberId": "M1", "name": "王", "role": "成员" } ],
                "sessions": [ { "sessionId": "S1", "date": "2024-03-05", "directiveIds": [ "D1", /* a number */ 2 ],
                  "topic": {{json}}
                } ] } ] }
            """);

        e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty();
        var session = e.Units.Single().Sessions.Single();
        session.Topic.Should().Be(topic);
        session.DirectiveIds.Should().Equal("D1", "2");
    }

    [Fact]
    public void Read_EntriesThatAreNoObjects_ArePlacedByTheirPaths()
    {
        var e = Read($$"""
            { "units": [ 1, { {{Unit}}, "members": [ "王", null, { "memberId": "M1", "name": "王", "role": "成员" } ], "sessions": { } } ],
              "directives": "none" }
            """);

        e.Diagnostics.Where(d => d.Code == "json-shape").Select(d => (d.Path, d.Args.Single())).Should().Equal(
            ("units[0]", "each unit must be an object"),
            ("units[1].members[0]", "each entry of \"units[1].members\" must be an object"),
            ("units[1].members[1]", "each entry of \"units[1].members\" must be an object"),
            ("units[1].sessions", "\"units[1].sessions\" must be an array"),
            ("directives", "\"directives\" must be an array"));
    }
}
