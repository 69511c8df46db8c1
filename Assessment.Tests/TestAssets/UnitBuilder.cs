using Assessment.Core.Model;

namespace Assessment.Tests.TestAssets;

/// <summary>Builds a unit's rows in code for rule tests; every row gets its own line, as if read from a file.</summary>
internal sealed class UnitBuilder(int year = 2024, string unitId = "U1")
{
    private readonly List<MemberRow> _members = [];
    private readonly List<SessionRow> _sessions = [];
    private readonly List<AttendanceRow> _attendance = [];
    private readonly List<SpeechRow> _speeches = [];
    private readonly List<OutputRow> _outputs = [];
    private readonly List<DocumentRow> _documents = [];
    private readonly List<EventRow> _events = [];
    private readonly List<DirectiveRow> _directives = [];
    private readonly List<ReviewRow> _reviews = [];
    private readonly List<WaiverRow> _waivers = [];
    private int _line = 1;

    public UnitRow Unit { get; set; } = new(unitId, "测试单位", year, null, null, null, null, null, null, new RowSource("units.csv", 2));

    public int Year => year;

    private RowSource Src(string file) => new(file, ++_line);

    public UnitBuilder With(Func<UnitRow, UnitRow> change)
    {
        Unit = change(Unit);
        return this;
    }

    public UnitBuilder Member(string id, MemberRole roles = MemberRole.Member, bool? plan = null, bool? notes = null)
    {
        _members.Add(new MemberRow(unitId, id, "成员" + id, roles, plan, notes, Src("members.csv")));
        return this;
    }

    public UnitBuilder Session(string id, string date, Func<SessionRow, SessionRow>? change = null)
    {
        var s = new SessionRow(unitId, id, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), null, SessionForm.Collective, null, [], [], null, null, null,
            null, null, null, null, null, null, [], Src("sessions.csv"));
        _sessions.Add(change is null ? s : change(s));
        return this;
    }

    /// <summary>Adds <paramref name="count"/> sessions spread over the months of the year, ids S1..Sn.</summary>
    public UnitBuilder Sessions(int count, Func<SessionRow, SessionRow>? change = null)
    {
        for (var i = 0; i < count; i++)
        {
            Session($"S{i + 1}", $"{year}-{i % 12 + 1:00}-{i / 12 + 1:00}", change);
        }

        return this;
    }

    public UnitBuilder Attend(string session, string member, AttendanceStatus status = AttendanceStatus.Present, bool? approved = null, string? makeup = null)
    {
        _attendance.Add(new AttendanceRow(unitId, session, member, status, approved, makeup is null ? null : DateOnly.Parse(makeup, System.Globalization.CultureInfo.InvariantCulture), Src("attendance.csv")));
        return this;
    }

    /// <summary>Every member of the group present at every session so far.</summary>
    public UnitBuilder AllPresent()
    {
        foreach (var s in _sessions)
        {
            foreach (var m in _members.Where(m => m.IsGroupMember))
            {
                Attend(s.SessionId, m.MemberId);
            }
        }

        return this;
    }

    public UnitBuilder Speech(string session, string member, SpeechKind kind = SpeechKind.Discussion, bool? written = null)
    {
        _speeches.Add(new SpeechRow(unitId, session, member, kind, written, Src("speeches.csv")));
        return this;
    }

    public UnitBuilder Output(string id, OutputKind kind, string? member = null, string? date = null, PublishedLevel level = PublishedLevel.None, bool? adopted = null)
    {
        _outputs.Add(new OutputRow(unitId, id, member, kind, null, date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), level, adopted, Src("outputs.csv")));
        return this;
    }

    public UnitBuilder Document(string id, DocumentKind kind, string? date, string? approvedBy = null, string? filed = null, bool? topics = null, bool? schedule = null)
    {
        _documents.Add(new DocumentRow(unitId, id, kind, null, date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), approvedBy,
            filed is null ? null : DateOnly.Parse(filed, System.Globalization.CultureInfo.InvariantCulture), topics, schedule, Src("documents.csv")));
        return this;
    }

    public UnitBuilder Event(string id, EventKind kind, string? date)
    {
        _events.Add(new EventRow(unitId, id, kind, date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), null, Src("events.csv")));
        return this;
    }

    public UnitBuilder Directive(string id, string issued, bool everyUnit = false)
    {
        _directives.Add(new DirectiveRow(id, everyUnit ? null : unitId, null, DateOnly.Parse(issued, System.Globalization.CultureInfo.InvariantCulture), Src("directives.csv")));
        return this;
    }

    public UnitBuilder Review(Finding finding)
    {
        _reviews.Add(new ReviewRow(unitId, finding, null, Src("reviews.csv")));
        return this;
    }

    public UnitBuilder Waiver(string item, string? expires = null, bool everyUnit = false)
    {
        _waivers.Add(new WaiverRow(everyUnit ? null : unitId, item, "理由", "县委宣传部", expires is null ? null : DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture), Src("waivers.csv")));
        return this;
    }

    public UnitRecord Build() => new(Unit, _members.ToArray(), _sessions.ToArray(), _attendance.ToArray(), _speeches.ToArray(),
        _outputs.ToArray(), _documents.ToArray(), _events.ToArray(), _directives.ToArray(), _reviews.ToArray(), _waivers.ToArray());
}
