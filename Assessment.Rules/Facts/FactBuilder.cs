using Assessment.Core.Model;
using Assessment.Core.Scoring;

namespace Assessment.Rules.Facts;

/// <summary>Computes the facts of one unit: the rubric's terms (S, M, sec, plan, summary) and per-session and
/// per-member aggregates, plus the unit's other rows as they are.</summary>
internal static class FactBuilder
{
    public static UnitFacts Unit(UnitRecord r)
    {
        var year = new StudyYear(r.Unit.Year);
        var group = r.Members.Where(m => m.IsGroupMember).ToArray();
        return new UnitFacts(
            r.Unit,
            year,
            group.FirstOrDefault(m => m.Roles.HasFlag(MemberRole.Secretary)),
            group.Select(m => m.MemberId).ToArray(),
            r.Sessions.Where(s => year.InYear(s.Date)).Select(s => s.SessionId).ToArray(),
            PickDocument(r.Documents, DocumentKind.Plan, year, latest: false),
            PickDocument(r.Documents, DocumentKind.Summary, year, latest: true));
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

    public static List<object> Build(UnitRecord r)
    {
        var unit = Unit(r);
        var members = new HashSet<string>(unit.MemberIds, StringComparer.Ordinal);
        var sessions = new HashSet<string>(unit.SessionIds, StringComparer.Ordinal);
        var secId = unit.Secretary?.MemberId;

        var attendance = r.Attendance.Where(a => sessions.Contains(a.SessionId) && members.Contains(a.MemberId))
            .ToLookup(a => a.SessionId, StringComparer.Ordinal);
        var speeches = r.Speeches.Where(s => sessions.Contains(s.SessionId) && members.Contains(s.MemberId)).ToArray();
        var speechesBySession = speeches.ToLookup(s => s.SessionId, StringComparer.Ordinal);
        var speechesByMember = speeches.ToLookup(s => s.MemberId, StringComparer.Ordinal);
        var outputsByMember = r.Outputs.Where(o => o.MemberId is not null && unit.Year.InYearOrBlank(o.Date))
            .ToLookup(o => o.MemberId!, StringComparer.Ordinal);

        var facts = new List<object>(r.Sessions.Count + r.Members.Count * 2 + r.Outputs.Count + r.Documents.Count + 8) { unit };
        foreach (var s in r.Sessions.Where(s => sessions.Contains(s.SessionId)))
        {
            var rows = attendance[s.SessionId].ToArray();
            var leave = rows.Where(a => a.Status == AttendanceStatus.Leave).ToArray();
            var away = rows.Where(a => a.Status != AttendanceStatus.Present).ToArray();
            var missing = unit.M - rows.Select(a => a.MemberId).Distinct(StringComparer.Ordinal).Count();
            var said = speechesBySession[s.SessionId].ToArray();
            facts.Add(new SessionFact(
                s,
                rows.Count(a => a.Status == AttendanceStatus.Present),
                leave.Length,
                leave.Count(a => a.LeaveApproved == true),
                away.Length + missing,
                away.Count(a => a.MakeupDate is not null),
                rows.Length,
                said.Count(x => x.Kind is SpeechKind.Keynote or SpeechKind.Discussion),
                secId is not null && said.Any(x => x.MemberId == secId)));
        }

        foreach (var m in r.Members.Where(m => m.IsGroupMember))
        {
            var said = speechesByMember[m.MemberId].ToArray();
            var outs = outputsByMember[m.MemberId].ToArray();
            facts.Add(new MemberFact(
                m,
                m.MemberId == secId,
                said.Length,
                said.Count(x => x.Written == true),
                outs.Count(o => o.Kind == OutputKind.ResearchReport),
                outs.Count(o => o.Kind is OutputKind.Article or OutputKind.Reflection),
                outs.Count(o => o.Kind == OutputKind.PartyLecture),
                outs.Count(o => o.Kind == OutputKind.Talk)));
        }

        facts.AddRange(r.Members);
        facts.AddRange(r.Outputs);
        facts.AddRange(r.Documents);
        facts.AddRange(r.Events);
        facts.AddRange(r.Directives);
        facts.AddRange(r.Reviews);
        return facts;
    }
}
