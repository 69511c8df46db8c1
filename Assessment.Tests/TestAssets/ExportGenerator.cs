using System.Globalization;
using System.Text;
using Assessment.Core.Model;

namespace Assessment.Tests.TestAssets;

/// <summary>A seeded generator of random, valid exports. It builds each unit as row records (the model the reference
/// evaluator scores) and writes the same data as CSV files with randomly chosen spellings: every boolean, date and
/// rate form, vocabulary aliases, English or Chinese headers, shuffled columns, quoting, comma or tab, UTF-8 (BOM or
/// not), UTF-16 and GB18030. Reading the files back must give the model again, so the reader is checked too.</summary>
public sealed class ExportGenerator(int seed, ExportGenerator.Shape? shape = null)
{
    /// <summary>Fixes the number of members and sessions of every unit (for measuring how cost grows); null draws them.</summary>
    /// <param name="Members">Members per unit, or null to draw.</param>
    /// <param name="Sessions">Sessions per unit, or null to draw.</param>
    /// <param name="Plain">Write every file as UTF-8 with BOM, comma-separated, English headers in order, as a
    /// Party-affairs system would export it (for benchmarks); otherwise spellings and encodings vary at random.</param>
    public sealed record Shape(int? Members = null, int? Sessions = null, bool Plain = false);

    static ExportGenerator() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly Random _r = new(seed);
    private readonly Shape _shape = shape ?? new Shape();

    public static readonly string[] ItemIds =
    [
        "ZT-01", "ZT-02", "ZT-03", "ZT-04", "DY-01", "DY-02", "DY-03", "DY-04", "ZJ-01", "ZJ-02", "ZJ-03", "ZJ-04",
        "NR-01", "NR-02", "NR-03", "NR-04", "NR-05", "XS-01", "XS-02", "XS-03", "XS-04", "XS-05", "XS-06", "XS-07",
        "ZD-01", "ZD-02", "ZD-03", "ZD-04", "ZD-05", "ZD-06", "CX-01", "CX-02", "CX-03", "CX-04", "CX-05",
    ];

    private static readonly string[] Topics = ["深入学习党的二十届三中全会精神", "党纪学习教育", "学习习近平文化思想", "学习《民法典》", "新质生产力", "乡村全面振兴, 基层治理", "学习\n四史"];

    /// <summary>Makes <paramref name="count"/> units and writes them to <paramref name="folder"/>; returns the model.</summary>
    public IReadOnlyList<UnitRecord> Write(string folder, int count, string prefix, DateOnly asOf)
    {
        var directives = new List<DirectiveRow>();
        for (var i = 0; i < 3; i++)
        {
            directives.Add(new DirectiveRow($"D{i}", null, "上级部署", RandomDate(new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 31)), default));
        }

        var units = new List<UnitRecord>();
        for (var i = 0; i < count; i++)
        {
            var id = $"{prefix}U{i:000}";
            var own = new List<DirectiveRow>();
            if (Chance(0.3))
            {
                for (var k = 0; k < _r.Next(1, 3); k++)
                {
                    own.Add(new DirectiveRow($"{id}-D{k}", id, null, RandomDate(new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 31)), default));
                }
            }

            directives.AddRange(own);
            units.Add(MakeUnit(id, directives.Where(d => d.UnitId is null).Concat(own).ToArray(), asOf));
        }

        WriteCsv(folder, units, directives);
        return units;
    }

    private bool Chance(double p) => _r.NextDouble() < p;

    private T Pick<T>(params T[] xs) => xs[_r.Next(xs.Length)];

    private bool? Flag(double blank = 0.2) => Chance(blank) ? null : Chance(0.6);

    private DateOnly RandomDate(DateOnly from, DateOnly to) => from.AddDays(_r.Next(to.DayNumber - from.DayNumber + 1));

    private UnitRecord MakeUnit(string id, IReadOnlyList<DirectiveRow> directives, DateOnly asOf)
    {
        var y = Pick(2023, 2024, 2025);
        var unit = new UnitRow(id, "单位" + id, y, Pick<string?>(null, "standard", "grassroots"), Flag(), Chance(0.2) ? null : _r.Next(0, 4),
            Flag(), Flag(), Chance(0.25) ? null : _r.Next(0, 101) / 100m, default);

        var members = new List<MemberRow>();
        var memberCount = _shape.Members ?? (Chance(0.05) ? 0 : _r.Next(1, 21));
        for (var i = 0; i < memberCount; i++)
        {
            var roles = i == 0 && Chance(0.85) ? MemberRole.Secretary : MemberRole.Member;
            if (i == 1 && Chance(0.6))
            {
                roles = Chance(0.5) ? MemberRole.PropagandaLead : MemberRole.PropagandaLead | MemberRole.Member;
            }

            if (i == memberCount - 1 && i > 0 && Chance(0.5))
            {
                roles = Chance(0.7) ? MemberRole.StudySecretary : MemberRole.StudySecretary | MemberRole.Member;
            }

            members.Add(new MemberRow(id, $"M{i}", "姓名" + i, roles, Flag(), Flag(), default));
        }

        var sec = members.FirstOrDefault(m => m.Roles.HasFlag(MemberRole.Secretary))?.MemberId;
        var people = members.Select(m => m.MemberId).ToArray();
        var sessions = new List<SessionRow>();
        var sessionCount = _shape.Sessions ?? (Chance(0.08) ? 0 : _r.Next(1, 21));
        for (var i = 0; i < sessionCount; i++)
        {
            var date = Chance(0.87) ? RandomDate(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)) : Pick(new DateOnly(y - 1, 12, _r.Next(1, 32)), new DateOnly(y + 1, 1, _r.Next(1, 32)));
            var tags = new[] { ContentTag.InnovationTheory, ContentTag.PartyRules, ContentTag.PartyHistory, ContentTag.Law }.Where(_ => Chance(0.3)).ToArray();
            string? host = Chance(0.1) ? null : Chance(0.65) && sec is not null ? sec : people.Length > 0 ? Pick(people) : null;
            var notice = Chance(0.2) ? (DateOnly?)null : date.AddDays(-_r.Next(0, 13));
            var dirs = directives.Where(d => Chance(0.15)).Select(d => d.DirectiveId).ToArray();
            sessions.Add(new SessionRow(id, $"S{i}", date, Chance(0.1) ? null : Pick(60, 90, 119, 120, 150, 180, 240),
                Pick(SessionForm.Collective, SessionForm.Collective, SessionForm.Collective, SessionForm.Lecture, SessionForm.Field, SessionForm.Online),
                Chance(0.15) ? null : Pick(Topics), tags, Chance(0.2) ? ["营商环境"] : [], host, Chance(0.2) ? "书记出差，委托主持" : null, notice,
                Flag(), Flag(), Flag(), Flag(), Flag(), Chance(0.6) ? null : "联系实际问题", dirs, default));
        }

        var attendance = new List<AttendanceRow>();
        foreach (var s in sessions)
        {
            foreach (var p in people.Where(_ => Chance(0.88)))
            {
                var status = Pick(AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Leave, AttendanceStatus.Absent);
                attendance.Add(new AttendanceRow(id, s.SessionId, p, status, Flag(), Chance(0.5) ? s.Date.AddDays(_r.Next(1, 20)) : null, default));
            }
        }

        var speeches = new List<SpeechRow>();
        foreach (var s in sessions)
        {
            for (var k = people.Length == 0 ? 0 : _r.Next(0, 5); k > 0; k--)
            {
                var row = new SpeechRow(id, s.SessionId, Pick(people), Pick(SpeechKind.Keynote, SpeechKind.Discussion, SpeechKind.Discussion, SpeechKind.LeadReading), Flag(), default);
                speeches.Add(row);
                if (Chance(0.1))
                {
                    speeches.Add(row); // an identical row: two rows, counted twice
                }
            }
        }

        var outputs = new List<OutputRow>();
        for (var i = _r.Next(0, 11); i > 0; i--)
        {
            outputs.Add(new OutputRow(id, $"O{i}", people.Length > 0 && Chance(0.85) ? Pick(people) : null, Pick(Enum.GetValues<OutputKind>()), "标题",
                Chance(0.1) ? null : Chance(0.8) ? RandomDate(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)) : new DateOnly(y - 1, 6, 1),
                Pick(PublishedLevel.None, PublishedLevel.None, PublishedLevel.County, PublishedLevel.City, PublishedLevel.Province, PublishedLevel.National), Flag(), default));
        }

        var documents = new List<DocumentRow>();
        for (var i = _r.Next(0, 9); i > 0; i--)
        {
            documents.Add(new DocumentRow(id, $"F{i}", Pick(Enum.GetValues<DocumentKind>()), null,
                Chance(0.1) ? null : RandomDate(new DateOnly(y - 1, 9, 1), new DateOnly(y + 1, 5, 31)),
                Chance(0.3) ? null : Chance(0.6) && sec is not null ? sec : people.Length > 0 ? Pick(people) : null,
                Chance(0.5) ? null : new DateOnly(y, 2, 1), Flag(), Flag(), default));
        }

        var events = new List<EventRow>();
        for (var i = _r.Next(0, 5); i > 0; i--)
        {
            events.Add(new EventRow(id, $"E{i}", Pick(Enum.GetValues<EventKind>()), Chance(0.1) ? null : RandomDate(new DateOnly(y - 1, 10, 1), new DateOnly(y + 1, 2, 28)), null, default));
        }

        var reviews = new List<ReviewRow>();
        if (Chance(0.04))
        {
            reviews.Add(new ReviewRow(id, Pick(Finding.Falsification, Finding.PoliticalIncident), "核查说明", default));
        }

        var waivers = new List<WaiverRow>();
        if (Chance(0.08))
        {
            waivers.Add(new WaiverRow(id, Pick(ItemIds), "经批准豁免", "县委宣传部", Chance(0.4) ? null : asOf.AddDays(_r.Next(-30, 30)), default));
        }

        return new UnitRecord(unit, members, sessions, attendance, speeches, outputs, documents, events, directives, reviews, waivers);
    }

    // ---- writing -------------------------------------------------------------------------------------------

    private sealed record Col(string En, string Zh);

    private string Bool(bool? b) => b switch
    {
        null => "",
        true => Pick("是", "有", "Y", "yes", "TRUE", "1", "√", "ｙｅｓ"),
        false => Pick("否", "无", "n", "No", "false", "0", "×"),
    };

    private string Date(DateOnly? d) => d is not { } x ? "" : _r.Next(6) switch
    {
        0 => x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        1 => $"{x.Year}/{x.Month}/{x.Day}",
        2 => $"{x.Year}.{x.Month}.{x.Day}",
        3 => $"{x.Year}年{x.Month}月{x.Day}日",
        4 => x.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        _ => FullWidth(x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    };

    private string Rate(decimal? rate)
    {
        if (rate is not { } r)
        {
            return "";
        }

        var pct = (int)(r * 100);
        return _r.Next(3) switch
        {
            0 => r.ToString(CultureInfo.InvariantCulture),
            1 => $"{pct}%",
            _ => pct > 1 ? pct.ToString(CultureInfo.InvariantCulture) : r.ToString(CultureInfo.InvariantCulture),
        };
    }

    private string Num(int? n) => n is not { } x ? "" : Chance(0.2) ? FullWidth(x.ToString(CultureInfo.InvariantCulture)) : x.ToString(CultureInfo.InvariantCulture);

    private static string FullWidth(string s) => new(s.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c).ToArray());

    private string English(string code) => _r.Next(3) switch { 0 => code, 1 => code.ToUpperInvariant(), _ => char.ToUpperInvariant(code[0]) + code[1..] };

    private string Word(string zh, string en, params string[] aliases)
    {
        var k = _r.Next(2 + aliases.Length);
        return k == 0 ? zh : k == 1 ? English(en) : aliases[k - 2];
    }

    private string Sep() => Pick(";", "；", "、", "|");

    private string Role(MemberRole roles)
    {
        var words = new List<string>();
        if (roles.HasFlag(MemberRole.Secretary)) words.Add(Word("书记", "secretary", "党委书记", "党组书记", "第一责任人"));
        if (roles.HasFlag(MemberRole.PropagandaLead)) words.Add(Word("分管宣传", "propaganda_lead", "直接责任人", "宣传委员"));
        if (roles.HasFlag(MemberRole.StudySecretary)) words.Add(Word("学习秘书", "study_secretary"));
        if (roles.HasFlag(MemberRole.Member)) words.Add(Word("成员", "member"));
        return string.Join(Sep(), words);
    }

    private string Form(SessionForm f) => f switch
    {
        SessionForm.Collective => Chance(0.3) ? "" : Word("集体学习研讨", "collective", "集体学习", "专题研讨"),
        SessionForm.Lecture => Word("专题辅导", "lecture", "专家辅导", "辅导报告"),
        SessionForm.Field => Word("走出去", "field", "实地调研", "现场教学", "参观学习"),
        _ => Word("网络学习", "online", "视频学习"),
    };

    private string Tag(ContentTag t) => t switch
    {
        ContentTag.InnovationTheory => Word("创新理论", "innovation_theory", "新思想", "习近平新时代中国特色社会主义思想"),
        ContentTag.PartyRules => Word("党章党规党纪", "party_rules"),
        ContentTag.PartyHistory => Word("党史", "party_history", "四史"),
        _ => Word("法律法规", "law"),
    };

    private string Status(AttendanceStatus s) => s switch
    {
        AttendanceStatus.Present => Word("出席", "present", "参加", "到会"),
        AttendanceStatus.Leave => Word("请假", "leave"),
        _ => Word("缺席", "absent"),
    };

    private string Speech(SpeechKind k) => k switch
    {
        SpeechKind.Keynote => Word("中心发言", "keynote"),
        SpeechKind.Discussion => Chance(0.3) ? "" : Word("交流发言", "discussion"),
        _ => Word("领学", "lead_reading"),
    };

    private string Level(PublishedLevel l) => l == PublishedLevel.None && Chance(0.5) ? "" : Vocab(Vocabularies.Level, l);

    private string Vocab<T>(Vocabulary<T> v, T value) where T : struct, Enum => Chance(0.5) ? v.Zh(value) : English(v.En(value));

    private string Profile(string? p) => p is null ? "" : English(p);

    private void WriteCsv(string folder, List<UnitRecord> units, List<DirectiveRow> directives)
    {
        Table(folder, "units", "单位", [new("unit_id", "单位编码"), new("unit_name", "单位名称"), new("year", "年度"), new("profile", "测评方案"),
                new("has_subordinate_groups", "有下级中心组"), new("agenda_meetings", "党委会研究次数"), new("in_party_building_resp", "纳入党建工作责任制"),
                new("in_ideology_resp", "纳入意识形态工作责任制"), new("platform_active_rate", "学习平台活跃率")],
            units.Select(u => u.Unit).Select(u => new[] { u.UnitId, u.UnitName, Num(u.Year), Profile(u.Profile), Bool(u.HasSubordinateGroups),
                Num(u.AgendaMeetings), Bool(u.InPartyBuildingResp), Bool(u.InIdeologyResp), Rate(u.PlatformActiveRate) }));
        Table(folder, "members", "成员", [new("unit_id", "单位编码"), new("member_id", "成员编码"), new("name", "姓名"), new("role", "角色"),
                new("self_study_plan", "个人自学计划"), new("study_notes", "学习笔记")],
            units.SelectMany(u => u.Members).Select(m => new[] { m.UnitId, m.MemberId, m.Name, Role(m.Roles), Bool(m.SelfStudyPlan), Bool(m.StudyNotes) }));
        Table(folder, "sessions", "学习", [new("unit_id", "单位编码"), new("session_id", "学习编号"), new("date", "日期"), new("duration_minutes", "时长分钟"),
                new("form", "形式"), new("topic", "专题"), new("content_tags", "内容标签"), new("host_id", "主持人编码"), new("acting_reason", "代为主持原因"),
                new("notice_date", "通知日期"), new("materials_issued", "提前印发材料"), new("secretary_remarks", "书记讲评"), new("sign_in", "签到"),
                new("has_record", "有记录"), new("briefing", "简报"), new("linked_issue", "联系实际问题"), new("directive_ids", "上级部署编号")],
            units.SelectMany(u => u.Sessions).Select(s => new[] { s.UnitId, s.SessionId, Date(s.Date), Num(s.DurationMinutes), Form(s.Form),
                s.Topic is null ? "" : Chance(0.2) ? $"  {s.Topic} " : s.Topic,
                string.Join(Sep(), s.Tags.Select(Tag).Concat(s.FreeTags)), s.HostId ?? "", s.ActingReason ?? "", Date(s.NoticeDate),
                Bool(s.MaterialsIssued), Bool(s.SecretaryRemarks), Bool(s.SignIn), Bool(s.HasRecord), Bool(s.Briefing), s.LinkedIssue ?? "",
                string.Join(Sep(), s.DirectiveIds) }));
        Table(folder, "attendance", "考勤", [new("unit_id", "单位编码"), new("session_id", "学习编号"), new("member_id", "成员编码"), new("status", "状态"),
                new("leave_approved", "请假已批准"), new("makeup_date", "补学日期")],
            units.SelectMany(u => u.Attendance).Select(a => new[] { a.UnitId, a.SessionId, a.MemberId, Status(a.Status), Bool(a.LeaveApproved), Date(a.MakeupDate) }));
        Table(folder, "speeches", "发言", [new("unit_id", "单位编码"), new("session_id", "学习编号"), new("member_id", "成员编码"), new("kind", "类型"), new("written", "书面材料")],
            units.SelectMany(u => u.Speeches).Select(s => new[] { s.UnitId, s.SessionId, s.MemberId, Speech(s.Kind), Bool(s.Written) }));
        Table(folder, "outputs", "成果", [new("unit_id", "单位编码"), new("output_id", "成果编号"), new("member_id", Pick("作者编码", "成员编码")), new("kind", "类型"),
                new("title", "标题"), new("date", "日期"), new("published_level", "发表级别"), new("adopted", "采纳批示")],
            units.SelectMany(u => u.Outputs).Select(o => new[] { o.UnitId, o.OutputId, o.MemberId ?? "", Vocab(Vocabularies.Output, o.Kind), o.Title ?? "",
                Date(o.Date), Level(o.PublishedLevel), Bool(o.Adopted) }));
        Table(folder, "documents", "文件", [new("unit_id", "单位编码"), new("doc_id", "文件编号"), new("kind", "类型"), new("title", "标题"), new("date", "日期"),
                new("approved_by", "审定人编码"), new("filed_date", "报送日期"), new("has_topics", "列明专题"), new("has_schedule", "列明时间安排")],
            units.SelectMany(u => u.Documents).Select(d => new[] { d.UnitId, d.DocId, Vocab(Vocabularies.Document, d.Kind), d.Title ?? "", Date(d.Date),
                d.ApprovedBy ?? "", Date(d.FiledDate), Bool(d.HasTopics), Bool(d.HasSchedule) }));
        Table(folder, "events", "活动", [new("unit_id", "单位编码"), new("event_id", "活动编号"), new("kind", "类型"), new("date", "日期"), new("note", "说明")],
            units.SelectMany(u => u.Events).Select(e => new[] { e.UnitId, e.EventId, Vocab(Vocabularies.Event, e.Kind), Date(e.Date), e.Note ?? "" }));
        Table(folder, "directives", "上级部署", [new("directive_id", "部署编号"), new("unit_id", "单位编码"), new("title", "标题"), new("issued_date", "印发日期")],
            directives.Select(d => new[] { d.DirectiveId, d.UnitId ?? Pick("", "*"), d.Title ?? "", Date(d.IssuedDate) }));
        Table(folder, "reviews", "核查", [new("unit_id", "单位编码"), new("finding", "问题类型"), new("note", "说明")],
            units.SelectMany(u => u.Reviews).Select(r => new[] { r.UnitId, Vocab(Vocabularies.Finding, r.Finding), r.Note ?? "" }));
        Table(folder, "waivers", "豁免", [new("unit_id", "单位编码"), new("item_id", "项目编号"), new("justification", "理由"), new("approved_by", "批准人"), new("expires", "截止日期")],
            units.SelectMany(u => u.Waivers).Select(w => new[] { w.UnitId ?? "", Chance(0.2) ? w.ItemId.ToLowerInvariant() : w.ItemId, w.Justification, w.ApprovedBy, Date(w.Expires) }));
    }

    private void Table(string folder, string name, string zh, Col[] cols, IEnumerable<string[]> rows)
    {
        var plain = _shape.Plain;
        var order = plain ? Enumerable.Range(0, cols.Length).ToArray() : Enumerable.Range(0, cols.Length).OrderBy(_ => _r.Next()).ToArray();
        var tab = !plain && Chance(0.2);
        var sep = tab ? "\t" : ",";
        var chinese = !plain && Chance(0.4);
        var sb = new StringBuilder();
        sb.Append(string.Join(sep, order.Select(i => chinese ? cols[i].Zh : !plain && Chance(0.3) ? cols[i].En.ToUpperInvariant() : cols[i].En)));
        sb.Append('\n');
        foreach (var row in rows)
        {
            if (!plain && Chance(0.02))
            {
                sb.Append('\n'); // blank lines are skipped
            }

            sb.Append(string.Join(sep, order.Select(i => Quote(row[i], sep))));
            sb.Append(plain || Chance(0.5) ? "\n" : "\r\n");
        }

        var encoding = plain ? new UTF8Encoding(true) : Pick<Encoding>(new UTF8Encoding(false), new UTF8Encoding(true), Encoding.GetEncoding("GB18030"), new UnicodeEncoding(false, true));
        File.WriteAllText(Path.Combine(folder, !plain && Chance(0.1) ? zh + ".csv" : name + ".csv"), sb.ToString(), encoding);
    }

    private string Quote(string value, string sep) =>
        value.Contains(sep, StringComparison.Ordinal) || value.Contains('"') || value.Contains('\n') || value.Contains('\r') || (value.Length > 0 && Chance(0.1))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
