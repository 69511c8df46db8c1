using Assessment.Core.Model;
using Assessment.Core.Scoring;

namespace Assessment.Rules.Facts;

/// <summary>Computes the facts of one unit: the rubric's terms (S, M, sec, plan, summary) and per-session and
/// per-member aggregates, plus the unit's other rows, one set per table.</summary>
internal static class FactBuilder
{
    public static UnitFacts Unit(UnitRecord r, Rubric rubric)
    {
        var year = new StudyYear(r.Unit.Year);
        var group = r.Members.Where(m => m.IsGroupMember).ToArray();
        return new UnitFacts(
            r.Unit,
            year,
            group.FirstOrDefault(m => (m.Roles & MemberRole.Secretary) != 0),
            group.Select(m => m.MemberId).ToArray(),
            r.Sessions.Where(s => year.InYear(s.Date)).Select(s => s.SessionId).ToArray(),
            PickDocument(r.Documents, DocumentKind.Plan, year, latest: false),
            PickDocument(r.Documents, DocumentKind.Summary, year, latest: true))
        {
            Rubric = rubric,
            Directives = r.Directives,
        };
    }

    /// <summary>The plan (earliest) or summary (latest) dated in W(Y); else the first blank-dated one; ties to file order.</summary>
    public static DocumentRow? PickDocument(IEnumerable<DocumentRow> documents, DocumentKind kind, StudyYear year, bool latest)
    {
        DocumentRow? best = null, firstBlank = null;
        foreach (var d in documents.Where(d => d.Kind == kind))
        {
            if (d.Date is not { } date)
            {
                firstBlank ??= d;
            }
            else if (year.InWindowOrBlank(date) && (best is null || (latest ? date > best.Date!.Value : date < best.Date!.Value)))
            {
                best = d;
            }
        }

        return best ?? firstBlank;
    }

    /// <summary>The facts of one unit, its <see cref="UnitFacts"/> first.</summary>
    public static List<object> Build(UnitRecord r, Rubric rubric)
    {
        var unit = Unit(r, rubric);
        var secId = unit.Secretary?.MemberId;

        // Ids are unique within a valid unit: number M and S, then count attendance and speeches in one pass each.
        var memberIndex = new Dictionary<string, int>(unit.M, StringComparer.Ordinal);
        foreach (var id in unit.MemberIds)
        {
            memberIndex[id] = memberIndex.Count;
        }

        var sessionIndex = new Dictionary<string, int>(unit.N, StringComparer.Ordinal);
        foreach (var id in unit.SessionIds)
        {
            sessionIndex[id] = sessionIndex.Count;
        }

        var perSession = new SessionCounts[unit.N];
        var seen = new bool[unit.N * unit.M];
        foreach (var a in r.Attendance)
        {
            if (!sessionIndex.TryGetValue(a.SessionId, out var s) || !memberIndex.TryGetValue(a.MemberId, out var m))
            {
                continue;
            }

            ref var c = ref perSession[s];
            c.Rows++;
            c.Distinct += seen[s * unit.M + m] ? 0 : 1;
            seen[s * unit.M + m] = true;
            switch (a.Status)
            {
                case AttendanceStatus.Present:
                    c.Present++;
                    break;
                case AttendanceStatus.Leave:
                    c.Leave++;
                    c.LeaveApproved += a.LeaveApproved == true ? 1 : 0;
                    goto default;
                default:
                    c.Away++;
                    c.MadeUp += a.MakeupDate is not null ? 1 : 0;
                    break;
            }
        }

        var perMember = new MemberCounts[unit.M];
        foreach (var x in r.Speeches)
        {
            if (!sessionIndex.TryGetValue(x.SessionId, out var s) || !memberIndex.TryGetValue(x.MemberId, out var m))
            {
                continue;
            }

            perSession[s].Discussion += x.Kind is SpeechKind.Keynote or SpeechKind.Discussion ? 1 : 0;
            perSession[s].SecretarySpoke |= x.MemberId == secId;
            perMember[m].Speeches++;
            perMember[m].Written += x.Written == true ? 1 : 0;
        }

        foreach (var o in r.Outputs)
        {
            if (o.MemberId is null || !unit.Year.InYearOrBlank(o.Date) || !memberIndex.TryGetValue(o.MemberId, out var m))
            {
                continue;
            }

            ref var c = ref perMember[m];
            switch (o.Kind)
            {
                case OutputKind.ResearchReport:
                    c.ResearchReports++;
                    break;
                case OutputKind.Article or OutputKind.Reflection:
                    c.Articles++;
                    break;
                case OutputKind.PartyLecture:
                    c.PartyLectures++;
                    break;
                case OutputKind.Talk:
                    c.Talks++;
                    break;
            }
        }

        var facts = new List<object>(8) { unit };
        var sessionFacts = new List<SessionFact>(unit.N);
        var memberFacts = new List<MemberFact>(unit.M);
        foreach (var s in r.Sessions)
        {
            if (sessionIndex.TryGetValue(s.SessionId, out var i))
            {
                var c = perSession[i];
                sessionFacts.Add(new SessionFact(s, c.Present, c.Leave, c.LeaveApproved, c.Away + unit.M - c.Distinct, c.MadeUp, c.Rows,
                    c.Discussion, secId is not null && c.SecretarySpoke));
            }
        }

        foreach (var m in r.Members)
        {
            if (m.IsGroupMember && memberIndex.TryGetValue(m.MemberId, out var i))
            {
                var c = perMember[i];
                memberFacts.Add(new MemberFact(m, m.MemberId == secId, c.Speeches, c.Written, c.ResearchReports, c.Articles, c.PartyLectures, c.Talks));
            }
        }

        // In file order (a stable sort: rows from JSON or XLSX imports may share a line number), so that the rules
        // do not each sort them again.
        facts.Add(new SessionFacts(unit, FileOrder.ByLine(sessionFacts, x => x.Row.Source.Line)));
        facts.Add(new MemberFacts(unit, FileOrder.ByLine(memberFacts, x => x.Row.Source.Line)));
        facts.Add(new RowSet<MemberRow>(unit, r.Members));
        facts.Add(new RowSet<OutputRow>(unit, r.Outputs));
        facts.Add(new RowSet<DocumentRow>(unit, r.Documents));
        facts.Add(new RowSet<EventRow>(unit, r.Events));
        facts.Add(new RowSet<ReviewRow>(unit, r.Reviews));
        return facts;
    }

    private struct SessionCounts
    {
        public int Rows, Distinct, Present, Leave, LeaveApproved, Away, MadeUp, Discussion;
        public bool SecretarySpoke;
    }

    private struct MemberCounts
    {
        public int Speeches, Written, ResearchReports, Articles, PartyLectures, Talks;
    }
}
