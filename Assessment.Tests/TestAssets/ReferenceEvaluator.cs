using Assessment.Core.Model;

namespace Assessment.Tests.TestAssets;

/// <summary>The rubric of the spec (rubric.md) written a second time in plain C#, straight from the text, with the
/// spec's parameter table hard-coded. It shares nothing with the engine but the row records, so that the NRules
/// engine, its fact builder and the rubric JSON files are checked against an independent reading of the spec.</summary>
internal static class ReferenceEvaluator
{
    public sealed record Item(string Id, decimal Score, string Status, IReadOnlySet<string> Evidence);

    public sealed record Result(
        IReadOnlyList<Item> Items, IReadOnlyList<string> Vetoes, IReadOnlyDictionary<string, decimal> Bonus,
        decimal Base, decimal BonusTotal, decimal Total, decimal TotalWithoutWaivers, string Grade);

    private sealed record P(
        int MinSessions, string PlanDeadline, int NoticeDays, int MinTopics, int MinLectures, int MinBulletins, int VetoMin)
    {
        public static readonly P Standard = new(12, "01-31", 7, 4, 2, 2, 4);
        public static readonly P Grassroots = new(6, "02-28", 3, 3, 1, 1, 2);
    }

    private static readonly (string Id, decimal Max)[] Maxima =
    [
        ("ZT-01", 3), ("ZT-02", 2), ("ZT-03", 3), ("ZT-04", 2), ("DY-01", 2), ("DY-02", 4), ("DY-03", 2), ("DY-04", 2),
        ("ZJ-01", 2), ("ZJ-02", 2), ("ZJ-03", 2), ("ZJ-04", 2), ("NR-01", 5), ("NR-02", 3), ("NR-03", 2), ("NR-04", 2), ("NR-05", 2),
        ("XS-01", 8), ("XS-02", 2), ("XS-03", 3), ("XS-04", 3), ("XS-05", 2), ("XS-06", 2), ("XS-07", 2),
        ("ZD-01", 3), ("ZD-02", 4), ("ZD-03", 2), ("ZD-04", 3), ("ZD-05", 2), ("ZD-06", 2),
        ("CX-01", 3), ("CX-02", 5), ("CX-03", 4), ("CX-04", 3), ("CX-05", 5),
    ];

    private static readonly Dictionary<string, decimal> CategoryMax = new() { ["ZT"] = 10, ["DY"] = 10, ["ZJ"] = 8, ["NR"] = 14, ["XS"] = 22, ["ZD"] = 16, ["CX"] = 20 };

    public static Result Evaluate(UnitRecord r, string? rubricOverride, DateOnly asOf)
    {
        var profile = rubricOverride ?? (r.Unit.Profile == "grassroots" ? "grassroots" : "standard");
        var p = profile == "grassroots" ? P.Grassroots : P.Standard;
        var y = r.Unit.Year;
        bool InYear(DateOnly d) => d.Year == y;
        bool InYearOrBlank(DateOnly? d) => d is null || InYear(d.Value);
        var wStart = new DateOnly(y - 1, 11, 1);
        var wEnd = new DateOnly(y + 1, 3, 31);
        bool InW(DateOnly? d) => d is null || (d.Value >= wStart && d.Value <= wEnd);

        var S = r.Sessions.Where(s => InYear(s.Date)).ToList();
        var n = S.Count;
        var sIds = S.Select(s => s.SessionId).ToHashSet();
        var M = r.Members.Where(m => (m.Roles & (MemberRole.Secretary | MemberRole.PropagandaLead | MemberRole.Member)) != 0).ToList();
        var m = M.Count;
        var mIds = M.Select(x => x.MemberId).ToHashSet();
        var sec = M.SingleOrDefault(x => x.Roles.HasFlag(MemberRole.Secretary));

        DocumentRow? Pick(DocumentKind kind, bool latest)
        {
            var dated = r.Documents.Where(d => d.Kind == kind && d.Date is not null && InW(d.Date)).ToList();
            if (dated.Count > 0)
            {
                var best = latest ? dated.Max(d => d.Date!.Value) : dated.Min(d => d.Date!.Value);
                return dated.First(d => d.Date == best);
            }

            return r.Documents.FirstOrDefault(d => d.Kind == kind && d.Date is null);
        }

        var plan = Pick(DocumentKind.Plan, false);
        var summary = Pick(DocumentKind.Summary, true);
        var pairs = S.SelectMany(s => M.Select(x => (s, x))).ToList();
        var att = r.Attendance.Where(a => sIds.Contains(a.SessionId) && mIds.Contains(a.MemberId)).ToDictionary(a => (a.SessionId, a.MemberId));
        var speechesInS = r.Speeches.Where(x => sIds.Contains(x.SessionId) && mIds.Contains(x.MemberId)).ToList();
        var outputsInYear = r.Outputs.Where(o => InYearOrBlank(o.Date)).ToList();
        var eventsInYear = r.Events.Where(e => InYearOrBlank(e.Date)).ToList();

        var items = new Dictionary<string, (decimal Exact, bool Na, HashSet<string> Ev)>();
        void Put(string id, decimal exact, IEnumerable<string> ev, bool na = false) => items[id] = (exact, na, ev.ToHashSet());
        var allS = S.Select(s => s.SessionId).ToList();
        var allM = M.Select(x => x.MemberId).ToList();
        var sAndM = n > 0 && m > 0 ? allS.Concat(allM).ToList() : [];

        // ZT
        var u = r.Unit;
        Put("ZT-01", u.AgendaMeetings is null ? 0 : u.AgendaMeetings >= 1 ? 3 : 0, u.AgendaMeetings is null ? [] : ["agenda_meetings"]);
        Put("ZT-02", (u.InPartyBuildingResp == true ? 1 : 0) + (u.InIdeologyResp == true ? 1 : 0),
            new[] { u.InPartyBuildingResp is null ? null : "in_party_building_resp", u.InIdeologyResp is null ? null : "in_ideology_resp" }.OfType<string>());
        var deadline = DateOnly.ParseExact($"{y}-{p.PlanDeadline}", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Put("ZT-03", plan is null ? 0 : 1.5m + (plan.Date is { } pd && pd <= deadline ? 0.5m : 0) + (plan.HasTopics == true ? 0.5m : 0) + (plan.HasSchedule == true ? 0.5m : 0),
            plan is null ? [] : [plan.DocId]);
        var guide = eventsInYear.Where(e => e.Kind is EventKind.SitIn or EventKind.Inspection).Select(e => e.EventId).ToList();
        if (u.HasSubordinateGroups != true)
        {
            Put("ZT-04", 2, guide, na: true);
        }
        else
        {
            Put("ZT-04", guide.Count >= 2 ? 2 : guide.Count == 1 ? 1 : 0, guide);
        }

        // DY
        Put("DY-01", plan is null ? 0 : plan.ApprovedBy is null ? 1 : sec is not null && plan.ApprovedBy == sec.MemberId ? 2 : 0, plan is null ? [] : [plan.DocId]);
        {
            var h = S.Count(s => (sec is not null && s.HostId == sec.MemberId) || s.ActingReason is not null);
            var rr = n == 0 ? 0 : (decimal)h / n;
            Put("DY-02", n == 0 ? 0 : rr >= 0.8m ? 4 : rr >= 0.6m ? 3 : rr >= 0.4m ? 2 : rr > 0 ? 1 : 0, allS);
            var k = S.Count(s => s.SecretaryRemarks == true);
            var r3 = n == 0 ? 0 : (decimal)k / n;
            Put("DY-03", n == 0 ? 0 : r3 >= 0.8m ? 2 : r3 >= 0.5m ? 1 : 0, allS);
        }

        Put("DY-04", sec is null ? 0
            : (outputsInYear.Any(o => o.MemberId == sec.MemberId && o.Kind == OutputKind.PartyLecture) ? 1 : 0)
              + (speechesInS.Any(x => x.MemberId == sec.MemberId) ? 1 : 0),
            sec is null ? [] : [sec.MemberId]);

        // ZJ
        var leads = M.Where(x => x.Roles.HasFlag(MemberRole.PropagandaLead)).Select(x => x.MemberId).ToList();
        var schedules = r.Documents.Where(d => d.Kind == DocumentKind.TopicSchedule && InW(d.Date)).Select(d => d.DocId).ToList();
        Put("ZJ-01", (leads.Count > 0 ? 1 : 0) + (schedules.Count > 0 ? 1 : 0), leads.Concat(schedules));
        var staff = r.Members.Where(x => x.Roles.HasFlag(MemberRole.StudySecretary)).Select(x => x.MemberId).ToList();
        Put("ZJ-02", staff.Count > 0 ? 2 : 0, staff);
        var prepared = S.Count(s => s.NoticeDate is not null && s.NoticeDate.Value <= s.Date.AddDays(-p.NoticeDays) && s.MaterialsIssued == true);
        Put("ZJ-03", n == 0 ? 0 : 2m * prepared / n, allS);
        var briefed = S.Count(s => s.Briefing == true);
        var zj4Ev = allS.ToList();
        if (plan is not null)
        {
            zj4Ev.Add(plan.DocId);
        }

        if (summary is not null)
        {
            zj4Ev.Add(summary.DocId);
        }

        Put("ZJ-04", (n > 0 && (decimal)briefed / n >= 0.5m ? 1 : 0) + (plan?.FiledDate is not null ? 0.5m : 0) + (summary?.FiledDate is not null ? 0.5m : 0), zj4Ev);

        // NR
        {
            var k = S.Count(s => s.Tags.Contains(ContentTag.InnovationTheory));
            var rr = n == 0 ? 0 : (decimal)k / n;
            Put("NR-01", n == 0 ? 0 : rr >= 0.5m ? 5 : rr >= 0.3m ? 3 : rr > 0 ? 1 : 0, allS);
        }

        var D = r.Directives.Where(d => InYear(d.IssuedDate)).ToList();
        if (D.Count == 0)
        {
            Put("NR-02", 3, [], na: true);
        }
        else
        {
            var timely = D.Count(d => S.Any(s => s.DirectiveIds.Contains(d.DirectiveId) && s.Date.DayNumber - d.IssuedDate.DayNumber is >= 0 and <= 30));
            Put("NR-02", 3m * timely / D.Count, D.Select(d => d.DirectiveId));
        }

        var c = new[] { ContentTag.PartyRules, ContentTag.PartyHistory, ContentTag.Law }.Count(t => S.Any(s => s.Tags.Contains(t)));
        Put("NR-03", n == 0 ? 0 : c >= 2 ? 2 : c, allS);
        var linked = S.Count(s => s.LinkedIssue is not null);
        Put("NR-04", n == 0 ? 0 : linked >= 2 ? 2 : linked, allS);
        var distinct = S.Where(s => s.Topic is not null).Select(s => s.Topic!.Trim()).Distinct().Count();
        var withTopic = S.Count(s => s.Topic is not null);
        Put("NR-05", n == 0 ? 0 : ((distinct >= p.MinTopics ? 1m : 0m) * n + withTopic) / n, allS);

        // XS
        var quartersEmpty = 4 - S.Select(s => (s.Date.Month - 1) / 3).Distinct().Count();
        Put("XS-01", n == 0 ? 0 : Math.Max(0, 8 - Math.Max(0, p.MinSessions - n) - 2 * quartersEmpty), allS);
        Put("XS-02", n == 0 ? 0 : Math.Max(0, 2 - 0.5m * S.Count(s => s.DurationMinutes is null || s.DurationMinutes < 120)), allS);
        if (n == 0 || m == 0)
        {
            Put("XS-03", 0, []);
        }
        else
        {
            var lively = S.Count(s => speechesInS.Count(x => x.SessionId == s.SessionId && x.Kind is SpeechKind.Keynote or SpeechKind.Discussion) >= 2);
            var spoke = M.Count(x => speechesInS.Count(z => z.MemberId == x.MemberId) >= 1);
            Put("XS-03", ((decimal)lively / n >= 0.7m ? 1.5m : 0) + 1.5m * spoke / m, allM);
        }

        Put("XS-04", m == 0 ? 0 : 1.5m * (M.Count(x => x.SelfStudyPlan == true) + M.Count(x => x.StudyNotes == true)) / m, allM);
        var lectures = S.Count(s => s.Form == SessionForm.Lecture);
        Put("XS-05", lectures >= p.MinLectures ? 2 : lectures >= 1 ? 1 : 0, allS);
        Put("XS-06", S.Count(s => s.Form == SessionForm.Field) >= 1 ? 2 : 0, allS);
        var rate = u.PlatformActiveRate;
        Put("XS-07", rate is null ? 0 : rate >= 0.5m ? 2 : rate >= 0.3m ? 1 : 0, rate is null ? [] : ["platform_active_rate"]);

        // ZD
        if (n == 0)
        {
            Put("ZD-01", 0, []);
        }
        else
        {
            var signed = S.Count(s => s.SignIn == true);
            var L = att.Values.Count(a => a.Status == AttendanceStatus.Leave);
            var approved = att.Values.Count(a => a.Status == AttendanceStatus.Leave && a.LeaveApproved == true);
            Put("ZD-01", L == 0 ? 1.5m * signed / n + 1.5m : 1.5m * (signed * L + approved * n) / (n * L), allS);
        }

        if (n == 0 || m == 0)
        {
            Put("ZD-02", 0, []);
            Put("ZD-03", 0, []);
        }
        else
        {
            var present = pairs.Count(x => att.TryGetValue((x.s.SessionId, x.x.MemberId), out var a) && a.Status == AttendanceStatus.Present);
            var target = 0.9m * m * n;
            decimal zd2 = present >= target ? 4 : present < 0.8m * m * n ? 0 : 4 - 20 * (target - present) / (m * n);
            Put("ZD-02", zd2, sAndM);
            var away = pairs.Where(x => !att.TryGetValue((x.s.SessionId, x.x.MemberId), out var a) || a.Status != AttendanceStatus.Present).ToList();
            var madeUp = away.Count(x => att.TryGetValue((x.s.SessionId, x.x.MemberId), out var a) && a.MakeupDate is not null);
            Put("ZD-03", away.Count == 0 ? 2 : 2m * madeUp / away.Count, sAndM);
        }

        var complete = S.Count(s => s.HasRecord == true && s.Topic is not null && s.HostId is not null && s.DurationMinutes is not null
            && att.Keys.Any(k => k.SessionId == s.SessionId));
        Put("ZD-04", n == 0 ? 0 : 3m * complete / n, allS);
        var rules = r.Documents.Where(d => d.Kind == DocumentKind.Rules && (d.Date is null || d.Date <= wEnd)).Select(d => d.DocId).ToList();
        var archives = r.Documents.Where(d => d.Kind == DocumentKind.Archive && InW(d.Date)).Select(d => d.DocId).ToList();
        Put("ZD-05", (rules.Count > 0 ? 1 : 0) + (archives.Count > 0 ? 1 : 0), rules.Concat(archives));
        var bulletins = r.Documents.Where(d => d.Kind == DocumentKind.Bulletin && InW(d.Date)).Select(d => d.DocId).ToList();
        var reviews = r.Documents.Where(d => d.Kind == DocumentKind.MemberReview && InW(d.Date)).Select(d => d.DocId).ToList();
        Put("ZD-06", (bulletins.Count >= p.MinBulletins ? 1 : 0) + (reviews.Count > 0 ? 1 : 0), bulletins.Concat(reviews));

        // CX
        int Outputs(string member, params OutputKind[] kinds) => outputsInYear.Count(o => o.MemberId == member && kinds.Contains(o.Kind));
        Put("CX-01", m == 0 ? 0 : 3m * M.Count(x => speechesInS.Any(z => z.MemberId == x.MemberId && z.Written == true)) / m, allM);
        Put("CX-02", m == 0 ? 0 : 5m * M.Count(x => Outputs(x.MemberId, OutputKind.ResearchReport) >= 1) / m, allM);
        Put("CX-03", m == 0 ? 0 : 4m * M.Count(x => Outputs(x.MemberId, OutputKind.Article, OutputKind.Reflection) >= 1) / m, allM);
        if (m == 0)
        {
            Put("CX-04", 0, []);
        }
        else
        {
            var first = sec is not null && Outputs(sec.MemberId, OutputKind.PartyLecture) > 0 ? 1.5m : 0;
            var others = M.Where(x => x != sec).ToList();
            var second = others.Count == 0 ? 0 : 1.5m * others.Count(x => Outputs(x.MemberId, OutputKind.PartyLecture, OutputKind.Talk) > 0) / others.Count;
            Put("CX-04", first + second, allM);
        }

        var conv = outputsInYear.Where(o => o.Kind == OutputKind.Conversion).Select(o => o.OutputId).ToList();
        Put("CX-05", conv.Count >= 4 ? 5 : conv.Count >= 2 ? 3 : conv.Count == 1 ? 1 : 0, conv);

        // Results, waivers, totals
        var waived = r.Waivers.Where(w => w.Expires is null || w.Expires >= asOf).Select(w => w.ItemId).ToHashSet();
        var list = new List<Item>();
        decimal baseScore = 0, without = 0;
        var byCategory = CategoryMax.Keys.ToDictionary(k => k, _ => 0m);
        foreach (var (id, max) in Maxima)
        {
            var (exact, na, ev) = items[id];
            var score = Math.Round(Math.Min(max, Math.Max(0, exact)), 2, MidpointRounding.AwayFromZero);
            var status = waived.Contains(id) ? "Waived" : na ? "NotApplicable" : score == max ? "Met" : score > 0 ? "Partial" : ev.Count > 0 ? "NotMet" : "NoEvidence";
            var final = waived.Contains(id) || na ? max : score;
            list.Add(new Item(id, final, status, ev));
            baseScore += final;
            without += na ? max : score;
            byCategory[id[..2]] += final;
        }

        var vetoes = new List<string>();
        if (n < p.VetoMin)
        {
            vetoes.Add("FJ-01");
        }

        if (r.Reviews.Any(x => x.Finding == Finding.Falsification))
        {
            vetoes.Add("FJ-02");
        }

        if (r.Reviews.Any(x => x.Finding == Finding.PoliticalIncident))
        {
            vetoes.Add("FJ-03");
        }

        var bonus = new Dictionary<string, decimal>
        {
            ["JF-01"] = Math.Min(3, outputsInYear.Count(o => o.PublishedLevel is PublishedLevel.City or PublishedLevel.Province or PublishedLevel.National)),
            ["JF-02"] = Math.Min(2, outputsInYear.Count(o => o.Adopted == true)),
            ["JF-03"] = eventsInYear.Any(e => e.Kind is EventKind.Award or EventKind.Promoted) ? 2 : 0,
        };
        var bonusTotal = Math.Min(5, bonus.Values.Sum());
        var total = baseScore + bonusTotal;
        var grade = vetoes.Count > 0 ? "fail"
            : total >= 90 && byCategory.All(kv => kv.Value >= 0.6m * CategoryMax[kv.Key]) ? "excellent"
            : total >= 80 ? "good"
            : total >= 60 ? "pass"
            : "fail";
        return new Result(list, vetoes, bonus, baseScore, bonusTotal, total, without + bonusTotal, grade);
    }
}
